import ArgumentParser
import CSECore
import CSEDiagnostics
import CSEServer
import Dispatch
import Foundation
import Synchronization

/// `cse serve`: compiles the registry into memory and answers the hosted API, the static tree and the site.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the registry: the hosted API's endpoints, the static tree and the site, from memory.",
        discussion: """
            Validates and compiles the registry with every output into memory (the same emitters as cse \
            build), then answers HTTP: the site and the static tree at the paths they are published under, \
            the /v1 API with the hosted API's query parameters (docs/serve.md), and /health. SIGINT or \
            SIGTERM stops it after the requests in flight (exit 0). A registry with errors is not served (exit 1).
            """
    )

    @Argument(help: "The registry root (default: the current folder).")
    var root: String = "."

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port, printed when listening).")
    var port: Int = 8080

    @Option(name: .long, help: "Folder for the server's state: the gap-analysis store and its secret (default: .cse-serve under the root).")
    var data: String?

    @Option(name: .long, help: "Days a stored gap analysis is kept.")
    var retentionDays: Int = 30

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
        guard (1...3650).contains(retentionDays) else { throw ValidationError("--retention-days must be from 1 to 3650, got \(retentionDays)") }
    }

    func run() throws {
        throw ExitCode(perform())
    }

    private func perform() -> Int32 {
        do {
            let target = try RegistryTarget(paths: [root])
            let schemas = try SchemaCatalog.bundled()
            let started = Date()
            var options = LoadOptions()
            options.outputs = Set(OutputKind.allCases)
            let result = try RegistryLoader(fileSystem: LocalFileSystem(root: target.root), schemas: schemas, options: options).load()
            var diagnostics = diagnosticOptions.adjust(result.diagnostics)
            guard !diagnostics.containsErrors, let registry = result.registry else {
                diagnosticOptions.report(diagnostics, target: target, result: result)
                Console.err("serve failed: the registry has errors\n")
                return ExitStatus.problems
            }
            let publishedAt =
                PublicationTime.resolve(config: registry.config, environment: ProcessInfo.processInfo.environment, now: false)
                ?? PublicationTime.rfc3339(epoch: Int(Date().timeIntervalSince1970))
            let context = BuildContext(registry: registry, publishedAt: publishedAt, templates: result.site, history: result.history)
            var (plan, planDiagnostics) = RegistryBuilder(context: context, schemas: schemas).plan()
            diagnostics += planDiagnostics
            if !diagnostics.isEmpty { diagnosticOptions.report(diagnostics, target: target, result: result) }
            guard !diagnostics.containsErrors else {
                Console.err("serve failed: the registry does not build\n")
                return ExitStatus.problems
            }
            plan.materialize()
            let validator = SubmissionValidator(fileSystem: LocalFileSystem(root: target.root), schemas: schemas)
            let store = try GapAnalysisStore(folder: data ?? (target.root + "/.cse-serve"), retention: Int64(retentionDays) * 86_400)
            let served = ServedRegistry(
                registry: registry, plan: plan, validator: validator, store: store, schemas: schemas, toolVersion: CSEVersion.current)
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            let (host, port, fileCount) = (self.host, self.port, plan.files.count)
            let app = RegistryServer.application(registry: served, host: host, port: port) { bound in
                Console.err("serving \(registry.signals.count) signals, \(fileCount) files (compiled in \(seconds) s) at http://\(host):\(bound)/\n")
            }
            return try Self.runBlocking { try await app.runService() }
        } catch {
            Console.err("error: \(error)\n")
            return ExitStatus.environment
        }
    }

    /// Runs the server on the concurrency runtime and waits for it: the command line is synchronous.
    private static func runBlocking(_ body: @escaping @Sendable () async throws -> Void) throws -> Int32 {
        let outcome = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await body() } catch { outcome.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = outcome.withLock({ $0 }) { throw error }
        return ExitStatus.clean
    }
}
