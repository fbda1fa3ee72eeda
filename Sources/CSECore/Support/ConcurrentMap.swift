import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps the elements on all cores, preserving order.
    ///
    /// Work is split into batches of at least `minimumBatch` elements so that scheduling costs stay
    /// small next to parsing a few-kilobyte file; each batch writes only its own slots of the result.
    func concurrentMap<T: Sendable>(minimumBatch: Int = 16, _ transform: @Sendable (Element) -> T) -> [T] {
        let count = self.count
        guard count > minimumBatch else { return map(transform) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let batches = Swift.max(1, Swift.min(cores * 64, count / minimumBatch))
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UnsafeSendableBuffer(buffer: results)
        self.withUnsafeBufferPointer { input in
            let inputBox = UnsafeSendableBuffer(buffer: UnsafeMutableBufferPointer(mutating: input))
            DispatchQueue.concurrentPerform(iterations: batches) { batch in
                let start = batch * count / batches, end = (batch + 1) * count / batches
                for i in start..<end { box.buffer[i] = transform(inputBox.buffer[i]) }
            }
        }
        return results.map { $0! }
    }
}

/// A buffer handed to concurrent workers that write disjoint slots.
private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
}

/// Runs independent jobs on all cores; the results keep the jobs' order.
///
/// Emitters collect every file (or page) they write as one job and run them here together: a
/// `concurrentMap` nested inside another one gets a single thread from Dispatch, so parallel work is
/// flattened into one list rather than nested.
func runConcurrently<T: Sendable>(_ jobs: [@Sendable () -> T]) -> [T] {
    jobs.concurrentMap(minimumBatch: 1) { $0() }
}
