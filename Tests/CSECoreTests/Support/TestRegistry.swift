import CSECore
import CSEDiagnostics
import Foundation

/// Builders for small in-memory registries and helpers to read their diagnostics.
enum TestRegistry {
    /// The bundled schemas, compiled once for the whole test run.
    static let schemas: SchemaCatalog = {
        do { return try SchemaCatalog.bundled() } catch { fatalError("bundled schemas: \(error)") }
    }()

    /// A framework with a handful of controls, enough to map to: the one of the diagnostic examples' base
    /// registry.
    static let framework: [String: String] = DiagnosticExample.baseRegistry.filter { $0.key.hasPrefix("frameworks/") }

    /// A complete, valid signal definition.
    static func signal(
        _ id: String, domain: String = "HIPAA", category: String = "TECH", name: String? = nil, status: String = "active",
        extra: String = ""
    ) -> String {
        """
        id: \(id)
        canonical_name: \(name ?? "Condition \(id.split(separator: "-").dropLast().last ?? "X")")
        description: A storage location holding regulated data is configured without the protection this signal names.
        domain: \(domain)
        category: \(category)
        applicability: Systems that store regulated data.
        introduced_in: 1.0.0
        status: \(status)
        \(extra)
        """
    }

    /// A valid mappings file mapping to one control of the test framework.
    static func mappings(control: String = "AC-2") -> String {
        """
        mappings:
          - framework: TESTFW
            control: "\(control)"
            relationship: subset
            provenance: expert
            confidence: 0.85
            justification: The condition is one way the control's requirement goes unmet.

        """
    }

    /// One signal folder's files.
    static func folder(_ id: String, domain: String = "HIPAA", category: String = "TECH", signal: String? = nil, mappings: String? = nil)
        -> [String: String]
    {
        let base = "signals/\(domain)/\(category)/\(id)"
        return [
            "\(base)/signal.yaml": signal ?? Self.signal(id, domain: domain, category: category),
            "\(base)/mappings.yaml": mappings ?? Self.mappings(),
        ]
    }

    static func load(_ files: [String: String], profile: ValidationProfile? = nil) throws -> LoadResult {
        try RegistryLoader(fileSystem: InMemoryFileSystem(files: files), schemas: schemas, profile: profile).load()
    }

    /// Diagnostics as `path:line:col: severity: summary [id]` lines.
    static func lines(_ result: LoadResult) -> [String] {
        result.diagnostics.map(ToolDiagnosticFormatter.line)
    }

    /// Merges file dictionaries; later ones win.
    static func merge(_ parts: [String: String]...) -> [String: String] {
        parts.reduce(into: [:]) { $0.merge($1) { _, new in new } }
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository, when present (CI has it; a fresh clone may not).
    static var shared: URL? {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}

/// What the tests can reach outside themselves; suites and tests that need one are enabled only when it is
/// there, so they are reported as skipped with the reason instead of passing without checking.
enum TestEnvironment {
    /// The built `cse` beside the test runner (SwiftPM builds every product before testing).
    static let executable: URL? = {
        let candidates = [
            URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("cse"),
            TestRegistry.repositoryRoot.appendingPathComponent(".build/debug/cse"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The upstream registry sample, `../shared/corpus/cse-upstream`.
    static let upstreamCorpus: URL? = TestRegistry.shared?.appendingPathComponent("corpus/cse-upstream")
}
