import CSECore
import CSEDiagnostics
import Foundation

/// This repository's registry, loaded and built with every output once for the whole test run.
///
/// Several suites check the same build from different sides (schemas, the API contract, the site's
/// links); building it once keeps the debug-mode test run short.
enum RepositoryBuild {
    static let publishedAt = "2026-11-22T00:00:00Z"

    static let loaded: LoadResult = {
        do {
            return try RegistryLoader(fileSystem: LocalFileSystem(root: TestRegistry.repositoryRoot.path), schemas: TestRegistry.schemas).load()
        } catch {
            fatalError("cannot load the repository: \(error)")
        }
    }()

    /// Every output file (path → bytes) and the build's diagnostics.
    static let built: (files: [String: [UInt8]], diagnostics: [Diagnostic]) = {
        guard var registry = loaded.registry else {
            fatalError("the repository does not validate: \(loaded.diagnostics.prefix(5).map(ToolDiagnosticFormatter.line))")
        }
        registry.config.outputs = Set(OutputKind.allCases)
        let (plan, diagnostics) = RegistryBuilder(
            context: BuildContext(registry: registry, publishedAt: publishedAt, templates: loaded.site, history: loaded.history), schemas: TestRegistry.schemas
        ).plan()
        return (Dictionary(plan.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a }), diagnostics)
    }()
}
