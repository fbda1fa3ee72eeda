import ArgumentParser
import CSECore
import CSEDiagnostics
import CSEServer
import Dispatch
import Foundation
import ServiceLifecycle
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

    @Option(name: .long, help: "A file of API keys (hashed) and their rate limits; without it, /v1 is open (docs/serve.md).")
    var apiKeys: String?

    @Flag(name: .long, help: "Rebuild on every change of the inputs; open pages reload, and a failed build shows its problems.")
    var watch = false

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
            let store = try GapAnalysisStore(folder: data ?? (target.root + "/.cse-serve"), retention: Int64(retentionDays) * 86_400)
            let compiler = ServeCompiler(root: target.root, schemas: schemas, store: store, toolVersion: CSEVersion.current)
            let served: ServedRegistry
            switch try compiler.compile() {
            case .failed(let diagnostics, let load):
                diagnosticOptions.report(diagnosticOptions.adjust(diagnostics), target: target, result: load)
                Console.err("serve failed: the registry has errors\n")
                return ExitStatus.problems
            case .compiled(let registry, let diagnostics, let load):
                if !diagnostics.isEmpty { diagnosticOptions.report(diagnosticOptions.adjust(diagnostics), target: target, result: load) }
                served = registry
            }
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            let live = LiveRegistry(served)
            let services: [any Service] =
                watch
                ? [WatchService(compiler: compiler, live: live, watcher: InputWatcher(root: target.root)) { Console.err($0 + "\n") }]
                : []
            var access: AccessControl?
            if let apiKeys {
                guard let text = try? String(contentsOfFile: apiKeys, encoding: .utf8) else {
                    Console.err("error: cannot read the API keys file '\(apiKeys)'\n")
                    return ExitStatus.environment
                }
                do { access = try AccessControl.parse(text) } catch {
                    Console.err("error: \(apiKeys): \(error)\n")
                    return ExitStatus.environment
                }
            }
            let (host, port, summary) = (self.host, self.port, served.summary)
            let app = RegistryServer.application(live: live, watching: watch, access: access, host: host, port: port, services: services) { bound in
                Console.err("serving \(summary) (compiled in \(seconds) s) at http://\(host):\(bound)/\n")
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
