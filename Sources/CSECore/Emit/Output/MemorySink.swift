import Foundation

/// Keeps a build's files in memory, in plan order (the files a decorator adds after them): for `cse serve`
/// and for tests that read whole trees without touching the disk.
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var planned: [OutputFile?] = []
    /// The plan's list of each file (``OutputFile/list``), carried over to the file written.
    private var lists: [APIList?] = []
    private var added: [OutputFile] = []
    private var committed: OutputPlan?

    public init() {}

    public func begin(_ plan: OutputPlan) throws {
        lock.lock()
        defer { lock.unlock() }
        planned = Array(repeating: nil, count: plan.files.count)
        lists = plan.files.map(\.list)
        added = []
        committed = nil
    }

    public func write(_ path: String, _ bytes: [UInt8], index: Int) throws {
        lock.lock()
        defer { lock.unlock() }
        var file = OutputFile(path: path, bytes: bytes)
        if index >= 0 {
            file.list = lists[index]
            planned[index] = file
        } else {
            added.append(file)
        }
    }

    public func commit() throws -> [OutputFile] {
        lock.lock()
        defer { lock.unlock() }
        var plan = OutputPlan()
        plan.add(contentsOf: planned.compactMap { $0 })
        plan.add(contentsOf: added)
        committed = plan
        return []
    }

    public func abandon() {
        lock.lock()
        defer { lock.unlock() }
        planned = []
        added = []
    }

    /// The files written by the last committed write, in plan order; an empty plan before any.
    public var plan: OutputPlan {
        lock.lock()
        defer { lock.unlock() }
        return committed ?? OutputPlan()
    }

    /// The files by path.
    public var files: [String: [UInt8]] {
        Dictionary(plan.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    }
}
