import CSEYAML
import Foundation
import Testing

/// Loads the OSCAL corpus (a 3.2 MB YAML catalog and its JSON twin) and prints how long it takes.
/// There is no timing assertion: the machine is shared; the printed line is for people.
struct OSCALCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus/oscal")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "the OSCAL corpus is not at ../shared/corpus/oscal"))
    func loadsOSCALCorpus() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
        var trees: [String: Node] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".json") {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            var best = Duration.seconds(1000)
            var loaded: [Node] = []
            for _ in 0..<3 {
                let clock = ContinuousClock()
                let start = clock.now
                let (n, diagnostics) = DocumentLoader.load(bytes, path: name, format: DocumentFormat(path: name))
                best = min(best, clock.now - start)
                #expect(diagnostics.isEmpty, "\(name): \(diagnostics.prefix(3))")
                if let n { loaded.append(n) }
            }
            trees[name] = try #require(loaded.last)
            print("oscal corpus: \(name) (\(bytes.count) bytes) loaded in \(best.formatted(.units(allowed: [.milliseconds])))")
        }
        // The YAML catalog and the minified JSON catalog are the same document.
        let yaml = trees["NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog.yaml"]
        let json = trees["NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json"]
        if let yaml, let json { #expect(yaml.jsonEquals(json)) }
    }
}
