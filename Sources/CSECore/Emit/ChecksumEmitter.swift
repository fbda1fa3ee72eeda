import CSEDiagnostics
import Crypto

/// `manifest.json` (every file with size and hash) and `SHA256SUMS` (in `sha256sum -c` format).
///
/// The manifest lists every file except itself and `SHA256SUMS`; `SHA256SUMS` lists every file except
/// itself, the manifest included, so `sha256sum -c SHA256SUMS` checks the whole tree.
enum ChecksumEmitter {
    static func files(for plan: OutputPlan, context: BuildContext) -> [OutputFile] {
        var entries: [JSONValue] = []
        let sorted = plan.sortedFiles
        let digests = sorted.concurrentMap(minimumBatch: 64) { ReleaseEmitter.hex(SHA256.hash(data: $0.bytes)) }
        for (file, digest) in zip(sorted, digests) {
            entries.append(.object([("path", .string(file.path)), ("size", .int(file.bytes.count)), ("sha256", .string(digest))]))
        }
        let manifest = JSONValue.object([
            ("registry_version", .string(context.config.version)),
            ("published_at", .string(context.publishedAt)),
            ("file_count", .int(sorted.count)),
            ("total_bytes", .int(plan.totalBytes)),
            ("files", .array(entries)),
        ])
        let manifestFile = OutputFile(path: "manifest.json", json: manifest)
        var lines = zip(sorted.map(\.path), digests).map { ($0, $1) }
        lines.append((manifestFile.path, ReleaseEmitter.hex(SHA256.hash(data: manifestFile.bytes))))
        lines.sort { $0.0.utf8Precedes($1.0) }
        let sums = lines.flatMap { Array("\($1)  \($0)\n".utf8) }
        return [OutputFile(path: "SHA256SUMS", bytes: sums), manifestFile]
    }
}
