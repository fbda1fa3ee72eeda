import CSEDiagnostics
import Crypto

/// `SHA256SUMS` (in `sha256sum -c` format) and `manifest.json` over every other file of the build.
enum ChecksumEmitter {
    static func files(for plan: OutputPlan, context: BuildContext) -> [OutputFile] {
        var sums: [UInt8] = []
        var entries: [JSONValue] = []
        let sorted = plan.sortedFiles
        let digests = sorted.concurrentMap(minimumBatch: 64) { ReleaseEmitter.hex(SHA256.hash(data: $0.bytes)) }
        for (file, digest) in zip(sorted, digests) {
            sums += Array("\(digest)  \(file.path)\n".utf8)
            entries.append(.object([("path", .string(file.path)), ("size", .int(file.bytes.count)), ("sha256", .string(digest))]))
        }
        let manifest = JSONValue.object([
            ("registry_version", .string(context.config.version)),
            ("published_at", .string(context.publishedAt)),
            ("file_count", .int(sorted.count)),
            ("total_bytes", .int(plan.totalBytes)),
            ("files", .array(entries)),
        ])
        return [OutputFile(path: "SHA256SUMS", bytes: sums), OutputFile(path: "manifest.json", json: manifest)]
    }
}
