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
        // Streamed: a tree of 50,000 entries would cost more to build and free than to write.
        var manifest = JSONStream(style: .pretty, capacity: 64 + order.count * 160)
        manifest.beginObject()
        manifest.member("registry_version", context.config.version)
        manifest.member("published_at", context.publishedAt)
        manifest.member("file_count", order.count)
        manifest.member("total_bytes", plan.totalBytes)
        manifest.key("files")
        manifest.beginArray()
        for (i, digest) in zip(order, digests) {
            manifest.beginObject()
            manifest.member("path", files[i].path)
            manifest.member("size", files[i].bytes.count)
            manifest.member("sha256", digest)
            manifest.endObject()
        }
        manifest.endArray()
        manifest.endObject()
        let manifestFile = OutputFile(path: "manifest.json", bytes: manifest.finish())
        let manifestDigest = ReleaseEmitter.hex(SHA256.hash(data: manifestFile.bytes))
        var sums: [UInt8] = []
        sums.reserveCapacity(order.count * 128)
        func line(_ digest: String, _ path: String) {
            sums.append(contentsOf: digest.utf8)
            sums.append(contentsOf: "  ".utf8)
            sums.append(contentsOf: path.utf8)
            sums.append(UInt8(ascii: "\n"))
        }
        // The files are in path order already; the manifest's line goes in before the first path after its own.
        var manifestListed = false
        for (i, digest) in zip(order, digests) {
            if !manifestListed && manifestFile.path.utf8Precedes(files[i].path) {
                line(manifestDigest, manifestFile.path)
                manifestListed = true
            }
            line(digest, files[i].path)
        }
        if !manifestListed { line(manifestDigest, manifestFile.path) }
        return [OutputFile(path: "SHA256SUMS", bytes: sums), manifestFile]
    }
}

