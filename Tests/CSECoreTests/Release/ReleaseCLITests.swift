import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// `cse release`, `cse diff` and `cse generate-signal-json` as CI runs them: exit codes, a git revision read
/// without a checkout, generated files that validate.
@Suite(.serialized, .enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct ReleaseCLITests {
    static func git(_ arguments: [String], in root: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "-c", "user.name=Test", "-c", "user.email=test@example.org"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    static var hasGit: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/git") }

    @Test func releaseThenDiffThroughTheCommandLine() throws {
        let root = try CLITests.scratch(ReleaseTests.v1)
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try #require(try CLITests.run(["release", root.path, "--published-at", ReleaseTests.time1]))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "released 1.0.0\n")

        // Nothing changed: exit 0; the release refuses to cut an empty release (exit 1).
        let same = try #require(try CLITests.run(["diff", root.path + "/registry", root.path]))
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        let empty = try #require(try CLITests.run(["release", root.path, "--published-at", ReleaseTests.time2, "--format", "tool"]))
        #expect(empty.status == 1)
        #expect(empty.stdout.contains("[release.no-changes]"), "\(empty.stdout)")

        // A new signal: exit 1, but not breaking.
        for (path, text) in ReleaseTests.signal(ReleaseTests.new, introduced: "1.1.0") {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let added = try #require(try CLITests.run(["diff", root.path + "/registry", root.path, "--format", "json"]))
        #expect(added.status == 1)
        #expect(added.stdout.contains("\"level\": \"minor\""))
        let notBreaking = try #require(try CLITests.run(["diff", root.path + "/registry", root.path, "--fail-on", "breaking"]))
        #expect(notBreaking.status == 0)
        let small = try #require(try CLITests.run(["release", root.path, "--version", "1.0.1", "--published-at", ReleaseTests.time2, "--format", "tool"]))
        #expect(small.status == 1 && small.stdout.contains("[release.version-too-small]"), "\(small.stdout)")
        let second = try #require(try CLITests.run(["release", root.path, "--published-at", ReleaseTests.time2]))
        #expect(second.stdout == "released 1.1.0\n", "\(second.stderr)")

        // A removed signal is breaking, and validation refuses it before any release.
        try FileManager.default.removeItem(at: root.appendingPathComponent("signals/HIPAA/TECH/\(ReleaseTests.old)"))
        let broken = try #require(try CLITests.run(["diff", root.path + "/registry", root.path, "--fail-on", "breaking", "--format", "github"]))
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("::error title=breaking signal change::signal removed: \(ReleaseTests.old)"), "\(broken.stdout)")
        let validate = try #require(try CLITests.run(["validate", root.path, "--format", "tool"]))
        #expect(validate.status == 1 && validate.stdout.contains("[permanence.signal-removed]"), "\(validate.stdout)")

        let usage = try #require(try CLITests.run(["diff", root.path, "no-such-revision-or-path"], in: root))
        #expect(usage.status == 2)
    }

    @Test(.enabled(if: hasGit, "git is not installed")) func diffReadsAGitRevisionWithoutACheckout() throws {
        let root = try CLITests.scratch(ReleaseTests.v1)
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.git(["init", "-q"], in: root)
        try Self.git(["add", "-A"], in: root)
        try Self.git(["commit", "-qm", "v1"], in: root)
        let path = root.appendingPathComponent(DiagnosticExample.signalFile)
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "regulated data", with: "health data").write(to: path, atomically: true, encoding: .utf8)
        let run = try #require(try CLITests.run(["diff", "HEAD", "."], in: root))
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("PATCH signal changed: \(ReleaseTests.base)"), "\(run.stdout)")
        #expect(try String(contentsOf: path, encoding: .utf8).contains("health data"), "the working tree is untouched")
        let clean = try #require(try CLITests.run(["diff", "HEAD", "HEAD"], in: root))
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    }

    /// The tag commit's generated signal.json files validate; a hand edit does not.
    @Test func generatedSignalFilesValidate() throws {
        let root = try CLITests.scratch(ReleaseTests.v1)
        defer { try? FileManager.default.removeItem(at: root) }
        let generate = try #require(try CLITests.run(["generate-signal-json", root.path]))
        #expect(generate.status == 0, "\(generate.stderr)")
        let json = root.appendingPathComponent(DiagnosticExample.signalFolder + "/signal.json")
        #expect(FileManager.default.fileExists(atPath: json.path))
        let valid = try #require(try CLITests.run(["validate", root.path, "--format", "tool"]))
        #expect(valid.status == 0, "\(valid.stdout)")
        let text = try String(contentsOf: json, encoding: .utf8)
        try text.replacingOccurrences(of: "encryption at rest", with: "encryption").write(to: json, atomically: true, encoding: .utf8)
        let edited = try #require(try CLITests.run(["validate", root.path, "--format", "tool"]))
        #expect(edited.status == 1 && edited.stdout.contains("[release.generated-file-edited]"), "\(edited.stdout)")
    }
}
