import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

/// The `cse` executable as a user runs it: exit codes, output formats, atomic builds.
@Suite(.serialized, .enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct CLITests {
    /// The built `cse` beside the test runner (SwiftPM builds every product before testing).
    static var executable: URL? { TestEnvironment.executable }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `cse`; tests that call it are enabled only when it was built (see the suite's condition).
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Run? {
        let executable = try #require(Self.executable, "the cse executable was not built beside the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        // Standard error goes to a file: reading two pipes one after the other deadlocks once the second
        // fills its buffer (64 KiB) before the first is closed.
        let out = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("cse-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errData = try Data(contentsOf: errURL)
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A scratch registry on disk built from files, removed afterwards by the caller.
    static func scratch(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-cli-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let valid = TestRegistry.merge(
        TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001"),
        ["cse.yaml": "registry:\n  version: 1.0.0\n  published_at: \"2026-01-01T00:00:00Z\"\n"])

    static var invalid: [String: String] {
        var files = valid
        files["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml"] = TestRegistry.mappings(control: "AC-9")
        return files
    }

    @Test func exitCodes() throws {
        let good = try Self.scratch(Self.valid), bad = try Self.scratch(Self.invalid)
        defer {
            try? FileManager.default.removeItem(at: good)
            try? FileManager.default.removeItem(at: bad)
        }
        let clean = try #require(try Self.run(["validate", good.path]))
        #expect(clean.status == 0)
        #expect(clean.stderr == "no problems in 5 files\n")
        let problems = try #require(try Self.run(["validate", bad.path, "--format", "tool"]))
        #expect(problems.status == 1)
        #expect(
            problems.stdout
                == "\(bad.path)/signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml:3:14: error: control 'AC-9' does not exist in TESTFW (did you mean 'AC-1'?) [mapping.unknown-control]\n"
        )
        let missing = try #require(try Self.run(["validate", good.path + "/nowhere"]))
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"))
        let usage = try #require(try Self.run(["validate", "--format", "xml"]))
        #expect(usage.status == 2)
    }

    @Test func humanFormatShowsSnippetCaretAndHint() throws {
        let bad = try Self.scratch(Self.invalid)
        defer { try? FileManager.default.removeItem(at: bad) }
        let run = try #require(try Self.run(["validate", "."], in: bad))
        #expect(
            run.stderr == """
                error[mapping.unknown-control]: control 'AC-9' does not exist in TESTFW (did you mean 'AC-1'?)
                  --> signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml:3:14
                   |
                 3 |     control: "AC-9"
                   |              ^^^^^^
                   = hint: use a control ID exactly as frameworks/TESTFW/controls.yaml writes it
                   = explain: cse explain mapping.unknown-control

                1 error in 5 files

                """)
    }

    @Test func machineFormats() throws {
        let bad = try Self.scratch(Self.invalid)
        defer { try? FileManager.default.removeItem(at: bad) }
        let json = try #require(try Self.run(["validate", ".", "--format", "json"], in: bad))
        let doc = try #require(DocumentLoader.load(Array(json.stdout.utf8), path: "out.json", format: .json).0)
        #expect(doc["format_version"]?.int == 1)
        #expect(doc["summary"]?["errors"]?.int == 1)
        #expect(doc["diagnostics"]?.array?.first?["id"]?.string == "mapping.unknown-control")
        #expect(doc["diagnostics"]?.array?.first?["column"]?.int == 14)

        let sarif = try #require(try Self.run(["validate", ".", "--format", "sarif"], in: bad))
        let log = try #require(DocumentLoader.load(Array(sarif.stdout.utf8), path: "out.sarif", format: .json).0)
        #expect(log["version"]?.string == "2.1.0")
        let result = try #require(log["runs"]?.array?.first?["results"]?.array?.first)
        #expect(result["ruleId"]?.string == "mapping.unknown-control")
        #expect(result["locations"]?.array?.first?["physicalLocation"]?["region"]?["startLine"]?.int == 3)

        let github = try #require(try Self.run(["validate", ".", "--format", "github"], in: bad))
        #expect(
            github.stdout.hasPrefix(
                "::error file=signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml,line=3,col=14,endLine=3,endColumn=20,title=mapping.unknown-control::control 'AC-9' does not exist"
            ))
    }

    @Test func warningsAsErrorsAndSingleFileValidation() throws {
        var files = Self.valid
        files["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/signal.yaml"]! += "tags: [todo]  \n"
        let root = try Self.scratch(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let warn = try #require(try Self.run(["validate", ".", "--format", "tool"], in: root))
        #expect(warn.status == 0)
        #expect(warn.stdout.contains("[text.trailing-whitespace]"))
        let strict = try #require(try Self.run(["validate", ".", "--warnings-as-errors", "--format", "tool"], in: root))
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("signal.yaml:9:13: error: line 9 ends with whitespace [text.trailing-whitespace]"))
        let silenced = try #require(try Self.run(["validate", ".", "--warnings-as-errors", "--Wnone", "text.trailing-whitespace"], in: root))
        #expect(silenced.status == 0)
        // Naming one file reports only its problems, while cross-file rules still see the tree.
        let one = try #require(try Self.run(["validate", "frameworks/TESTFW/controls.yaml", "--format", "tool"], in: root))
        #expect(one.status == 0)
        #expect(one.stdout == "")
    }

    @Test func buildWithErrorsWritesNothing() throws {
        let bad = try Self.scratch(Self.invalid)
        defer { try? FileManager.default.removeItem(at: bad) }
        let run = try #require(try Self.run(["build", bad.path]))
        #expect(run.status == 1)
        #expect(run.stderr.contains("build failed: nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: bad.appendingPathComponent("_site").path))
    }

    /// A `--replace` build killed while writing leaves the previous output exactly as it was; the next
    /// build cleans up. (An update's guarantee stops at its commit: DiskOutputUpdateTests.)
    @Test func killedBuildLeavesPreviousOutputIntact() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("cse-kill-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        // A registry large enough that writing its output takes a while.
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = [
            "python3", TestRegistry.repositoryRoot.appendingPathComponent("Scripts/bench.py").path, "--signals", "700", "--generate-only", root.path,
        ]
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)
        let out = root.appendingPathComponent("_site")
        let first = try #require(try Self.run(["build", root.path, "--published-at", "2026-01-01T00:00:00Z"]))
        try #require(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("SHA256SUMS"))

        // Start a build whose output differs (another time), and kill it once its staging folder exists.
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["build", root.path, "--published-at", "2027-01-01T00:00:00Z", "--replace"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        var staged = false
        // Validation comes first; poll for up to two minutes for the write phase to begin.
        for _ in 0..<60_000 {
            let names = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
            if let staging = names.first(where: { $0.hasPrefix("._site.cse-staging-") }),
                let count = fm.enumerator(atPath: root.appendingPathComponent(staging).path)?.allObjects.count, count > 20
            {
                staged = true
                break
            }
            usleep(2000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(staged, "the build finished before it could be interrupted; make the registry larger")

        // The previous output is whole: same checksum list, and every file still matches it.
        #expect(try Data(contentsOf: out.appendingPathComponent("SHA256SUMS")) == before)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sha256sum", "--quiet", "-c", "SHA256SUMS"]
        check.currentDirectoryURL = out
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        #expect(((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).contains { $0.hasPrefix("._site.cse-staging-") })

        // The next build succeeds and removes the dead build's staging folder.
        let again = try #require(try Self.run(["build", root.path, "--published-at", "2027-01-01T00:00:00Z"]))
        #expect(again.status == 0)
        #expect(!((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).contains { $0.hasPrefix("._site.cse-staging-") })
        #expect(try Data(contentsOf: out.appendingPathComponent("SHA256SUMS")) != before)
    }

    /// A build over a previous output after a one-signal edit writes a handful of files and leaves the
    /// same tree as a build from scratch.
    @Test func aBuildAfterAnEditWritesOnlyWhatChanged() throws {
        let fm = FileManager.default
        let root = try Self.scratch(Self.valid)
        defer { try? fm.removeItem(at: root) }
        let first = try #require(try Self.run(["build", root.path]))
        try #require(first.status == 0, "\(first.stderr)")
        let unchanged = try #require(try Self.run(["build", root.path]))
        #expect(unchanged.stderr.contains(", 0 written, 0 removed"), "\(unchanged.stderr)")

        let signal = root.appendingPathComponent("signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/signal.yaml")
        let text = try String(contentsOf: signal, encoding: .utf8)
        let description = try #require(text.range(of: "description: "))
        try text.replacingCharacters(in: description, with: "description: Edited. ").write(to: signal, atomically: false, encoding: .utf8)
        let edited = try #require(try Self.run(["build", root.path]))
        try #require(edited.status == 0, "\(edited.stderr)")
        let written = try #require(edited.stderr.firstMatch(of: /, (\d+) written, (\d+) removed/))
        let total = try #require(edited.stderr.firstMatch(of: /: (\d+) files,/))
        #expect(Int(written.1)! > 0 && Int(written.1)! < Int(total.1)!)
        #expect(Int(written.2)! == 0)

        let fresh = try #require(try Self.run(["build", root.path, "-o", root.appendingPathComponent("fresh").path, "--replace"]))
        try #require(fresh.status == 0)
        let diff = Process()
        diff.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        diff.arguments = ["diff", "-r", "--no-dereference", "_site", "fresh"]
        diff.currentDirectoryURL = root
        try diff.run()
        diff.waitUntilExit()
        #expect(diff.terminationStatus == 0, "the updated output equals a fresh one")
    }
}
