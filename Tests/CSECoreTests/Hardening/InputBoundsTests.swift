import CSEDiagnostics
import CSESchema
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// Classes 4, 5 and 6 of issue 16: no input hangs the run, grows memory or time without bound, or vanishes
/// without a diagnostic.
@Suite struct InputBoundsTests {
    static let id = "CSE-HIPAA-TECH-NO-ENCRYPTION-001"
    static let folder = "signals/HIPAA/TECH/\(id)"
    static let base = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder(id))

    // MARK: - Hangs

    /// A named pipe or device where a file is expected is an error, never opened for reading.
    @Test func specialFilesAreErrors() throws {
        var fs = InMemoryFileSystem(files: Self.base)
        fs.files["\(Self.folder)/signal.yaml"] = nil
        fs.specials["\(Self.folder)/signal.yaml"] = "a named pipe"
        fs.specials["cse.yaml"] = "a device"
        let result = try RegistryLoader(fileSystem: fs, schemas: TestRegistry.schemas).load()
        let lines = result.diagnostics.filter { $0.id == "input.not-a-file" }.map(ToolDiagnosticFormatter.line)
        #expect(
            lines == [
                "cse.yaml:1:1: error: 'cse.yaml' is a device, not a regular file [input.not-a-file]",
                "\(Self.folder)/signal.yaml:1:1: error: '\(Self.folder)/signal.yaml' is a named pipe, not a regular file [input.not-a-file]",
            ])
    }

    /// On disk, through the whole loader: a FIFO named signal.yaml (which blocked `open` forever).
    @Test func fifoOnDiskDoesNotBlockTheLoader() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("cse-fifo-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        for (path, text) in Self.base {
            try fm.createDirectory(at: root.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            if path.hasSuffix("signal.yaml") {
                #expect(mkfifo(root.appendingPathComponent(path).path, 0o600) == 0)
            } else {
                try Data(text.utf8).write(to: root.appendingPathComponent(path))
            }
        }
        let result = try RegistryLoader(fileSystem: LocalFileSystem(root: root.path), schemas: TestRegistry.schemas).load()
        #expect(result.diagnostics.contains { $0.id == "input.not-a-file" && $0.summary.contains("named pipe") })
    }

    /// A recursive schema whose `anyOf` doubles the work at each level (a 22-deep document took 38 s, a
    /// deeper one never ended) stops at the work budget with `schema.budget`.
    @Test func exponentialSchemaStopsAtTheBudget() throws {
        let schema = ##"""
            {"$defs":{"n":{"anyOf":[{"type":"array","items":{"$ref":"#/$defs/n"}},{"type":"array","items":{"$ref":"#/$defs/n"},"minItems":1}]}},
             "$ref":"#/$defs/n"}
            """##
        let text = String(repeating: "[", count: 40) + "\"x\"" + String(repeating: "]", count: 40)
        let schemaNode = try #require(DocumentLoader.load(Array(schema.utf8), path: "s.json", format: .json).0)
        let instance = try #require(DocumentLoader.load(Array(text.utf8), path: "d.json", format: .json).0)
        let validator = try SchemaRegistry.validator(for: schemaNode, uri: "https://example.org/rec.json")
        let found = validator.validate(instance, file: "d.json")
        #expect(found.map(\.id) == ["schema.budget"])
        #expect(!validator.isValid(instance))
    }

    // MARK: - Memory and time

    /// A file of many unknown keys reports the first 100 and one line that counts the rest.
    @Test func diagnosticsArePerFileAndIDBounded() throws {
        var files = Self.base
        let keys = (0..<5_000).map { "unknown_key_\($0): 1\n" }.joined()
        files["\(Self.folder)/signal.yaml"]! += keys
        let result = try TestRegistry.load(files)
        let extra = result.diagnostics.filter { $0.id == "schema.additional-property" }
        #expect(extra.count == DiagnosticLimiter.defaultLimit + 1)
        let closing = try #require(extra.last { $0.omittedCount > 0 })
        #expect(closing.summary == "and 4,900 more schema.additional-property errors in this file")
        #expect(DiagnosticSummary(result.diagnostics).errors == 5_000)
        // Limiting is idempotent.
        #expect(DiagnosticLimiter.limit(result.diagnostics) == result.diagnostics)
    }

    /// A README naming 20,000 unknown signal IDs (9 s before: each mention rebuilt a set and a suggestion).
    @Test func readmeWithManyUnknownIDsIsBounded() throws {
        var files = Self.base
        files["\(Self.folder)/README.md"] = (0..<20_000).map { "CSE-HIPAA-TECH-UNKNOWN-\($0 % 977)-\(String(format: "%03d", $0 % 1000))\n" }.joined()
        let result = try TestRegistry.load(files)
        let unknown = result.diagnostics.filter { $0.id == "readme.unknown-signal" }
        #expect(unknown.count == DiagnosticLimiter.defaultLimit + 1)
        #expect(unknown.last?.summary == "and 19,900 more readme.unknown-signal warnings in this file")
    }

    @Test func suggestionIndexStopsAfterItsLookups() {
        let index = SuggestionIndex(["CSE-HIPAA-TECH-NO-ENCRYPTION-001"])
        #expect(index.closest(to: "CSE-HIPAA-TECH-NO-ENCRYPTION-002") == "CSE-HIPAA-TECH-NO-ENCRYPTION-001")
        for i in 0..<SuggestionIndex.maximumLookups { _ = index.closest(to: "X-\(i)") }
        #expect(index.closest(to: "CSE-HIPAA-TECH-NO-ENCRYPTION-003") == nil, "lookups past the bound are not computed")
        #expect(index.closest(to: "CSE-HIPAA-TECH-NO-ENCRYPTION-002") == "CSE-HIPAA-TECH-NO-ENCRYPTION-001", "memoized")
    }

    /// Every input's size is checked before it is read, including files handed to commands.
    @Test func oversizedInputsAreRefusedBeforeReading() throws {
        var fs = InMemoryFileSystem(files: Self.base)
        fs.files["\(Self.folder)/README.md"] = [UInt8](repeating: 0x61, count: InputLimits.fileSize + 1)
        let result = try RegistryLoader(fileSystem: fs, schemas: TestRegistry.schemas).load()
        let found = try #require(result.diagnostics.first { $0.id == "input.too-large" })
        #expect(found.summary == "'\(Self.folder)/README.md' is \(InputLimits.fileSize + 1) bytes, more than the limit of \(InputLimits.fileSize)")
    }

    // MARK: - Silent loss

    /// An empty or comment-only definition made its signal vanish from validate and the release.
    /// (An explicit empty document, `---` alone, is a null value: the schema already refuses it.)
    @Test(arguments: [
        ("", "input.no-document"), ("# only a comment\n", "input.no-document"), ("\n\n", "input.no-document"),
        ("---\n", "schema.type"), ("# a\n---\n# b\n", "schema.type"),
    ])
    func emptyDocumentsAreErrors(_ text: String, _ id: String) throws {
        var files = Self.base
        files["\(Self.folder)/signal.yaml"] = text
        files["frameworks/TESTFW/controls.yaml"] = text
        files["cse.yaml"] = text
        let result = try TestRegistry.load(files)
        let found = result.diagnostics.filter { $0.id.rawValue == id && $0.severity == .error }.compactMap { $0.range?.file }
        #expect(found.contains("\(Self.folder)/signal.yaml"), "\(text.debugDescription)")
        #expect(found.contains("frameworks/TESTFW/controls.yaml"), "\(text.debugDescription)")
        #expect(found.contains("cse.yaml"), "\(text.debugDescription)")
        #expect(result.registry == nil)
    }

    // MARK: - Found while looking beyond the listed classes

    /// `uniqueItems` compared every pair: 200,000 tags took hours. Now duplicates are found by hashing,
    /// with the same verdict and the same pair reported as the pairwise scan.
    @Test func uniqueItemsIsNotQuadratic() throws {
        var files = Self.base
        let tags = (0..<200_000).map { "tag-\($0)" } + ["tag-17"]
        files["\(Self.folder)/signal.yaml"]! += "tags: [" + tags.joined(separator: ", ") + "]\n"
        let result = try TestRegistry.load(files)
        let found = try #require(result.diagnostics.first { $0.id == "schema.unique-items" })
        #expect(found.summary == "item 200000 is a duplicate of item 17; items must be unique")
    }

    /// A file with a million lines ending in spaces made a million diagnostics before any limit applied;
    /// now the rule keeps 100 and counts the rest as it goes.
    @Test func perLineRulesAreBoundedWhereTheyRun() {
        let text = SourceText(bytes: Array(String(repeating: "a: b \n", count: 1_000_000).utf8))
        let found = TextRules.trailingWhitespace(text, file: "f.yaml")
        #expect(found.count == DiagnosticLimiter.defaultLimit + 1)
        #expect(found.last?.omittedCount == 1_000_000 - DiagnosticLimiter.defaultLimit)
    }

    /// Folders and control IDs that differ only in letter case would merge on case-insensitive file systems
    /// (the build then refused with a collision that had no position); each is a positioned error.
    @Test func caseCollisionsArePositionedErrors() throws {
        var files = Self.base
        files["signals/HIPAA/tech/CSE-HIPAA-TECH-OTHER-002/signal.yaml"] = TestRegistry.signal("CSE-HIPAA-TECH-OTHER-002")
        files["frameworks/TESTFW/controls.yaml"]! += "      - id: ac-2\n        title: Lower-case twin\n"
        let result = try TestRegistry.load(files)
        let lines = result.diagnostics.filter { $0.id == "layout.case-collision" || $0.id == "control.case-collision" }.map(ToolDiagnosticFormatter.line)
        #expect(
            lines == [
                "frameworks/TESTFW/controls.yaml:14:13: error: control 'ac-2' differs from 'AC-2' only in letter case [control.case-collision]",
                "signals/HIPAA/tech:1:1: error: 'signals/HIPAA/tech' differs from 'signals/HIPAA/TECH' only in letter case [layout.case-collision]",
            ])
    }

    /// A folder tree nested past the system's path-length limit aborted the run (exit 2, no position): walks
    /// stop at 16 levels with `layout.too-deep`.
    @Test func deepFolderTreesStopWithADiagnostic() throws {
        var files = Self.base
        let deep = "registry/" + Array(repeating: "aa", count: 20).joined(separator: "/") + "/x.json"
        files[deep] = "{}"
        files["templates/" + Array(repeating: "t", count: 20).joined(separator: "/") + "/deep.mustache"] = "x"
        let result = try TestRegistry.load(files)
        let found = result.diagnostics.filter { $0.id == "layout.too-deep" }.compactMap { $0.range?.file }
        #expect(
            found == [
                "registry/" + Array(repeating: "aa", count: 16).joined(separator: "/"), "templates/" + Array(repeating: "t", count: 16).joined(separator: "/"),
            ])
    }
}
