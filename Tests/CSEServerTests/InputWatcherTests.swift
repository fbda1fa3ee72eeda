import CSEServer
import Foundation
import Synchronization
import Testing

/// The watcher under `cse serve --watch`, both ways it notices changes: each must report a file written in
/// a folder that did not exist when watching began, and nothing for files outside the registry's inputs.
@Suite struct InputWatcherTests {
    final class Counter: Sendable {
        let changes = Mutex(0)
        let how = Mutex("")
    }

    /// Waits up to `seconds` for `condition`; the timeout is a failure, not a measurement.
    static func eventually(_ seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    @Test(arguments: [InputWatcher.Mode.automatic, .polling])
    func aWriteAnywhereBelowTheInputsIsOneChange(mode: InputWatcher.Mode) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/signals/A", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("registry: {}\n".utf8).write(to: URL(fileURLWithPath: root + "/cse.yaml"))

        let counter = Counter()
        let watcher = InputWatcher(root: root, interval: .milliseconds(50), mode: mode)
        let task = Task {
            await watcher.run(started: { how in counter.how.withLock { $0 = how } }) { counter.changes.withLock { $0 += 1 } }
        }
        defer { task.cancel() }
        #expect(await Self.eventually { !counter.how.withLock { $0 }.isEmpty })
        let how = counter.how.withLock { $0 }
        #if os(Linux)
            #expect(how == (mode == .polling ? "polling every 50 ms" : "inotify"))
        #endif
        // Let a first poll take its snapshot.
        try await Task.sleep(for: .milliseconds(150))

        // Outside the inputs: an output folder in the root.
        try FileManager.default.createDirectory(atPath: root + "/_site", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/_site/index.html"))
        try await Task.sleep(for: .milliseconds(300))
        #expect(counter.changes.withLock { $0 } == 0, "a file outside the inputs is not a change (\(how))")

        // A new folder, then a file in it: the watch must follow the new folder.
        try FileManager.default.createDirectory(atPath: root + "/signals/A/B/CSE-A-B-X-001", withIntermediateDirectories: true)
        // (inotify reports the folder itself; polling looks at files only.)
        if mode == .automatic { #expect(await Self.eventually { counter.changes.withLock { $0 } >= 1 }) }
        let before = counter.changes.withLock { $0 }
        try Data("id: x\n".utf8).write(to: URL(fileURLWithPath: root + "/signals/A/B/CSE-A-B-X-001/signal.yaml"))
        #expect(await Self.eventually { counter.changes.withLock { $0 } > before }, "a new file in a new folder (\(how))")

        let afterNew = counter.changes.withLock { $0 }
        try Data("registry: {version: 1.0.0}\n".utf8).write(to: URL(fileURLWithPath: root + "/cse.yaml"))
        #expect(await Self.eventually { counter.changes.withLock { $0 } > afterNew }, "cse.yaml (\(how))")
    }
}
