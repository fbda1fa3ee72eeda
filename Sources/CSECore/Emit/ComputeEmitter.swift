import CSEDiagnostics

/// The compute stage's documents: mapping indexes, crosswalks for every framework pair, coverage and
/// statistics (docs/compute.md §9).
struct ComputeEmitter {
    var context: BuildContext
    var results: ComputeResults

    func files() -> [OutputFile] {
        let registry = context.registry, context = self.context
        let index = results.index
        let crosswalks = results.crosswalks
        // Every file is independent: each is a job, and the jobs run on all cores in this order.
        var jobs: [@Sendable () -> OutputFile] = []
        for fw in registry.frameworks {
            jobs.append { OutputFile(path: "mappings/by-control/\(fw.code).json", json: ComputeDocuments.byControl(fw, index: index, registry: registry)) }
        }
        // The documents with an entry per signal or per link are written entry by entry on all cores first,
        // then spliced: as one job each, the by-signal index or a large crosswalk would hold one thread
        // while the other finished everything else.
        let bySignal = registry.signals.concurrentMap(minimumBatch: 128) { s in
            var out = JSONStream(style: .pretty, depth: 2, capacity: 1024)
            out.value(ComputeDocuments.bySignalEntry(s, index: index))
            return out.bytes
        }
        jobs.append {
            OutputFile.splicing(
                "mappings/by-signal.json", header: [("schema_version", "1.0"), ("registry_version", .string(registry.config.version))],
                listKey: "signals", items: bySignal)
        }

        var pairs: [JSONValue] = []
        let fws = registry.frameworks
        var pairLinks: [(Framework, Framework, [CrosswalkLink])] = []
        for i in fws.indices {
            for j in (i + 1)..<fws.count { pairLinks.append((fws[i], fws[j], crosswalks.links(from: fws[i].code, to: fws[j].code))) }
        }
        let allLinks = pairLinks.flatMap(\.2).concurrentMap(minimumBatch: 64) { l in
            var out = JSONStream(style: .pretty, depth: 2, capacity: 1024)
            out.value(ComputeDocuments.link(l, registry: registry))
            return out.bytes
        }
        var start = 0
        for (a, b, links) in pairLinks {
            let path = "crosswalks/\(a.code)--\(b.code).json"
            let items = allLinks[start..<(start + links.count)]
            start += links.count
            jobs.append {
                OutputFile.splicing(
                    path,
                    header: [
                        ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)),
                        ("source_framework", ComputeDocuments.frameworkRef(a)), ("target_framework", ComputeDocuments.frameworkRef(b)),
                        ("counts", ComputeDocuments.counts(links)),
                    ],
                    listKey: "links", items: items)
            }
            pairs.append(
                .object([
                    ("source_framework", .string(a.code)), ("target_framework", .string(b.code)), ("file", .string(path)),
                    ("counts", ComputeDocuments.counts(links)),
                ]))
        }
        let pairList = pairs
        jobs.append {
            OutputFile(
                path: "crosswalks/index.json",
                json: .object([
                    ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)),
                    ("published_at", .string(context.publishedAt)),
                    ("rules", "https://cse-registry.org/docs/compute.md"),
                    ("pairs", .array(pairList)),
                ]))
        }

        let coverage = results.coverage
        jobs.append { OutputFile(path: "coverage/index.json", json: ComputeDocuments.coverageIndex(coverage, registry: registry)) }
        for f in coverage.frameworks {
            jobs.append { OutputFile(path: "coverage/\(f.framework.code).json", json: ComputeDocuments.coverage(f, registry: registry)) }
        }
        let stats = results.stats
        jobs.append { OutputFile(path: "stats.json", json: ComputeDocuments.stats(stats, context: context)) }
        return runConcurrently(jobs)
    }
}
