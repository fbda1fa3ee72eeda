import Foundation
import Testing

/// Every diagnostic ID the sources can produce is documented in docs/diagnostics.md.
@Suite struct DiagnosticCatalogueTests {
    @Test func everyIDInTheSourcesIsDocumented() throws {
        let root = TestRegistry.repositoryRoot
        let catalogue = try String(contentsOf: root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let groups = "input|yaml|json|schema|layout|signal|mapping|framework|control|text|readme|dataset|release|registry|emit|crosswalk|gap|oscal|template|markdown|api|tool|artifact|site|config|output"
        let pattern = try NSRegularExpression(pattern: "(?:id: |DiagnosticID = |DiagnosticID\\()\"((?:\(groups))\\.[a-z][a-z-]*)\"")
        var missing: Set<String> = []
        var found = 0
        let sources = root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in walker where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let id = (text as NSString).substring(with: match.range(at: 1))
                found += 1
                if !catalogue.contains("`\(id)`") { missing.insert(id) }
            }
        }
        #expect(found > 50, "the scan found only \(found) IDs; is the pattern still right?")
        #expect(missing.isEmpty, "undocumented diagnostic IDs: \(missing.sorted())")
    }
}
