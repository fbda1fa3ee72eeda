import CSEDiagnostics
import Crypto

/// `manifest.json` (every file with size and hash) and `SHA256SUMS` (in `sha256sum -c` format).
///
/// The manifest lists every file except itself and `SHA256SUMS`; `SHA256SUMS` lists every file except
/// itself, the manifest included, so `sha256sum -c SHA256SUMS` checks the whole tree.
enum ChecksumEmitter {
    static func files(for plan: OutputPlan, context: BuildContext) -> [OutputFile] {
        let files = plan.files
        let order = plan.sortedIndices()
        let digests = order.concurrentMap(minimumBatch: 64) { ReleaseEmitter.hex(SHA256.hash(data: files[$0].bytes)) }
        var entries: [JSONValue] = []
        entries.reserveCapacity(order.count)
        for (i, digest) in zip(order, digests) {
            entries.append(.object([("path", .string(files[i].path)), ("size", .int(files[i].bytes.count)), ("sha256", .string(digest))]))
        }
        let manifest = JSONValue.object([
            ("registry_version", .string(context.config.version)),
            ("published_at", .string(context.publishedAt)),
            ("file_count", .int(order.count)),
            ("total_bytes", .int(plan.totalBytes)),
            ("files", .array(entries)),
        ])
        let manifestFile = OutputFile(path: "manifest.json", json: manifest)
        let manifestDigest = ReleaseEmitter.hex(SHA256.hash(data: manifestFile.bytes))
        // The manifest's line goes where its path sorts among the others.
        let manifestSlot = order.partitioningIndex { files[$0].path.utf8Precedes(manifestFile.path) == false }
        var sums: [UInt8] = []
        sums.reserveCapacity(order.count * 128)
        func line(_ digest: String, _ path: String) {
            sums.append(contentsOf: digest.utf8)
            sums.append(contentsOf: "  ".utf8)
            sums.append(contentsOf: path.utf8)
            sums.append(UInt8(ascii: "\n"))
        }
        for (n, (i, digest)) in zip(order, digests).enumerated() {
            if n == manifestSlot { line(manifestDigest, manifestFile.path) }
            line(digest, files[i].path)
        }
        if manifestSlot == order.count { line(manifestDigest, manifestFile.path) }
        return [OutputFile(path: "SHA256SUMS", bytes: sums), manifestFile]
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, in an array where every element that does
    /// follows every element that does not (binary search); `count` when none does.
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
