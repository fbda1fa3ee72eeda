import Foundation

/// A sink that takes every file's size and SHA-256 as it passes through, and closes the output with its
/// checksum files (`SHA256SUMS`, `manifest.json`, see ``ChecksumEmitter``) before the sink it wraps
/// commits. Hashing happens on the writing threads, while each file's bytes are at hand.
public final class HashingSink: OutputSink, @unchecked Sendable {
    public let inner: any OutputSink
    let context: BuildContext
    private var paths: [String] = []
    private var order: [Int] = []
    private var sizes: UnsafeMutableBufferPointer<Int> = .init(start: nil, count: 0)
    private var digests: UnsafeMutableBufferPointer<String> = .init(start: nil, count: 0)

    public init(_ inner: any OutputSink, context: BuildContext) {
        self.inner = inner
        self.context = context
    }

    deinit { release() }

    private func release() {
        if sizes.baseAddress != nil { sizes.deallocate() }
        if digests.baseAddress != nil {
            digests.deinitialize()
            digests.deallocate()
        }
        sizes = .init(start: nil, count: 0)
        digests = .init(start: nil, count: 0)
    }

    public func begin(_ plan: OutputPlan) throws {
        release()
        paths = plan.files.map(\.path)
        order = plan.sortedIndices()
        sizes = .allocate(capacity: paths.count)
        sizes.initialize(repeating: 0)
        digests = .allocate(capacity: paths.count)
        digests.initialize(repeating: "")
        try inner.begin(plan)
    }

    /// Each slot is written by the one thread that writes its file.
    public func write(_ path: String, _ bytes: [UInt8], index: Int) throws {
        if index >= 0 {
            sizes[index] = bytes.count
            digests[index] = ChecksumEmitter.digest(of: bytes)
        }
        try inner.write(path, bytes, index: index)
    }

    public func commit() throws -> [OutputFile] {
        let closing = ChecksumEmitter.files(paths: paths, sizes: Array(sizes), digests: Array(digests), order: order, context: context)
        context.timer.mark("write: files")
        for file in closing { try inner.write(file.path, file.bytes, index: -1) }
        context.timer.mark("write: checksums")
        return closing + (try inner.commit())
    }

    public func abandon() { inner.abandon() }
}
