import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// Releases (docs/releases.md): a fixture history cut in sequence, v1.0.0 → v1.1.0 (signals added, one
/// deprecated with a replacement) → v2.0.0 (a declared change of meaning), with golden history, changelogs and
/// `cse diff` output; determinism; interruption; refusals.
@Suite(.serialized) struct ReleaseTests {
    static let time1 = "2026-01-01T00:00:00Z", time2 = "2026-02-01T00:00:00Z", time3 = "2026-03-01T00:00:00Z"
    static let base = "CSE-HIPAA-TECH-NO-ENCRYPTION-001", old = "CSE-HIPAA-TECH-OLD-002", new = "CSE-HIPAA-TECH-NEW-003"

    /// A signal of `HIPAA/TECH` built from the base registry's, with extra lines.
    static func signal(_ id: String, introduced: String = "1.0.0", status: String = "status: active", description: String? = nil) -> [String: String] {
        var files: [String: String] = [:]
        for (path, text) in DiagnosticExample.signal(id) {
            var t = text!.replacingOccurrences(of: "introduced_in: 1.0.0", with: "introduced_in: \(introduced)").replacingOccurrences(
                of: "status: active", with: status)
            if let description {
                t = t.replacingOccurrences(
                    of: "description: A storage location holding regulated data is configured without encryption at rest.", with: "description: \(description)")
            }
            files[path] = t
        }
        return files
    }

    /// The sources of each version, as an author leaves them before `cse release`.
    static var v1: [String: String] {
        var files = DiagnosticExample.baseRegistry
        files.merge(signal(old)) { _, b in b }
        return files
    }

    static var v11: [String: String] {
        var files = v1
        files.merge(signal(new, introduced: "1.1.0")) { _, b in b }
        files.merge(signal(old, status: "status: deprecated\ndeprecated_in: 1.1.0\nreplaced_by: \(new)")) { _, b in b }
        return files
    }

    static var v2: [String: String] {
        var files = v11
        let path = DiagnosticExample.signalFolder + "/signal.yaml"
        files[path] = files[path]!.replacingOccurrences(
            of: "A storage location holding regulated data is configured without encryption at rest.",
            with: "A storage location holding electronic protected health information is configured without encryption at rest.")
        files[DeclarationsFile.path] = """
            declarations:
              - signal: \(base)
                kind: meaning
                reason: Narrowed from any regulated data to electronic protected health information.

            """
        return files
    }

    // MARK: - Helpers

    final class Scratch {
        let root: URL
        init() { root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-release-\(UUID().uuidString)") }
        deinit { try? FileManager.default.removeItem(at: root) }

        /// Replaces the sources (everything but registry/, CHANGELOG.md) with `files`; cse.yaml keeps the version
        /// the last release wrote.
        func author(_ files: [String: String]) throws {
            let fm = FileManager.default
            if let names = try? fm.contentsOfDirectory(atPath: root.path) {
                for name in names where !["registry", "CHANGELOG.md", "cse.yaml"].contains(name) {
                    try fm.removeItem(at: root.appendingPathComponent(name))
                }
            }
            for (path, text) in files where path != "cse.yaml" || !fm.fileExists(atPath: root.appendingPathComponent("cse.yaml").path) {
                let url = root.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }

        func load() throws -> LoadResult {
            try RegistryLoader(fileSystem: LocalFileSystem(root: root.path), schemas: TestRegistry.schemas).load()
        }

        /// `cse release` through the library; the diagnostics when it refused.
        @discardableResult
        func release(_ request: ReleaseRequest, writer: ReleaseWriter? = nil) throws -> (PreparedRelease?, [Diagnostic]) {
            let result = try load()
            guard let registry = result.registry else { return (nil, result.diagnostics) }
            let fs = LocalFileSystem(root: root.path)
            let (previous, unreadable) = PreviousRelease.read(fs)
            guard unreadable.isEmpty else { return (nil, unreadable) }
            let (prepared, refused) = ReleasePlanner.prepare(
                registry: registry, schemas: TestRegistry.schemas, previous: previous, declarations: DeclarationsFile.read(fs).0, request: request)
            guard let prepared else { return (nil, refused) }
            try (writer ?? ReleaseWriter(root: root.path)).write(prepared)
            return (prepared, [])
        }

        /// Every file under the root (or a folder of it), by relative path.
        func files(under folder: String = "") -> [String: [UInt8]] {
            let start = folder.isEmpty ? root : root.appendingPathComponent(folder)
            var out: [String: [UInt8]] = [:]
            guard let walker = FileManager.default.enumerator(at: start, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let rel = String(url.standardizedFileURL.path.dropFirst(start.standardizedFileURL.path.count + 1))
                out[rel] = try? [UInt8](Data(contentsOf: url))
            }
            return out
        }

        func text(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }
    }

    static func snapshot(of scratch: Scratch, label: String) throws -> Snapshot {
        let (snapshot, _, problems) = ReleaseFolder.read(LocalFileSystem(root: scratch.root.appendingPathComponent("registry").path), prefix: "", label: label)
        #expect(problems.isEmpty, "\(problems.map(\.summary))")
        return try #require(snapshot)
    }

    // MARK: - The history

    @Test func historyIsCutInSequenceAndMatchesTheGoldens() throws {
        let scratch = Scratch()
        var tags: [(version: String, ids: [String: String], tree: Set<String>)] = []

        /// What the tag commit carries: the sources, the generated signal.json files, registry/.
        func tag(_ version: String) throws {
            let result = try scratch.load()
            let registry = try #require(result.registry, "\(TestRegistry.lines(result))")
            var tree = Set(scratch.files().keys)
            for (path, _) in GeneratedSignalFiles.files(registry) { tree.insert(path) }
            tags.append((version, Dictionary(uniqueKeysWithValues: registry.signals.map { ($0.id, $0.definitionRef) }), tree))
        }

        try scratch.author(Self.v1)
        let (first, refusal) = try scratch.release(ReleaseRequest(publishedAt: Self.time1))
        #expect(refusal.isEmpty, "\(refusal.map(\.summary))")
        #expect(first?.version == "1.0.0")
        try tag("1.0.0")
        let snapshot1 = try Self.snapshot(of: scratch, label: "v1.0.0")

        try scratch.author(Self.v11)
        #expect(try scratch.load().diagnostics.isEmpty, "v1.1.0 sources validate against the 1.0.0 release")
        let (second, _) = try scratch.release(ReleaseRequest(publishedAt: Self.time2))
        #expect(second?.version == "1.1.0")
        #expect(second?.diff.level == .minor)
        try tag("1.1.0")
        let snapshot11 = try Self.snapshot(of: scratch, label: "v1.1.0")

        try scratch.author(Self.v2)
        #expect(try scratch.load().diagnostics.isEmpty)
        let (third, _) = try scratch.release(ReleaseRequest(publishedAt: Self.time3))
        #expect(third?.version == "2.0.0", "a declared change of meaning is major")
        #expect(try scratch.text(DeclarationsFile.path) == DeclarationsFile.emptied, "the release empties the declarations")
        try tag("2.0.0")
        let snapshot2 = try Self.snapshot(of: scratch, label: "v2.0.0")

        // Every ID of every release resolves at its raw path in every later release's tree.
        for (i, earlier) in tags.enumerated() {
            for later in tags[i...] {
                for (id, ref) in earlier.ids {
                    #expect(later.tree.contains(String(ref.dropFirst()) + "signal.json"), "\(id) of \(earlier.version) is missing at \(later.version)")
                    #expect(later.ids[id] == ref, "\(id) moved between \(earlier.version) and \(later.version)")
                }
            }
        }

        let registryFiles = scratch.files(under: "registry")
        var golden: [String: [UInt8]] = [
            "releases.json": try #require(registryFiles["releases.json"]),
            "CHANGELOG.md": Array(try scratch.text("CHANGELOG.md").utf8),
            "cse.yaml": Array(try scratch.text("cse.yaml").utf8),
        ]
        for (path, bytes) in registryFiles where path.hasPrefix("changelog/") { golden[path] = bytes }
        let diff = RegistryDiff(from: snapshot1, to: snapshot2)
        for format in DiffFormat.allCases {
            golden["diff-1.0.0-2.0.0.\(format.rawValue)"] = Array(DiffReport(diff).render(format).utf8)
        }
        golden["diff-1.0.0-1.1.0.human"] = Array(DiffReport(RegistryDiff(from: snapshot1, to: snapshot11)).render(.human).utf8)
        try Golden.assertTree(golden, matches: "golden/releases")

        // The history and the changelogs have the documented shapes.
        for (path, schema) in [("releases.json", "releases.schema.json"), ("changelog/2.0.0.json", "changes.schema.json")] {
            let bytes = try #require(registryFiles[path])
            let node = try #require(DocumentLoader.load(bytes, path: path, format: .json).0)
            let problems = TestRegistry.schemas.validate(node, schema: schema, file: path)
            #expect(problems.isEmpty, "\(path): \(problems.map(\.summary))")
        }
    }

    // MARK: - Determinism and interruption

    @Test func releasingTwiceGivesIdenticalBytes() throws {
        var trees: [[String: [UInt8]]] = []
        for _ in 0..<2 {
            let scratch = Scratch()
            try scratch.author(Self.v1)
            try scratch.release(ReleaseRequest(publishedAt: Self.time1))
            try scratch.author(Self.v11)
            try scratch.release(ReleaseRequest(publishedAt: Self.time2))
            trees.append(scratch.files())
        }
        #expect(trees[0].count > 20)
        #expect(trees[0] == trees[1])
    }

    @Test(arguments: ["write", "swap"])
    func anInterruptedReleaseLeavesThePreviousOneIntact(_ point: String) throws {
        let scratch = Scratch()
        try scratch.author(Self.v1)
        try scratch.release(ReleaseRequest(publishedAt: Self.time1))
        let before = scratch.files()
        try scratch.author(Self.v11)
        var writer = ReleaseWriter(root: scratch.root.path)
        writer.folderFaults = { fault in
            switch (point, fault) {
            case ("write", .writeFile(let path)) where path == "releases.json": throw DiskOutput.SimulatedKill()
            case ("swap", .swap): throw DiskOutput.SimulatedKill()
            default: break
            }
        }
        #expect(throws: DiskOutput.SimulatedKill.self) { try scratch.release(ReleaseRequest(publishedAt: Self.time2), writer: writer) }
        let after = scratch.files()
        for (path, bytes) in before where path.hasPrefix("registry/") || path == "CHANGELOG.md" || path == "cse.yaml" {
            #expect(after[path] == bytes, "\(path) changed")
        }
        #expect(Set(after.keys.filter { $0.hasPrefix("registry/") }) == Set(before.keys.filter { $0.hasPrefix("registry/") }))
        // The next release goes through.
        let (again, _) = try scratch.release(ReleaseRequest(publishedAt: Self.time2))
        #expect(again?.version == "1.1.0")
    }

    // MARK: - Refusals

    @Test func aVersionTooSmallOrNoChangeIsRefused() throws {
        let scratch = Scratch()
        try scratch.author(Self.v1)
        try scratch.release(ReleaseRequest(publishedAt: Self.time1))
        let (same, nothing) = try scratch.release(ReleaseRequest(publishedAt: Self.time2))
        #expect(same == nil && nothing.map(\.id.rawValue) == ["release.no-changes"])

        try scratch.author(Self.v11)
        for request in [ReleaseRequest(version: "1.0.0", publishedAt: Self.time2), ReleaseRequest(version: "1.0.1", publishedAt: Self.time2)] {
            let (prepared, refused) = try scratch.release(request)
            #expect(prepared == nil)
            #expect(refused.map(\.id.rawValue) == ["release.version-too-small"], "\(request.version ?? "")")
        }
        let (bumped, _) = try scratch.release(ReleaseRequest(bump: .major, publishedAt: Self.time2))
        #expect(bumped?.version == "2.0.0", "a bump may ask for more than the changes need")
    }

    /// A new signal whose `introduced_in` is later than the class of the changes requires raises the version.
    @Test func introducedInRaisesTheSmallestVersion() throws {
        let scratch = Scratch()
        try scratch.author(Self.v1)
        try scratch.release(ReleaseRequest(publishedAt: Self.time1))
        var files = Self.v1
        files.merge(Self.signal(Self.new, introduced: "1.3.0")) { _, b in b }
        try scratch.author(files)
        let (prepared, _) = try scratch.release(ReleaseRequest(publishedAt: Self.time2))
        #expect(prepared?.version == "1.3.0")
    }
}
