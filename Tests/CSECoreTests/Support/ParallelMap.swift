import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps on all cores, keeping the order: for tests that read a whole built site or API tree, which
    /// would take minutes one file at a time in a debug build.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, transform(self[i])) }
        return results.values.map { $0! }
    }
}

/// Result slots shared by concurrent workers; each writes under the lock.
private final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }

    var values: [T?] { lock.withLock { slots } }
}
