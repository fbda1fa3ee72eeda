import CSEDiagnostics
import Dispatch
import Foundation

/// Where a build's files go: the disk (``DiskOutput``), memory (``MemorySink``, for `cse serve` and fast
/// tests), or another sink through a decorator (``HashingSink`` adds the checksum files).
///
/// ``OutputWriter`` drives a sink: ``begin(_:)`` with the whole plan, then ``write(_:_:index:)`` for every
/// file from several threads at once, then ``commit()``; on a failure ``abandon()`` instead, which leaves
/// what was there before as it was.
public protocol OutputSink: AnyObject, Sendable {
    /// Before any file is written: the plan's paths (folders to make, the order checksums list them in).
    func begin(_ plan: OutputPlan) throws
    /// One file. Called from several threads at once; `index` is the file's place in the plan, or -1 for a
    /// file a decorator adds.
    func write(_ path: String, _ bytes: [UInt8], index: Int) throws
    /// Puts everything written in place; returns the files the sink added itself.
    func commit() throws -> [OutputFile]
    /// After a failure: nothing of this write is kept.
    func abandon()
}

/// What a write put in a sink.
public struct WriteSummary: Sendable, Hashable {
    public var fileCount: Int
    public var totalBytes: Int
}

/// Writes a plan into a sink: deferred files are rendered on the writing threads as they are written, so
/// that the API's tens of thousands of documents are never all in memory at once.
public enum OutputWriter {
    /// Number of threads rendering and writing.
    static let threads = 8

    @discardableResult
    public static func write(_ plan: OutputPlan, to sink: any OutputSink) throws -> WriteSummary {
        do {
            try sink.begin(plan)
            let sizes = try writeFiles(plan.files, to: sink)
            let added = try sink.commit()
            return WriteSummary(
                fileCount: plan.files.count + added.count, totalBytes: sizes.reduce(0, +) + added.reduce(0) { $0 + $1.bytes.count })
        } catch let kill as DiskOutput.SimulatedKill {
            throw kill
        } catch {
            sink.abandon()
            throw error
        }
    }

    /// Renders and writes every file from ``threads`` threads; the first error is thrown once all stop.
    /// Returns each file's size, in plan order.
    ///
    /// A file that cannot be rendered (``OutputFile/RenderFailure``) stops the writing but not the
    /// rendering: every other file is still rendered, so that ``RenderFailures`` names every failing file,
    /// in plan order, whatever the threads' timing.
    static func writeFiles(_ files: [OutputFile], to sink: any OutputSink) throws -> [Int] {
        let next = Counter()
        let firstError = FirstError()
        let failures = RenderFailureSlots()
        let sizes = UnsafeMutableBufferPointer<Int>.allocate(capacity: files.count)
        sizes.initialize(repeating: 0)
        defer { sizes.deallocate() }
        let slots = SizeSlots(sizes: sizes)
        files.withUnsafeBufferPointer { buffer in
            let box = Files(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: min(threads, max(1, files.count))) { _ in
                while firstError.error == nil {
                    let i = next.increment()
                    guard i < box.buffer.count else { return }
                    let file = box.buffer[i]
                    let bytes: [UInt8]
                    do throws(OutputFile.RenderFailure) { bytes = try file.render() } catch {
                        failures.add(index: i, error.diagnostic)
                        continue
                    }
                    guard !failures.any else { continue }
                    slots.sizes[i] = bytes.count
                    do { try sink.write(file.path, bytes, index: i) } catch { firstError.set(error) }
                }
            }
        }
        if let error = firstError.error { throw error }
        if let failed = failures.sorted() { throw failed }
        return Array(sizes)
    }
}

/// The files of a write that could not be rendered: their diagnostics in plan order (equal ones once).
public struct RenderFailures: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

/// The render failures the writing threads met, by plan position.
final class RenderFailureSlots: @unchecked Sendable {
    private var found: [(index: Int, diagnostic: Diagnostic)] = []
    private var failed = false
    private let lock = NSLock()

    func add(index: Int, _ diagnostic: Diagnostic) {
        lock.lock()
        defer { lock.unlock() }
        found.append((index, diagnostic))
        failed = true
    }

    var any: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failed
    }

    /// Every failure in plan order, or nil when there was none.
    func sorted() -> RenderFailures? {
        lock.lock()
        defer { lock.unlock() }
        guard failed else { return nil }
        var diagnostics: [Diagnostic] = []
        for (_, d) in found.sorted(by: { $0.index < $1.index }) where !diagnostics.contains(d) { diagnostics.append(d) }
        return RenderFailures(diagnostics: diagnostics)
    }
}

/// The writing threads' shared index.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// The current value; increments it.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

/// The first error any thread met.
final class FirstError: @unchecked Sendable {
    private var stored: (any Error)?
    private let lock = NSLock()

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func set(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if stored == nil { stored = error }
    }
}

/// The plan's files, read by the writing threads (immutable while they run).
private struct Files: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<OutputFile>
}

/// One size slot per file, each written by one thread.
private struct SizeSlots: @unchecked Sendable {
    let sizes: UnsafeMutableBufferPointer<Int>
}
