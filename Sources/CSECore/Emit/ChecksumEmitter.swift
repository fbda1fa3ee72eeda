import CSEDiagnostics
import Crypto

/// `manifest.json` (every file with size and hash, one file per line) and `SHA256SUMS` (in `sha256sum -c`
/// format).
///
/// The manifest lists every file except itself and `SHA256SUMS`; `SHA256SUMS` lists every file except
/// itself, the manifest included, so `sha256sum -c SHA256SUMS` checks the whole tree.
enum ChecksumEmitter {
    static func digest(of bytes: [UInt8]) -> String { ReleaseEmitter.hex(SHA256.hash(data: bytes)) }

    /// The two files, from each file's path, size and digest (in plan order) and the plan's path order, as
    /// ``HashingSink`` takes them while the files are written.
    static func files(paths: [String], sizes: [Int], digests: [String], order: [Int], context: BuildContext) -> [OutputFile] {
        // Streamed: a tree of 50,000 entries would cost more to build and free than to write. Each file's
        // entry is one compact line (pretty, five lines of indentation each made it half whitespace).
        var manifest = JSONStream(style: .pretty, capacity: 64 + order.count * 120)
        manifest.beginObject()
        manifest.member("registry_version", context.config.version)
        manifest.member("published_at", context.publishedAt)
        manifest.member("file_count", order.count)
        manifest.member("total_bytes", sizes.reduce(0, +))
        manifest.key("files")
        manifest.beginArray()
        for i in order {
            manifest.raw(
                JSONStream.object(capacity: 128) {
                    $0.member("path", paths[i])
                    $0.member("size", sizes[i])
                    $0.member("sha256", digests[i])
                })
        }
        manifest.endArray()
        manifest.endObject()
        let manifestFile = OutputFile(path: "manifest.json", bytes: manifest.finish())
        let manifestDigest = digest(of: manifestFile.bytes)
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
        for i in order {
            if !manifestListed && manifestFile.path.utf8Precedes(paths[i]) {
                line(manifestDigest, manifestFile.path)
                manifestListed = true
            }
            line(digests[i], paths[i])
        }
        if !manifestListed { line(manifestDigest, manifestFile.path) }
        return [OutputFile(path: "SHA256SUMS", bytes: sums), manifestFile]
    }
}
