import CSEDiagnostics
import Crypto

/// The release bundle: `cse-registry.json` (+ `.min.json`, `.ndjson`), `index.json`, `domains/*`, and one
/// normalized `signals/<D>/<C>/<ID>/signal.json` per signal.
struct ReleaseEmitter {
    var context: BuildContext

    var registry: Registry { context.registry }

    func bundleFiles() -> [OutputFile] {
        // Each index entry is written once per style, on all cores; every file below splices them in.
        let entries = registry.signals.concurrentMap(minimumBatch: 256, SignalDocuments.IndexEntry.init)
        // The checksum is over the compact `signals` array: exactly those bytes of cse-registry.min.json.
        var array = JSONStream(capacity: entries.reduce(2) { $0 + $1.compact.count + 1 })
        array.beginArray()
        for entry in entries { array.raw(entry.compact) }
        array.endArray()
        let signalsArray = array.bytes
        let checksum = "sha256:" + Self.hex(SHA256.hash(data: signalsArray))
        let arrayBytes = signalsArray.count
        let registryHeader = JSONValue.object([
            ("version", .string(registry.config.version)), ("published_at", .string(context.publishedAt)),
            ("status", .string(registry.config.status)), ("checksum", .string(checksum)),
        ])
        let spec = specHeader
        @Sendable func bundle(_ style: JSONWriter.Style) -> [UInt8] {
            var out = JSONStream(style: style, capacity: 256 + entries.reduce(0) { $0 + $1[style].count + 4 })
            out.beginObject()
            out.key("registry")
            out.value(registryHeader)
            out.key("spec")
            out.value(spec)
            out.key("signals")
            if style == .compact {
                out.raw(signalsArray)
            } else {
                out.beginArray()
                for entry in entries { out.raw(entry.pretty) }
                out.endArray()
            }
            out.endObject()
            return out.finish()
        }
        // The bundle's three forms and the domain files are deferred: each is spliced as it is written, on
        // the writing threads, from the index entries built above.
        let emitter = self
        return [
            OutputFile(path: "cse-registry.json") { bundle(.pretty) },
            OutputFile(path: "cse-registry.min.json") { bundle(.compact) },
            OutputFile(path: "cse-registry.ndjson") {
                // NDJSON: one index entry per line, no header, so that line N is signal N.
                var ndjson: [UInt8] = []
                ndjson.reserveCapacity(arrayBytes)
                for entry in entries {
                    ndjson += entry.compact
                    ndjson.append(UInt8(ascii: "\n"))
                }
                return ndjson
            },
        ] + domainFiles(entries: entries) + [OutputFile(path: CSVDownloads.registryPath) { CSVDownloads.registry(emitter.registry) }]
    }

    private var specHeader: JSONValue {
        .object([
            ("name", .string(registry.config.specName)), ("version", .string(registry.config.specVersion)),
            ("url", .string(registry.config.specURL)),
        ])
    }

    /// `domains/<D>.json` and `.min.json` for each domain, and `index.json`; `entries` are the bundle's index
    /// entries, in the registry's signal order.
    private func domainFiles(entries: [SignalDocuments.IndexEntry]) -> [OutputFile] {
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
            let version = registry.config.version
            for (style, path) in [(JSONWriter.Style.pretty, "domains/\(domain).json"), (.compact, "domains/\(domain).min.json")] {
                files.append(
                    OutputFile(path: path) {
                        var out = JSONStream(style: style, capacity: 256 + members.reduce(0) { $0 + entries[$1][style].count + 4 })
                        out.beginObject()
                        out.member("domain", domain)
                        out.member("registry_version", version)
                        out.member("signal_count", members.count)
                        out.key("signals")
                        out.beginArray()
                        for i in members { out.raw(entries[i][style]) }
                        out.endArray()
                        out.endObject()
                        return out.finish()
                    })
            }
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
            ("spec", specHeader),
            ("total_signals", .int(registry.signals.count)),
            ("domains", .array(domainEntries)),
        ])
        files.append(OutputFile(path: "index.json", json: index))
        return files
    }

    func signalFiles() -> [OutputFile] {
        // Deferred: each is written as it is rendered, on the writing threads.
        registry.signals.map { s in OutputFile(path: "signals/\(s.domain)/\(s.category)/\(s.id)/signal.json") { SignalDocuments.full(s) } }
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
