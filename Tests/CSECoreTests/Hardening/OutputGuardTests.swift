import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// Class 1 of issue 16: a build never replaces its own inputs, a folder above them, or a folder it did not
/// write.
@Suite struct OutputGuardTests {
    /// A registry root with inputs, a folder beside it, and a clean-up.
    struct Scratch {
        let base: URL
        var root: String { base.path + "/reg" }

        init() throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("cse-guard-\(UUID().uuidString)")
            let fm = FileManager.default
            for folder in ["reg/signals/HIPAA", "reg/frameworks/X", "reg/templates", "reg/.git", "beside", "other"] {
                try fm.createDirectory(atPath: base.path + "/" + folder, withIntermediateDirectories: true)
            }
            try Data("registry: {}\n".utf8).write(to: URL(fileURLWithPath: root + "/cse.yaml"))
            try Data("keep".utf8).write(to: URL(fileURLWithPath: base.path + "/other/keep.txt"))
        }

        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    @Test func refusesTheRootAndWhatContainsIt() throws {
        let s = try Scratch()
        defer { s.remove() }
        #expect(OutputGuard.check(output: s.root, root: s.root, templates: "templates") == .isRoot)
        #expect(OutputGuard.check(output: s.base.path, root: s.root, templates: "templates") == .containsRoot)
        #expect(OutputGuard.check(output: "/", root: s.root, templates: "templates") == .containsRoot)
    }

    @Test(arguments: ["signals", "signals/out", "frameworks/X", "templates", "templates/site", ".git", "cse.yaml"])
    func refusesInputs(_ output: String) throws {
        let s = try Scratch()
        defer { s.remove() }
        guard case .overlapsInput? = OutputGuard.check(output: s.root + "/" + output, root: s.root, templates: "templates") else {
            Issue.record("'\(output)' was allowed")
            return
        }
    }

    /// A configured templates folder inside the output is an input the build would replace.
    @Test func refusesAnOutputThatContainsTheTemplates() throws {
        let s = try Scratch()
        defer { s.remove() }
        let problem = OutputGuard.check(output: s.root + "/site", root: s.root, templates: "site/templates")
        #expect(problem == .overlapsInput("site/templates", summary: "the output folder 'site' contains the registry's input 'site/templates'"))
    }

    /// Links are resolved: a link to an input, or an output reached through a link into the inputs.
    @Test func resolvesLinks() throws {
        let s = try Scratch()
        defer { s.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: s.base.path + "/beside/into-signals", withDestinationPath: s.root + "/signals")
        guard case .overlapsInput? = OutputGuard.check(output: s.base.path + "/beside/into-signals/x", root: s.root, templates: "templates")
        else {
            Issue.record("an output through a link into signals/ was allowed")
            return
        }
        try fm.createSymbolicLink(atPath: s.base.path + "/beside/up", withDestinationPath: s.base.path)
        #expect(OutputGuard.check(output: s.base.path + "/beside/up", root: s.root, templates: "templates") == .containsRoot)
    }

    @Test func replacesOnlyPreviousOutputsOrEmptyFolders() throws {
        let s = try Scratch()
        defer { s.remove() }
        let fm = FileManager.default
        #expect(OutputGuard.check(output: s.base.path + "/new", root: s.root, templates: "templates") == nil)
        #expect(OutputGuard.check(output: s.root + "/_site", root: s.root, templates: "templates") == nil)
        #expect(OutputGuard.check(output: s.base.path + "/other", root: s.root, templates: "templates") == .notAnOutput)
        #expect(OutputGuard.check(output: s.base.path + "/other/keep.txt", root: s.root, templates: "templates") == .notAFolder)
        try fm.createDirectory(atPath: s.base.path + "/empty", withIntermediateDirectories: true)
        #expect(OutputGuard.check(output: s.base.path + "/empty", root: s.root, templates: "templates") == nil)
        try Data().write(to: URL(fileURLWithPath: s.base.path + "/other/" + OutputGuard.markerName))
        #expect(OutputGuard.check(output: s.base.path + "/other", root: s.root, templates: "templates") == nil)
    }

    /// An output of a cse older than the marker (its manifest and checksums) may be replaced once.
    @Test func recognisesOutputsWrittenBeforeTheMarker() throws {
        let s = try Scratch()
        defer { s.remove() }
        let old = s.base.path + "/old"
        try FileManager.default.createDirectory(atPath: old, withIntermediateDirectories: true)
        try Data("{\n  \"registry_version\": \"1.0.0\"\n}\n".utf8).write(to: URL(fileURLWithPath: old + "/manifest.json"))
        #expect(OutputGuard.check(output: old, root: s.root, templates: "templates") == .notAnOutput)
        try Data("abc  manifest.json\n".utf8).write(to: URL(fileURLWithPath: old + "/SHA256SUMS"))
        #expect(OutputGuard.check(output: old, root: s.root, templates: "templates") == nil)
    }

    /// `cse.yaml` is checked when it is validated, with the position of the value.
    @Test(arguments: [
        (".", "config.path-outside-root", "'output' is '.', which is the registry root itself"),
        ("..", "config.path-outside-root", "'output' is '..', which climbs out of the registry or has an empty, '.' or '..' part"),
        ("../elsewhere", "config.path-outside-root", "'output' is '../elsewhere', which climbs out of the registry or has an empty, '.' or '..' part"),
        ("/tmp/out", "config.path-outside-root", "'output' is '/tmp/out', which is absolute"),
        ("signals", "output.overlaps-input", "the output folder 'signals' is the registry's input 'signals'"),
        ("frameworks/out", "output.overlaps-input", "the output folder 'frameworks/out' lies inside the registry's input 'frameworks'"),
        (".git", "output.overlaps-input", "the output folder '.git' is the registry's input '.git'"),
    ])
    func configuredOutputIsChecked(_ output: String, _ id: String, _ summary: String) throws {
        var files = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001"))
        files["cse.yaml"] = "registry:\n  version: 1.0.0\noutput: \"\(output)\"\n"
        let result = try TestRegistry.load(files)
        let found = result.diagnostics.filter { $0.id.rawValue == id }
        #expect(found.count == 1)
        #expect(found.first?.summary == summary)
        #expect(found.first?.range?.file == "cse.yaml")
        #expect(found.first?.range?.span.start.line == 3)
        #expect(found.first?.range?.span.start.column == 9)
        #expect(result.registry == nil)
    }
}
