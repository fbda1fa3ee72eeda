import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// `cse new signal`: the next free serial, the refusals, and files that validate with only the warnings that
/// name what is still to write.
@Suite struct SignalScaffoldTests {
    static let strict = ["cse.yaml": "registry:\n  version: 1.0.0\n  published_at: \"2026-01-01T00:00:00Z\"\nvalidation:\n  profile: strict\n"]

    static func registry(_ extra: [String: String] = [:]) throws -> LoadResult {
        try TestRegistry.load(
            TestRegistry.merge(
                TestRegistry.framework, Self.strict,
                TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001"), TestRegistry.folder("CSE-HIPAA-TECH-NO-LOGGING-004"), extra))
    }

    static func scaffold(_ result: LoadResult, published: Set<String> = []) -> SignalScaffold {
        SignalScaffold(
            domains: ["HIPAA", "GEN"], signals: result.partialRegistry.signals, mappings: result.partialRegistry.mappings,
            publishedIDs: published, nextVersion: "1.1.0")
    }

    @Test func takesTheSerialAfterTheHighestCurrentOrPublished() throws {
        let result = try Self.registry()
        let plan = try Self.scaffold(result).plan(.init(domain: "hipaa", category: "tech", name: "no mfa for admins"))
        #expect(plan.id == "CSE-HIPAA-TECH-NO-MFA-FOR-ADMINS-005")
        #expect(plan.folder == "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-MFA-FOR-ADMINS-005")
        // A published signal that was later removed keeps its serial.
        let after = try Self.scaffold(result, published: ["CSE-HIPAA-TECH-GONE-011"]).plan(.init(domain: "HIPAA", category: "TECH", name: "x"))
        #expect(after.id == "CSE-HIPAA-TECH-X-012")
        // The first signal of a new category starts at 001.
        let fresh = try Self.scaffold(result).plan(.init(domain: "GEN", category: "CICD", name: "unpinned actions", newCategory: true))
        #expect(fresh.id == "CSE-GEN-CICD-UNPINNED-ACTIONS-001")
    }

    @Test func refusesWhatCannotMakeAnID() throws {
        let scaffold = try Self.scaffold(Self.registry())
        func refusal(_ r: SignalScaffold.Request) -> String {
            do {
                _ = try scaffold.plan(r)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(.init(domain: "HIPPA", category: "TECH", name: "x")).hasPrefix("unknown domain 'HIPPA' (did you mean 'HIPAA'?)"))
        #expect(refusal(.init(domain: "HIPAA", category: "TEHC", name: "x")).contains("pass --new-category"))
        #expect(refusal(.init(domain: "HIPAA", category: "9TECH", name: "x")).contains("is not a category name"))
        #expect(refusal(.init(domain: "HIPAA", category: "TECH", name: "tls 1.0")).contains("'.', which an ID cannot hold"))
        #expect(refusal(.init(domain: "HIPAA", category: "TECH", name: "  ")).contains("the name is empty"))
        #expect(refusal(.init(domain: "HIPAA", category: "TECH", name: "weak cipher 2")).contains("ends in a number"))
        #expect(refusal(.init(domain: "HIPAA", category: "TECH", name: "no logging")).contains("already has the name NO-LOGGING"))
        #expect(refusal(.init(domain: "HIPAA", category: "TECH", name: "x", like: "CSE-HIPAA-TECH-NO-ENCRYPTION-01")).contains("did you mean"))
    }

    /// The new folder validates under the strict profile with warnings only, one for each thing to write.
    @Test func theSkeletonValidatesWithOnlyWhatIsLeftToWrite() throws {
        let result = try Self.registry()
        let plan = try Self.scaffold(result).plan(.init(domain: "HIPAA", category: "TECH", name: "no mfa for admins"))
        var files = TestRegistry.merge(
            TestRegistry.framework, Self.strict, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001"),
            TestRegistry.folder("CSE-HIPAA-TECH-NO-LOGGING-004"))
        for file in plan.files { files[file.path] = file.text }
        let loaded = try TestRegistry.load(files)
        #expect(!loaded.diagnostics.containsErrors, "\(TestRegistry.lines(loaded))")
        let found = loaded.diagnostics.filter { $0.range?.file.hasPrefix(plan.folder) == true }.map { "\($0.id)" }.sorted()
        #expect(
            found == [
                "signal.incomplete-metadata", "signal.unmapped", "text.placeholder", "text.placeholder", "text.placeholder",
                "text.placeholder", "text.placeholder", "text.placeholder", "text.placeholder",
            ], "\(TestRegistry.lines(loaded))")
        #expect(plan.files[0].text.hasPrefix("# yaml-language-server: $schema=../../../../editor/schemas/signal.schema.json\n"))
        #expect(plan.files[0].text.contains("introduced_in: 1.1.0\n"))
    }

    /// `--like` copies tags, metadata and mappings; every copied justification is a placeholder naming its source.
    @Test func likeCopiesMetadataAndMappingsAsPlaceholders() throws {
        let metadata = """
            tags: [encryption]
            metadata:
              suggested_severity: high
              risk_domains: [data-protection]
              artifact_types: [database]
              detection_notes: Read the storage encryption flag of every database instance.
              sources:
                - {url: "https://example.org/s", type: standard, title: A standard}
            """
        let source = TestRegistry.folder(
            "CSE-HIPAA-TECH-NO-ENCRYPTION-001", signal: TestRegistry.signal("CSE-HIPAA-TECH-NO-ENCRYPTION-001", extra: metadata))
        let result = try Self.registry(source)
        let plan = try Self.scaffold(result).plan(
            .init(domain: "HIPAA", category: "TECH", name: "backup unencrypted", like: "cse-hipaa-tech-no-encryption-001"))
        var files = TestRegistry.merge(TestRegistry.framework, Self.strict, source, TestRegistry.folder("CSE-HIPAA-TECH-NO-LOGGING-004"))
        for file in plan.files { files[file.path] = file.text }
        let loaded = try TestRegistry.load(files)
        let found = loaded.diagnostics.filter { $0.range?.file.hasPrefix(plan.folder) == true }
        #expect(
            !found.contains { $0.id == "signal.incomplete-metadata" || $0.id == "signal.unmapped" || $0.severity == .error }, "\(TestRegistry.lines(loaded))")
        let signal = try #require(loaded.partialRegistry.signals.first { $0.id == plan.id })
        #expect(signal.tags == ["encryption"])
        #expect(signal.metadata?.suggestedSeverity == .high)
        #expect(signal.metadata?.sources.map(\.url) == ["https://example.org/s"])
        let copied = loaded.partialRegistry.mappings.filter { $0.source == plan.id }
        #expect(copied.count == 1)
        #expect(copied.first?.confidence == 0.85)
        #expect(copied.first?.justification?.hasPrefix("TODO: say why for this signal (from CSE-HIPAA-TECH-NO-ENCRYPTION-001: ") == true)
    }
}

/// `cse new signal` on disk: writes the folder, validates with warnings only, refuses to overwrite.
@Suite(.enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct NewSignalCommandTests {
    @Test func writesAFolderThatValidatesAndNeverOverwrites() throws {
        let root = try CLITests.scratch(CLITests.valid)
        defer { try? FileManager.default.removeItem(at: root) }
        let args = ["new", "signal", "--domain", "HIPAA", "--category", "TECH", "--name", "no mfa for admins"]
        let made = try #require(try CLITests.run(args, in: root))
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("created CSE-HIPAA-TECH-NO-MFA-FOR-ADMINS-002\n"), "\(made.stdout)")
        let folder = root.appendingPathComponent("signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-MFA-FOR-ADMINS-002")
        for name in ["signal.yaml", "mappings.yaml", "README.md"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
        }
        let fmt = try #require(try CLITests.run(["fmt", "--check", "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-MFA-FOR-ADMINS-002"], in: root))
        #expect(fmt.status == 0, "a new folder is already canonical: \(fmt.stdout)")
        let checked = try #require(try CLITests.run(["validate", "."], in: root))
        #expect(checked.status == 0, "warnings only: \(checked.stderr)")
        #expect(checked.stderr.contains("warning[text.placeholder]: 'description' contains placeholder text 'todo'"))
        // The same name again is refused, and nothing is written.
        let again = try #require(try CLITests.run(args, in: root))
        #expect(again.status == 2)
        #expect(again.stderr.contains("already has the name NO-MFA-FOR-ADMINS"), "\(again.stderr)")
        let bad = try #require(try CLITests.run(["new", "signal", "--domain", "NOPE", "--category", "TECH", "--name", "x"], in: root))
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown domain 'NOPE'"))
    }
}
