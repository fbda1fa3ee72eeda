import CSECommandLine
import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// Issue 16 as a user meets it: the `cse` executable's exit codes and what it leaves on disk.
@Suite(.serialized, .enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct HardeningCLITests {
    static let published = ["--published-at", "2026-01-01T00:00:00Z"]

    /// Class 10: usage errors exit 2, as documented (the argument parser's default was 64).
    @Test(arguments: [
        ["validate", "--format", "nope"], ["no-such-command"], ["schema", "validate"], ["build", "--version", "1"],
        ["validate", "--unknown-flag"], ["gap-analysis", "run"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let run = try #require(try CLITests.run(arguments))
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test func helpAndVersionExitZero() throws {
        #expect(try CLITests.run(["--help"])?.status == 0)
        #expect(try CLITests.run(["--version"])?.stdout == CSEVersion.current + "\n")
    }

    /// Class 1: `-o` naming the root, a folder above it, an input or an arbitrary folder is refused with
    /// exit 2, and everything is left as it was.
    @Test func buildRefusesOutputsThatWouldDestroyInputs() throws {
        let root = try CLITests.scratch(CLITests.valid)
        let fm = FileManager.default
        let other = root.deletingLastPathComponent().appendingPathComponent("cse-other-\(UUID().uuidString)")
        try fm.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: other.appendingPathComponent("keep.txt"))
        defer {
            try? fm.removeItem(at: root)
            try? fm.removeItem(at: other)
        }
        let before = Self.listing(root)
        for output in [root.path, root.deletingLastPathComponent().path, root.path + "/signals", root.path + "/frameworks/TESTFW", other.path] {
            let run = try #require(try CLITests.run(["build", root.path, "-o", output] + Self.published))
            #expect(run.status == 2, "\(output): \(run.stderr)")
            #expect(run.stderr.hasPrefix("error: cannot build into"), "\(output)")
        }
        #expect(Self.listing(root) == before)
        #expect(fm.contents(atPath: other.appendingPathComponent("keep.txt").path) == Data("keep".utf8))
    }

    /// Class 1 through `cse.yaml`: a pull request that points `output` at the inputs fails validation (exit
    /// 1) and the build touches nothing.
    @Test func configuredOutputOverInputsFailsAndTouchesNothing() throws {
        var files = CLITests.valid
        files["cse.yaml"]! += "output: signals\n"
        let root = try CLITests.scratch(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let before = Self.listing(root)
        let validate = try #require(try CLITests.run(["validate", root.path, "--format", "tool"]))
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("cse.yaml:4:9: error: the output folder 'signals' is the registry's input 'signals' [output.overlaps-input]"))
        let build = try #require(try CLITests.run(["build", root.path] + Self.published))
        #expect(build.status == 1)
        #expect(Self.listing(root) == before)
    }

    /// Class 1: a folder without the marker is not replaced; a previous output is, and keeps its marker.
    @Test func onlyPreviousOutputsAreReplaced() throws {
        let root = try CLITests.scratch(CLITests.valid)
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("_site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: site.appendingPathComponent("notes.txt"))
        let refused = try #require(try CLITests.run(["build", root.path] + Self.published))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[output.not-replaceable]") || refused.stderr.contains("error[output.not-replaceable]"))
        #expect(FileManager.default.contents(atPath: site.appendingPathComponent("notes.txt").path) == Data("mine".utf8))
        try FileManager.default.removeItem(at: site)
        #expect(try CLITests.run(["build", root.path] + Self.published)?.status == 0)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(OutputGuard.markerName).path))
        #expect(try CLITests.run(["build", root.path] + Self.published)?.status == 0)
    }

    /// Class 7: a folder name that is not UTF-8 is a `layout.invalid-name` error (exit 1), and the rest of
    /// the registry is still checked (it aborted the run with exit 2 and no position).
    @Test func undecodableFolderNameIsALayoutError() throws {
        var files = CLITests.valid
        files["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml"] = TestRegistry.mappings(control: "AC-9")
        let root = try CLITests.scratch(files)
        defer { try? FileManager.default.removeItem(at: root) }
        var path = Array((root.path + "/signals/HIPAA/").utf8) + [0x54, 0xFF, 0x58, 0]
        let made = path.withUnsafeMutableBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) } }
        try #require(made == 0)
        let run = try #require(try CLITests.run(["validate", ".", "--format", "tool"], in: root))
        #expect(run.status == 1)
        #expect(
            run.stdout.contains(
                "signals/HIPAA/T\\xFFX:1:1: error: 'T\\xFFX' is not a valid UTF-8 name; it and everything in it are skipped [layout.invalid-name]"))
        #expect(run.stdout.contains("[mapping.unknown-control]"), "the rest of the registry was not checked")
    }

    /// Class 12: an import whose result would not validate writes nothing (exit 1).
    @Test func importWritesOnlyWhatValidates() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-import-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        try fm.createDirectory(at: base, withIntermediateDirectories: true)
        let catalog = #"""
            {"catalog":{"metadata":{"title":"Bad catalog","parties":[{"type":"organization","name":"Org"}],"links":[{"href":"https://example.org/x"}]},
             "groups":[{"id":"ac","title":"Access","controls":[{"id":"ac-1","title":"One"},{"id":"ac-1","title":"Again"}]}]}}
            """#
        try Data(catalog.utf8).write(to: base.appendingPathComponent("bad.json"))
        let run = try #require(
            try CLITests.run(["import", "oscal", "bad.json", "--framework", "BAD", "-o", "out", "--diagnostics-format", "tool"], in: base))
        #expect(run.status == 1)
        #expect(run.stdout.contains("out/controls.yaml:"), "\(run.stdout)")
        #expect(run.stdout.contains("[control.duplicate-id]"))
        #expect(!fm.fileExists(atPath: base.appendingPathComponent("out").path))
    }

    /// The importer takes the home page from the back-matter of NIST's resolved baseline (which has no https
    /// link in its metadata), and the result validates.
    @Test(.enabled(if: TestRegistry.shared != nil, "../shared is not beside the repository"))
    func importOfNISTBaselineNeedsNoURL() throws {
        let catalog = try #require(TestRegistry.shared).appendingPathComponent(
            "corpus/oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json")
        let fm = FileManager.default
        let out = fm.temporaryDirectory.appendingPathComponent("cse-nist-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: out) }
        let run = try #require(try CLITests.run(["import", "oscal", catalog.path, "--framework", "NISTHIGH", "-o", out.path]))
        #expect(run.status == 0, "\(run.stderr)")
        let framework = try String(contentsOf: out.appendingPathComponent("framework.yaml"), encoding: .utf8)
        #expect(framework.contains("url: \"https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-53r5.pdf\""))
    }

    /// `gap-analysis run` without `--framework` analyses every framework of the registry.
    @Test func gapAnalysisWithoutFrameworkUsesEveryFramework() throws {
        var files = CLITests.valid
        files["findings.txt"] = "CSE-HIPAA-TECH-NO-ENCRYPTION-001\n"
        let root = try CLITests.scratch(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try #require(try CLITests.run(["gap-analysis", "run", "--findings", "findings.txt"], in: root))
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(DocumentLoader.load(Array(run.stdout.utf8), path: "out.json", format: .json).0)
        #expect(report["frameworks"]?.array?.compactMap { $0["code"]?.string } == ["TESTFW"])
    }

    static func listing(_ root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).sorted()
    }
}
