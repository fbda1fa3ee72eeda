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

/// Watches a registry root for changes: through inotify where the kernel has it (Linux), and otherwise by
/// polling the path, size and modification time of every input file.
///
/// inotify tells the server of a write within milliseconds; the queue is read without blocking every 20 ms,
/// which keeps the watcher cancellable with the server and costs nothing while nothing changes. Polling
/// works on every file system (network and some container mounts give no inotify events) and costs a few
/// milliseconds per poll at 10,000 signals; it is the fallback when inotify cannot be set up (no inotify,
/// or the per-user watch limit reached) and can be chosen with `mode: .polling`.
public struct InputWatcher: Sendable {
    public enum Mode: Sendable {
        /// inotify, falling back to polling when it cannot watch the whole tree.
        case automatic
        case polling
    }

    public var root: String
    public var interval: Duration
    public var mode: Mode

    public init(root: String, interval: Duration = .milliseconds(250), mode: Mode = .automatic) {
        self.root = root
        self.interval = interval
        self.mode = mode
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

    /// How changes are being noticed: "inotify" or "polling every 250 ms"; set once ``run(_:)`` has started.
    public func describe(usingInotify: Bool) -> String {
        usingInotify ? "inotify" : "polling every \(Int(interval / .milliseconds(1))) ms"
    }

    /// Calls `started` with how it watches, then `changed` after each change, until the task is cancelled.
    /// Changes that arrive close together (an editor's write, rename and chmod; a `git checkout`) are one
    /// change: with inotify, the change is reported once the tree has been quiet for 30 ms.
    public func run(started: @Sendable (String) -> Void = { _ in }, _ changed: @Sendable () async -> Void) async {
        #if os(Linux)
            if mode == .automatic, let events = InotifyEvents(root: root, names: Self.watched) {
                started(describe(usingInotify: true))
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(20))
                    guard events.drain() else { continue }
                    repeat { try? await Task.sleep(for: .milliseconds(30)) } while events.drain() && !Task.isCancelled
                    await changed()
                }
                return
            }
        #endif
        started(describe(usingInotify: false))
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

#if os(Linux)
    /// An inotify instance watching the registry's inputs: the root folder itself (for `cse.yaml`,
    /// `release.yaml` and the watched folders appearing or being replaced) and every folder below the
    /// watched ones, with new folders added as they appear.
    final class InotifyEvents {
        private let fd: Int32
        private let root: String
        private let names: Set<String>
        /// Watch descriptor → the folder it watches.
        private var folders: [Int32: String] = [:]
        /// Where events are read into, kept between reads (the queue is read every 20 ms).
        private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        private static let mask = UInt32(
            IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

        /// Nil when inotify cannot watch the whole tree (no inotify, or the watch limit reached).
        init?(root: String, names: [String]) {
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            self.fd = fd
            self.root = root
            self.names = Set(names)
            guard watch(root) else { return nil }
            for name in names where !name.contains(".") {
                guard watchTree(root + "/" + name) else { return nil }
            }
        }

        deinit { close(fd) }

        private func watch(_ folder: String) -> Bool {
            let wd = inotify_add_watch(fd, folder, Self.mask | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW))
            if wd >= 0 {
                folders[wd] = folder
                return true
            }
            // Gone already, or not a folder: nothing to watch. A full table is a reason to poll instead.
            return errno == ENOENT || errno == ENOTDIR
        }

        /// `folder` and every folder below it (links not followed).
        private func watchTree(_ folder: String) -> Bool {
            guard watch(folder) else { return false }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return true }
            for name in entries {
                var info = stat()
                let path = folder + "/" + name
                guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
                guard watchTree(path) else { return false }
            }
            return true
        }

        /// Reads every queued event, watching the folders that appeared; whether any concerned an input.
        func drain() -> Bool {
            var relevant = false
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                var offset = 0
                while offset + 16 <= count {
                    let (wd, mask, length) = buffer.withUnsafeBytes {
                        (
                            $0.loadUnaligned(fromByteOffset: offset, as: Int32.self), $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                            Int($0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                        )
                    }
                    let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    offset += 16 + length
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // Events were lost: count it as a change (the rebuild reads everything anyway).
                        relevant = true
                        continue
                    }
                    if mask & UInt32(IN_IGNORED) != 0 {
                        folders[wd] = nil
                        continue
                    }
                    guard let folder = folders[wd] else { continue }
                    // In the root, only the registry's own inputs count (not `_site/` or `.cse-serve/`).
                    if folder == root, !names.contains(name) { continue }
                    relevant = true
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        _ = watchTree(folder + "/" + name)
                    }
                }
            }
            return relevant
        }
    }
#endif

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
            await watcher.run(started: { report("watching the inputs through \($0)") }) {
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
                let text = HumanDiagnosticFormatter(sources: load.sources, explains: DiagnosticCatalogue.explains).render(
                    diagnostics, fileCount: load.fileCount)
                live.fail(text)
                return "rebuild failed, still serving the last good build:\n" + text
            }
        } catch {
            live.fail("the registry cannot be read: \(error)")
            return "rebuild failed: \(error)"
        }
    }
}
