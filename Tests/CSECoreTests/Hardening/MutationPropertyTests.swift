import CSECommandLine
import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// A seeded property test over mutated real inputs (issue 16, "Fuzzing, kept in the project").
///
/// Each round takes a small registry made of this repository's own files (the golden fixture's signals and
/// catalog, real signal folders, the real site templates), mutates one to three of its files the ways a
/// careless or hostile pull request would (bit flips, inserted syntax and invalid bytes, deleted, duplicated
/// or truncated ranges, emptied files, deep nesting, long lines), and checks what the documentation
/// promises:
/// - in process, on every round: nothing traps, and every error has a position in a file of the tree;
/// - through the `cse` executable, on every tenth round: the exit status is 0, 1 or 2; every error line of
///   an exit 1 is positioned; and a failed build writes no output folder.
///
/// The seed is printed on failure; `CSE_TEST_SEED=<n>` replays a run.
@Suite(.serialized, .enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct MutationPropertyTests {
    static let rounds = 160
    static let cliEvery = 10

    /// The registry the rounds start from: path → bytes.
    static let base: [String: [UInt8]] = {
        let fm = FileManager.default
        var files: [String: [UInt8]] = [:]
        let golden = TestRegistry.repositoryRoot.appendingPathComponent("Tests/CSECoreTests/Fixtures/golden/input")
        for case let path as String in fm.enumerator(atPath: golden.path)! where !path.hasSuffix("/") {
            if let data = fm.contents(atPath: golden.path + "/" + path), !data.isEmpty || path.hasSuffix(".md") {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: golden.path + "/" + path, isDirectory: &isDir), !isDir.boolValue { files[path] = Array(data) }
            }
        }
        let root = TestRegistry.repositoryRoot
        // Real files of this registry: a signal folder with its README, the catalogs its mappings name, and
        // the site's templates.
        let folder = "signals/HIPAA/TECH"
        // (The fixture's own HIPAA/TECH signals use serials 001 and 002.)
        let id = ((try? fm.contentsOfDirectory(atPath: root.path + "/" + folder)) ?? []).sorted()
            .first { !$0.hasSuffix("-001") && !$0.hasSuffix("-002") }!
        for name in ["signal.yaml", "mappings.yaml", "README.md"] {
            if let data = fm.contents(atPath: "\(root.path)/\(folder)/\(id)/\(name)") { files["\(folder)/\(id)/\(name)"] = Array(data) }
        }
        let mappings = String(decoding: files["\(folder)/\(id)/mappings.yaml"] ?? [], as: UTF8.self)
        for line in mappings.split(separator: "\n") where line.contains("framework: ") {
            let code = line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)
            for name in ["framework.yaml", "controls.yaml"] {
                if let data = fm.contents(atPath: "\(root.path)/frameworks/\(code)/\(name)") { files["frameworks/\(code)/\(name)"] = Array(data) }
            }
        }
        for case let path as String in fm.enumerator(atPath: root.path + "/templates")! where path.hasSuffix(".mustache") {
            if let data = fm.contents(atPath: root.path + "/templates/" + path) { files["templates/" + path] = Array(data) }
        }
        let config = String(decoding: files["cse.yaml"]!, as: UTF8.self)
            .replacingOccurrences(of: "outputs: [bundle, signals, mappings]", with: "outputs: [bundle, signals, mappings, html]")
        files["cse.yaml"] = Array(config.utf8)
        return files
    }()

    static let syntax: [[UInt8]] = [
        [0x00], [0xFF], [0xC3], [0x0A], [0x0D], [0x09], Array(": ".utf8), Array("- ".utf8), Array("[".utf8), Array("{".utf8),
        Array("\"".utf8), Array("#".utf8), Array("&a ".utf8), Array("*a".utf8), Array("!!int ".utf8), Array("%YAML 1.2\n".utf8),
        Array("---\n".utf8), Array("{{#a}}".utf8), Array("{{>head}}".utf8), Array("> ".utf8), Array("CSE-HIPAA-TECH-X-999".utf8),
        Array("\u{FEFF}".utf8), Array("é".utf8),
    ]

    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        func position() -> Int { b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count + 1)) }
        switch rng.next() % 10 {
        case 0: if !b.isEmpty { let i = Int(rng.next() % UInt64(b.count)); b[i] ^= UInt8(1 << (rng.next() % 8)) }
        case 1, 2: b.insert(contentsOf: syntax[Int(rng.next() % UInt64(syntax.count))], at: position())
        case 3:
            let i = position(), n = Int(rng.next() % 64)
            b.removeSubrange(i..<min(b.count, i + n))
        case 4:
            let i = position(), n = min(b.count - i, Int(rng.next() % 200))
            b.insert(contentsOf: b[i..<(i + n)], at: position())
        case 5: b = Array(b.prefix(position()))
        case 6: b = rng.next() % 2 == 0 ? [] : Array("# only a comment\n".utf8)
        case 7:
            let depth = Int(rng.next() % 700)
            let open = [UInt8]((["[", "{\"k\": ", "> ", "- ", "*", "{{#a}}"][Int(rng.next() % 6)]).utf8)
            b.insert(contentsOf: Array(repeating: open, count: depth).joined(), at: position())
        case 8: b.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "x"), count: Int(rng.next() % 300_000)), at: position())
        default: b.insert(contentsOf: (0..<Int(rng.next() % 32)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: position())
        }
        return b
    }

    @Test func mutatedInputsKeepTheDocumentedPromises() throws {
        // The unmutated registry is clean, so that rounds reach every stage, the site included.
        let clean = try RegistryLoader(fileSystem: InMemoryFileSystem(bytes: Self.base), schemas: TestRegistry.schemas).load()
        try #require(!clean.diagnostics.containsErrors, "\(clean.diagnostics.map(ToolDiagnosticFormatter.line))")
        let seed = UInt64(ProcessInfo.processInfo.environment["CSE_TEST_SEED"] ?? "") ?? 0x16_C1A5_5E5
        var rng = SplitMix64(seed: seed)
        let paths = Self.base.keys.sorted()
        var cliRuns = 0, failedBuilds = 0, cleanBuilds = 0
        for round in 0..<Self.rounds {
            var files = Self.base
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let path = paths[Int(rng.next() % UInt64(paths.count))]
                files[path] = Self.mutate(files[path]!, &rng)
            }
            let context = "seed \(seed), round \(round) (replay with CSE_TEST_SEED=\(seed))"
            let result = try RegistryLoader(fileSystem: InMemoryFileSystem(bytes: files), schemas: TestRegistry.schemas).load()
            for d in result.diagnostics where d.severity == .error {
                guard let range = d.range else {
                    Issue.record("\(context): error without a position: \(ToolDiagnosticFormatter.line(d))")
                    return
                }
                let known = files.keys.contains { $0 == range.file || $0.hasPrefix(range.file + "/") }
                #expect(known && range.span.start.line >= 1 && range.span.start.column >= 1, "\(context): \(ToolDiagnosticFormatter.line(d))")
            }
            if let registry = result.registry {
                let context = BuildContext(registry: registry, publishedAt: "2026-01-01T00:00:00Z", templates: result.site)
                _ = RegistryBuilder(context: context, schemas: TestRegistry.schemas).plan()
            }
            guard round % Self.cliEvery == 0 else { continue }
            cliRuns += 1
            let root = try Self.write(files)
            defer { try? FileManager.default.removeItem(at: root) }
            let run = try #require(try CLITests.run(["build", root.path, "--published-at", "2026-01-01T00:00:00Z", "--format", "tool"]))
            let site = root.appendingPathComponent("_site").path
            #expect([0, 1, 2].contains(run.status), "\(context): exit \(run.status)\n\(run.stderr.prefix(2000))")
            if run.status == 0 {
                cleanBuilds += 1
                #expect(FileManager.default.fileExists(atPath: site + "/" + OutputGuard.markerName), "\(context): exit 0 without output")
            } else {
                failedBuilds += 1
                #expect(!FileManager.default.fileExists(atPath: site), "\(context): a failed build wrote its output")
            }
            if run.status == 1 {
                let errors = run.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
                #expect(!errors.isEmpty, "\(context): exit 1 without an error")
                for line in errors {
                    #expect(line.range(of: #"^[^:]+:[0-9]+:[0-9]+: error: "#, options: .regularExpression) != nil, "\(context): \(line.prefix(300))")
                }
            }
        }
        print("mutation property test: seed \(seed), \(Self.rounds) rounds, \(cliRuns) through cse (\(cleanBuilds) built, \(failedBuilds) refused)")
    }

    static func write(_ files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-mutation-\(UUID().uuidString)")
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return root
    }
}
