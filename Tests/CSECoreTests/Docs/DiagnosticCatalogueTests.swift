import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// The diagnostic catalogue is the one list of IDs: the documentation is generated from it, no source file
/// makes an ID outside it, and every kind's example produces it while the example's fix does not.
@Suite struct DiagnosticCatalogueTests {
    static let root = TestRegistry.repositoryRoot

    /// `docs/diagnostics.md` matches the catalogue (`RECORD_GOLDENS=1` rewrites its generated part).
    @Test func documentationIsGeneratedFromTheCatalogue() throws {
        try GeneratedPage.check(
            "docs/diagnostics.md", section: DiagnosticCatalogue.section, content: DiagnosticCatalogue.markdown(), suite: "DiagnosticCatalogueTests")
    }

    @Test func idsAreUniqueAndWellFormed() {
        var seen: Set<String> = []
        for kind in DiagnosticCatalogue.all {
            #expect(seen.insert(kind.id.rawValue).inserted, "\(kind.id) is declared twice")
            #expect(kind.id.rawValue.range(of: #"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil, "\(kind.id)")
            #expect(!kind.meaning.isEmpty && !kind.explanation.isEmpty, "\(kind.id)")
            #expect(kind.meaning.first?.isUppercase == false && kind.meaning.last != ".", "\(kind.id): meanings start lower-case, no period")
            for former in kind.formerIDs { #expect(seen.insert(former.rawValue).inserted, "\(former) is reused") }
        }
    }

    /// No source file makes a diagnostic ID outside the catalogue: IDs appear as string literals only in the
    /// catalogue files.
    @Test func everyIDIsMadeFromTheCatalogue() throws {
        let groups = Set(DiagnosticCatalogue.all.map(\.group))
        let pattern = try NSRegularExpression(pattern: #""((\#(groups.sorted().joined(separator: "|")))\.[a-z0-9]+(?:-[a-z0-9]+)*)""#)
        let catalogueFiles = ["Diagnostic+Loading.swift", "SchemaDiagnostics.swift", "DiagnosticKind.swift"]
        var strays: [String] = []
        let sources = Self.root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in walker where url.pathExtension == "swift" {
            if url.path.contains("/CSECore/Diagnostics/") || catalogueFiles.contains(url.lastPathComponent) { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let id = (text as NSString).substring(with: match.range(at: 1))
                // File names that look like IDs (`signal.yaml`) are not diagnostics, nor are VS Code's setting
                // names for schema associations (EditorSchemas).
                if ["yaml", "json", "templates"].contains(where: { id.hasSuffix("." + $0) }) { continue }
                if ["yaml.schemas", "json.schemas"].contains(id) { continue }
                strays.append("\(url.lastPathComponent): \(id)")
            }
        }
        #expect(strays.isEmpty, "IDs written outside the catalogue: \(strays)")
    }

    /// The kinds without an example are the backstops no input reaches; each is tested directly elsewhere.
    @Test func onlyBackstopsLackAnExample() {
        let without = DiagnosticCatalogue.all.filter { $0.example == nil }.map(\.id.rawValue).sorted()
        // emit.*: OutputPlanTests / APIPathTests; schema.missing: SchemaFilesTests; release.no-changes and
        // release.version-too-small are `cse release`'s refusals: ReleaseTests.
        #expect(
            without == [
                "emit.path-collision", "emit.path-too-long", "emit.unsafe-path", "release.no-changes", "release.version-too-small", "schema.missing",
            ])
    }

    /// The base registry examples are overlaid on is itself clean.
    @Test func baseRegistryIsClean() throws {
        let result = try RegistryLoader(fileSystem: InMemoryFileSystem(files: DiagnosticExample.baseRegistry), schemas: TestRegistry.schemas).load()
        #expect(result.diagnostics.isEmpty, "\(TestRegistry.lines(result))")
    }

    /// Examples read by the loader (in memory), and those that need the `cse` executable.
    static var loaderExamples: [DiagnosticKind] { DiagnosticCatalogue.all.filter { $0.example.map(ExampleRunner.inProcess) ?? false } }
    static var commandExamples: [DiagnosticKind] { DiagnosticCatalogue.all.filter { $0.example.map { !ExampleRunner.inProcess($0) } ?? false } }

    /// One invalid fixture per ID: each example's wrong input produces its kind, and the fixed input does not.
    @Test(arguments: loaderExamples)
    func exampleProducesItsDiagnosticAndItsFixDoesNot(_ kind: DiagnosticKind) throws {
        try Self.check(kind)
    }

    @Test(.enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"), arguments: commandExamples)
    func commandExampleProducesItsDiagnosticAndItsFixDoesNot(_ kind: DiagnosticKind) throws {
        try Self.check(kind)
    }

    static func check(_ kind: DiagnosticKind) throws {
        let example = try #require(kind.example)
        let wrong = try #require(try ExampleRunner.run(example, kind: kind, fixed: false))
        let right = try #require(try ExampleRunner.run(example, kind: kind, fixed: true))
        #expect(wrong.ids.contains(kind.id.rawValue), "\(kind.id): the example does not produce it; it produced \(wrong.ids.sorted())")
        #expect(!right.ids.contains(kind.id.rawValue), "\(kind.id): the fix still produces it")
        // A fix is a whole fix: it leaves no error behind.
        #expect(right.clean, "\(kind.id): the fixed example still has errors: \(right.ids.sorted())")
    }
}

/// Runs a catalogue example in its context: the IDs it reported, and whether it was free of errors (exit 0
/// for a command); nil when the context needs the `cse` executable and it was not built (reported).
enum ExampleRunner {
    struct Outcome {
        var ids: Set<String>
        var clean: Bool
    }

    /// Whether the example runs in this process (through the loader) rather than through `cse`.
    static func inProcess(_ example: DiagnosticExample) -> Bool {
        switch example.context {
        case .registry, .fileSystem: true
        default: false
        }
    }

    static func run(_ example: DiagnosticExample, kind: DiagnosticKind, fixed: Bool) throws -> Outcome? {
        let overlay = fixed ? example.right : example.wrong
        switch example.context {
        case .registry:
            return outcome(try load(registryFiles(overlay)).diagnostics)
        case .fileSystem:
            var fs = InMemoryFileSystem(files: DiagnosticExample.baseRegistry)
            if !fixed { try breakFileSystem(&fs, for: kind) }
            return outcome(try RegistryLoader(fileSystem: fs, schemas: TestRegistry.schemas).load().diagnostics)
        case .schemaValidate:
            return try runCLI(
                files: overlay.compactMapValues { $0.map { Array($0.utf8) } },
                arguments: ["schema", "validate", "--schema", "schema.json", "document.json", "--format", "tool"], registry: false)
        case .build:
            return try runCLI(files: registryFiles(overlay), arguments: ["build", ".", "--format", "tool"], registry: true)
        case .gapAnalysis(let arguments, let fixedArguments):
            let file = try #require(overlay.keys.first)
            return try runCLI(
                files: registryFiles(overlay),
                arguments: ["gap-analysis", "run", "--findings", file, "--diagnostics-format", "tool"] + (fixed ? fixedArguments : arguments),
                registry: true)
        case .oscalImport:
            return try runCLI(
                files: overlay.compactMapValues { $0.map { Array($0.utf8) } },
                arguments: ["import", "oscal", "catalog.json", "--framework", "IMP", "-o", "out", "--diagnostics-format", "tool"],
                registry: false)
        }
    }

    static func outcome(_ diagnostics: [Diagnostic]) -> Outcome {
        Outcome(ids: Set(diagnostics.map(\.id.rawValue)), clean: !diagnostics.containsErrors)
    }

    static func registryFiles(_ overlay: [String: String?]) -> [String: [UInt8]] {
        var files = DiagnosticExample.baseRegistry.mapValues { Array($0.utf8) }
        for (path, text) in overlay {
            // U+FFFD in an example stands for a byte that is not UTF-8 (0xE9).
            files[path] = text.map { Array($0.utf8).replacing([0xEF, 0xBF, 0xBD], with: [0xE9]) }
        }
        return files
    }

    static func load(_ files: [String: [UInt8]]) throws -> LoadResult {
        try RegistryLoader(fileSystem: InMemoryFileSystem(bytes: files), schemas: TestRegistry.schemas).load()
    }

    /// The states no file overlay can express.
    static func breakFileSystem(_ fs: inout InMemoryFileSystem, for kind: DiagnosticKind) throws {
        let signal = DiagnosticExample.signalFolder + "/signal.yaml"
        switch kind.id.rawValue {
        case "input.too-large": fs.files[DiagnosticExample.signalFolder + "/README.md"] = [UInt8](repeating: 0x61, count: InputLimits.fileSize + 1)
        case "input.unreadable": fs.unreadable.insert(signal)
        case "input.not-a-file":
            fs.files[signal] = nil
            fs.specials[signal] = "a named pipe"
        case "layout.symlink-escape": fs.symlinks[DiagnosticExample.signalFolder + "/README.md"] = .some(nil)
        case "layout.symlink-directory": fs.symlinks["signals/GDPR"] = .some("signals/HIPAA")
        case "template.unreadable":
            for (path, text) in DiagnosticKind.minimalSite { fs.files[path] = text.map { Array($0.utf8) } }
            fs.files["templates/partials/head.mustache"] = Array("<head></head>".utf8)
            fs.unlistable.insert("templates/partials")
        default: Issue.record("no file-system state is defined for \(kind.id)")
        }
    }

    /// Writes the files into a fresh folder and runs `cse` there; the IDs of its tool-format lines.
    static func runCLI(files: [String: [UInt8]], arguments: [String], registry: Bool) throws -> Outcome? {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let run = try #require(try CLITests.run(arguments, in: root))
        let text = run.stdout + run.stderr
        var ids: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"\[([a-z]+\.[a-z0-9-]+)\]$"#, options: .anchorsMatchLines)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            ids.insert((text as NSString).substring(with: match.range(at: 1)))
        }
        return Outcome(ids: ids, clean: run.status == 0)
    }
}

extension Array where Element == UInt8 {
    fileprivate func replacing(_ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < count {
            if i + old.count <= count, Array(self[i..<(i + old.count)]) == old {
                out += new
                i += old.count
            } else {
                out.append(self[i])
                i += 1
            }
        }
        return out
    }
}

extension DiagnosticKind: CustomTestStringConvertible {
    public var testDescription: String { id.rawValue }
}
