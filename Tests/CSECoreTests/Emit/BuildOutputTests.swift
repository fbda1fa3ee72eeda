import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

/// `cse build`'s outputs: the golden tree, schema validity of every file, determinism.
@Suite struct BuildOutputTests {
    static let goldenInput = Golden.fixtures.appendingPathComponent("golden/input")

    static func plan(root: String, fileSystem: (any FileSystem)? = nil) throws -> (OutputPlan, LoadResult) {
        let fs = fileSystem ?? LocalFileSystem(root: root)
        let loaded = try RegistryLoader(fileSystem: fs, schemas: TestRegistry.schemas).load()
        let registry = try #require(loaded.registry, "\(loaded.diagnostics.map(ToolDiagnosticFormatter.line))")
        let publishedAt = try #require(registry.config.publishedAt)
        let (plan, diagnostics) = RegistryBuilder(context: BuildContext(registry: registry, publishedAt: publishedAt), schemas: TestRegistry.schemas).plan()
        #expect(diagnostics.isEmpty)
        return (plan, loaded)
    }

    @Test func goldenTreeMatches() throws {
        let (plan, _) = try Self.plan(root: Self.goldenInput.path)
        try Golden.assertTree(Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.bytes) }), matches: "golden/expected")
    }

    /// The compute documents and the API tree of the golden registry, every file (`RECORD_GOLDENS=1`).
    @Test func computeAndAPITreesMatch() throws {
        let loaded = try RegistryLoader(fileSystem: LocalFileSystem(root: Self.goldenInput.path), schemas: TestRegistry.schemas).load()
        var registry = try #require(loaded.registry)
        registry.config.outputs = [.compute, .api]
        let (plan, diagnostics) = RegistryBuilder(
            context: BuildContext(registry: registry, publishedAt: try #require(registry.config.publishedAt)), schemas: TestRegistry.schemas
        ).plan()
        #expect(diagnostics.isEmpty)
        try Golden.assertTree(Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.bytes) }), matches: "golden/expected-compute-api")
    }

    @Test func checksumsCoverEveryFileAndMatch() throws {
        let (plan, _) = try Self.plan(root: Self.goldenInput.path)
        let files = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.bytes) })
        let sums = String(decoding: try #require(files["SHA256SUMS"]), as: UTF8.self)
        let listed = sums.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1) }
        #expect(Set(listed.map { String($0[1]).trimmingCharacters(in: .whitespaces) }) == Set(files.keys).subtracting(["SHA256SUMS"]))
        let manifestBytes = try #require(files["manifest.json"])
        let manifest = try #require(DocumentLoader.load(manifestBytes, path: "manifest.json", format: .json).0)
        #expect(manifest["file_count"]?.int == files.count - 2)
    }

    /// Every JSON document of this repository's own build validates against its published schema.
    @Test func repositoryBuildValidatesAgainstPublishedSchemas() throws {
        let plan = RepositoryBuild.built.files.map { OutputFile(path: $0.key, bytes: $0.value) }
        #expect(RepositoryBuild.built.diagnostics.filter { $0.severity == .error }.isEmpty)
        let schemaFor: [(prefix: String, suffix: String, schema: String)] = [
            ("cse-registry.", ".json", "registry.schema.json"), ("index.json", "", "registry-index.schema.json"),
            ("domains/", ".json", "domain.schema.json"), ("signals/", "/signal.json", "signal.schema.json"),
            ("mappings/index.json", "", "mapping-index.schema.json"), ("mappings/by-control/", ".json", "mapping-by-control.schema.json"),
            ("mappings/by-signal.json", "", "mapping-by-signal.schema.json"), ("mappings/", ".json", "mapping-file.schema.json"),
            ("crosswalks/index.json", "", "crosswalk-index.schema.json"), ("crosswalks/", ".json", "crosswalk-pair.schema.json"),
            ("coverage/index.json", "", "coverage-index.schema.json"), ("coverage/", ".json", "coverage.schema.json"),
            ("stats.json", "", "stats.schema.json"), ("manifest.json", "", "manifest.schema.json"),
            ("search/index.json", "", "search-index.schema.json"),
        ]
        var checked: [String: Int] = [:]
        var unchecked: [String] = []
        for file in plan {
            if file.path.hasSuffix(".ndjson") {
                for line in file.bytes.split(separator: 0x0A).prefix(20) {
                    let node = try #require(DocumentLoader.load(Array(line), path: file.path, format: .json).0)
                    let problems = TestRegistry.schemas.validate(node, schema: "registry.schema.json#/$defs/signalIndexEntry", file: file.path)
                    #expect(problems.map(ToolDiagnosticFormatter.line) == [])
                }
                checked["ndjson", default: 0] += 1
                continue
            }
            // The v1/ tree is checked against its OpenAPI contract by APIContractTests.
            if file.path.hasPrefix("v1/") { continue }
            guard let rule = schemaFor.first(where: { file.path.hasPrefix($0.prefix) && file.path.hasSuffix($0.suffix) }) else {
                unchecked.append(file.path)
                continue
            }
            let (node, found) = DocumentLoader.load(file.bytes, path: file.path, format: .json)
            #expect(found.isEmpty)
            let problems = TestRegistry.schemas.validate(try #require(node), schema: rule.schema, file: file.path)
            #expect(problems.map(ToolDiagnosticFormatter.line) == [], "\(file.path) against \(rule.schema)")
            checked[rule.schema, default: 0] += 1
        }
        // The only files without a document schema: checksums, and the schemas themselves (checked
        // against the metaschema elsewhere).
        #expect(unchecked.allSatisfy { $0 == "SHA256SUMS" || $0.hasPrefix("schemas/") || !$0.hasSuffix(".json") }, "\(unchecked)")
        #expect(checked["signal.schema.json", default: 0] > 200)
        #expect(checked["registry.schema.json"] == 2)
    }

    /// Two checkouts at different paths, and a file system that lists folders in reverse, give the same bytes.
    @Test func outputIsIndependentOfCheckoutPathAndListingOrder() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-determinism-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        let a = base.appendingPathComponent("first/checkout"), b = base.appendingPathComponent("second-place")
        try fm.createDirectory(at: a.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.goldenInput, to: a)
        try fm.copyItem(at: Self.goldenInput, to: b)
        let (planA, _) = try Self.plan(root: a.path)
        let (planB, _) = try Self.plan(root: b.path, fileSystem: ReversedListingFileSystem(base: LocalFileSystem(root: b.path)))
        #expect(planA.sortedFiles == planB.sortedFiles)
        #expect(!planA.files.isEmpty)
    }
}

/// A file system that lists every folder in reverse order, to prove the build does not depend on it.
struct ReversedListingFileSystem: FileSystem {
    var base: any FileSystem
    func entries(of directory: String) throws -> [DirectoryEntry] {
        try base.entries(of: directory).sorted { $0.name > $1.name }
    }
    func contents(of file: String, limit: Int) throws(FileReadError) -> [UInt8] { try base.contents(of: file, limit: limit) }
    func kind(of path: String) -> FileKind? { base.kind(of: path) }
}

/// The golden comparison's diff shows what changed, reordered lines included.
@Suite struct GoldenDiffTests {
    @Test func reorderedLinesAreShown() {
        let diff = Golden.diff("a\nb\nc\nd\n", "a\nc\nb\nd\n")
        #expect(!diff.isEmpty)
        #expect(diff.contains("b") || diff.contains("c"))
        #expect(Golden.diff("x\ny\n", "x\ny\n") == "")
        #expect(Golden.diff("1\n2\n3\n", "1\n2\n4\n") == "-3: 3\n+3: 4")
    }
}
