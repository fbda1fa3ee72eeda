public import CSECore
import CSEDiagnostics
import Foundation
public import ServiceLifecycle
import Synchronization

/// Compiles a registry root into a ``ServedRegistry``: validation, then every output into memory (the same
/// emitters as `cse build`). What `cse serve` does at start, and again on each change with `--watch`.
public struct ServeCompiler: Sendable {
    public var root: String
    public var schemas: SchemaCatalog
    public var store: GapAnalysisStore?
    public var toolVersion: String

    public init(root: String, schemas: SchemaCatalog, store: GapAnalysisStore?, toolVersion: String) {
        self.root = root
        self.schemas = schemas
        self.store = store
        self.toolVersion = toolVersion
    }

    public enum Outcome: Sendable {
        /// The registry, and the warnings and notes found on the way.
        case compiled(ServedRegistry, diagnostics: [Diagnostic], load: LoadResult)
        /// The errors (with the rest of the diagnostics) that stop it; the load result when there was one.
        case failed([Diagnostic], load: LoadResult)
    }

    /// Throws when the registry cannot be read at all (its root is gone); problems in it are an outcome.
    public func compile() throws -> Outcome {
        let fileSystem = LocalFileSystem(root: root)
        var options = LoadOptions()
        options.outputs = Set(OutputKind.allCases)
        let result = try RegistryLoader(fileSystem: fileSystem, schemas: schemas, options: options).load()
        guard let registry = result.registry else { return .failed(result.diagnostics, load: result) }
        let publishedAt =
            PublicationTime.resolve(config: registry.config, environment: ProcessInfo.processInfo.environment, now: false)
            ?? PublicationTime.rfc3339(epoch: Int(Date().timeIntervalSince1970))
        let context = BuildContext(registry: registry, publishedAt: publishedAt, templates: result.site, history: result.history)
        var (plan, planDiagnostics) = RegistryBuilder(context: context, schemas: schemas).plan()
        let diagnostics = result.diagnostics + planDiagnostics
        guard !diagnostics.containsErrors else { return .failed(diagnostics, load: result) }
        plan.materialize()
        let served = ServedRegistry(
            registry: registry, plan: plan, validator: SubmissionValidator(fileSystem: fileSystem, schemas: schemas), store: store,
            schemas: schemas, toolVersion: toolVersion)
        return .compiled(served, diagnostics: diagnostics, load: result)
    }
}

/// The registry a watching server answers with: the last good build, the problems of the newest one when
/// it failed, and a generation number that changes with every rebuild (what open pages reload on).
///
/// A rebuild is made whole before it is swapped in, so a request sees one build or the other, never a mix.
public final class LiveRegistry: Sendable {
    public struct State: Sendable {
        public var served: ServedRegistry
        /// The newest build's problems, rendered as text, when it failed; nil when the served build is the
        /// newest.
        public var failure: String?
        public var generation: Int
    }

    private let state: Mutex<State>

    public init(_ served: ServedRegistry) {
        state = Mutex(State(served: served, failure: nil, generation: 1))
    }

    public var current: State { state.withLock { $0 } }

    /// A good build: served from now on.
    public func replace(with served: ServedRegistry) {
        state.withLock {
            $0.served = served
            $0.failure = nil
            $0.generation += 1
        }
    }

    /// A failed build: the last good one keeps being served, and pages show `problems`.
    public func fail(_ problems: String) {
        state.withLock {
            $0.failure = problems
            $0.generation += 1
        }
    }
}

/// Watches a registry root for changes by polling: the path, size and modification time of every input
/// file, compared every `interval`. (inotify would wake the server sooner; this works on every file system,
/// network and container mounts included, and costs a few milliseconds per poll at 10,000 signals.)
public struct InputWatcher: Sendable {
    public var root: String
    public var interval: Duration

    public init(root: String, interval: Duration = .milliseconds(250)) {
        self.root = root
        self.interval = interval
    }

    /// The folders and files a build reads (the registry layout), watched recursively.
    static let watched = [
        "cse.yaml", "release.yaml", "signals", "frameworks", "crosswalks", "templates", "artifact-types", "tools", "registry",
    ]

    /// Size and modification time of every watched file, by path.
    public func signature() -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        let fm = FileManager.default
        for name in Self.watched {
            let top = root + "/" + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: top, isDirectory: &isDirectory) else { continue }
            let paths = isDirectory.boolValue ? (fm.enumerator(atPath: top)?.compactMap { $0 as? String }.map { top + "/" + $0 } ?? []) : [top]
            for path in paths {
                var info = stat()
                guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                out[path] = [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
            }
        }
        return out
    }

    /// Calls `changed` after each change, until the task is cancelled. Changes that arrive during one
    /// poll interval are one change.
    public func run(_ changed: @Sendable () async -> Void) async {
        var last = signature()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = signature()
            if now != last {
                last = now
                await changed()
            }
        }
    }
}

/// `cse serve --watch`: rebuilds on every change of the inputs and swaps the result in, or keeps the last
/// good build and shows the new one's problems. Stops with the server.
public struct WatchService: Service {
    public var compiler: ServeCompiler
    public var live: LiveRegistry
    public var watcher: InputWatcher
    /// Told about each rebuild (the command line prints it).
    public var report: @Sendable (String) -> Void

    public init(compiler: ServeCompiler, live: LiveRegistry, watcher: InputWatcher, report: @escaping @Sendable (String) -> Void) {
        self.compiler = compiler
        self.live = live
        self.watcher = watcher
        self.report = report
    }

    public func run() async throws {
        let (compiler, live, report) = (compiler, live, report)
        await cancelWhenGracefulShutdown {
            await watcher.run {
                // A rebuild is seconds of work: it runs on a thread of its own, not on the pool that answers requests.
                let started = Date()
                let message: String = await withCheckedContinuation { continuation in
                    Thread {
                        continuation.resume(returning: Self.rebuild(compiler, into: live))
                    }.start()
                }
                report(message + String(format: " (%.2f s)", Date().timeIntervalSince(started)))
            }
        }
    }

    /// One rebuild: swapped in, or its problems shown; what happened, in a line.
    static func rebuild(_ compiler: ServeCompiler, into live: LiveRegistry) -> String {
        do {
            switch try compiler.compile() {
            case .compiled(let served, _, let load):
                live.replace(with: served)
                return "rebuilt: \(load.registry?.signals.count ?? 0) signals"
            case .failed(let diagnostics, let load):
                let text = HumanDiagnosticFormatter(sources: load.sources).render(diagnostics, fileCount: load.fileCount)
                live.fail(text)
                return "rebuild failed, still serving the last good build:\n" + text
            }
        } catch {
            live.fail("the registry cannot be read: \(error)")
            return "rebuild failed: \(error)"
        }
    }
}
