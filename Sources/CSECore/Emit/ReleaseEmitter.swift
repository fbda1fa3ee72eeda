import CSEDiagnostics
import Crypto

/// The release bundle: `cse-registry.json` (+ `.min.json`, `.ndjson`), `index.json`, `domains/*`, and one
/// normalized `signals/<D>/<C>/<ID>/signal.json` per signal.
struct ReleaseEmitter {
    var context: BuildContext

    var registry: Registry { context.registry }

    func bundleFiles() -> [OutputFile] {
        let entries = registry.signals.concurrentMap(minimumBatch: 256, SignalDocuments.indexEntry)
        let signalsArray = JSONValue.array(entries)
        let checksum = "sha256:" + Self.hex(SHA256.hash(data: JSONWriter(style: .compact).bytes(signalsArray)))
        let header: [(String, JSONValue)] = [
            (
                "registry",
                .object([
                    ("version", .string(registry.config.version)), ("published_at", .string(context.publishedAt)),
                    ("status", .string(registry.config.status)), ("checksum", .string(checksum)),
                ])
            ),
            (
                "spec",
                .object([
                    ("name", .string(registry.config.specName)), ("version", .string(registry.config.specVersion)),
                    ("url", .string(registry.config.specURL)),
                ])
            ),
        ]
        let bundle = JSONValue.object(header + [("signals", signalsArray)])
        // The bundle's three forms and the domain files are independent: written side by side.
        let emitter = self
        let jobs: [@Sendable () -> [OutputFile]] = [
            { [OutputFile(path: "cse-registry.json", json: bundle)] },
            { [OutputFile(path: "cse-registry.min.json", json: bundle, style: .compact)] },
            {
                // NDJSON: one index entry per line, no header, so that line N is signal N.
                var ndjson: [UInt8] = []
                let compact = JSONWriter(style: .compact)
                for entry in entries {
                    ndjson += compact.bytes(entry)
                    ndjson.append(UInt8(ascii: "\n"))
                }
                return [OutputFile(path: "cse-registry.ndjson", bytes: ndjson)]
            },
            { emitter.domainFiles(entries: entries) },
        ]
        return Array(runConcurrently(jobs).joined())
    }

    /// `domains/<D>.json` and `.min.json` for each domain, and `index.json`; `entries` are the bundle's index
    /// entries, in the registry's signal order.
    private func domainFiles(entries: [JSONValue]) -> [OutputFile] {
        var files: [OutputFile] = []
        var domainEntries: [JSONValue] = []
        // Signals by position, so that no signal is copied (a copy retains each of its fields).
        let signals = registry.signals
        var byDomain: [String: [Int]] = [:]
        for i in signals.indices { byDomain[signals[i].domain, default: []].append(i) }
        for domain in byDomain.keys.sorted() {
            let members = byDomain[domain]!
            var categories: [String: Int] = [:]
            for i in members { categories[signals[i].category, default: 0] += 1 }
            let doc = JSONValue.object([
                ("domain", .string(domain)),
                ("registry_version", .string(registry.config.version)),
                ("signal_count", .int(members.count)),
                ("signals", .array(members.map { entries[$0] })),
            ])
            files.append(OutputFile(path: "domains/\(domain).json", json: doc))
            files.append(OutputFile(path: "domains/\(domain).min.json", json: doc, style: .compact))
            domainEntries.append(
                .object([
                    ("name", .string(domain)), ("signal_count", .int(members.count)), ("categories", .sortedObject(categories.mapValues { .int($0) })),
                    ("file", .string("domains/\(domain).json")), ("file_min", .string("domains/\(domain).min.json")),
                ]))
        }
        let index = JSONValue.object([
            (
                "registry",
                .object([
                    ("version", .string(registry.config.version)), ("published_at", .string(context.publishedAt)),
                    ("status", .string(registry.config.status)),
                ])
            ),
            (
                "spec",
                .object([
                    ("name", .string(registry.config.specName)), ("version", .string(registry.config.specVersion)),
                    ("url", .string(registry.config.specURL)),
                ])
            ),
            ("total_signals", .int(registry.signals.count)),
            ("domains", .array(domainEntries)),
        ])
        files.append(OutputFile(path: "index.json", json: index))
        return files
    }

    func signalFiles() -> [OutputFile] {
        registry.signals.concurrentMap(minimumBatch: 64) { s in
            OutputFile(path: "signals/\(s.domain)/\(s.category)/\(s.id)/signal.json", json: SignalDocuments.full(s))
        }
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
