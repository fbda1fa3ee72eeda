import CSEDiagnostics

/// The compute stage's documents: mapping indexes, crosswalks for every framework pair, coverage and
/// statistics (docs/compute.md §9).
struct ComputeEmitter: OutputEmitter {
    var context: BuildContext
    var results: ComputeResults

    func files() -> ([OutputFile], [Diagnostic]) { (computeFiles(), []) }

    func computeFiles() -> [OutputFile] {
        let registry = context.registry, context = self.context
        let index = results.index
        let crosswalks = results.crosswalks
        // Every file is independent and deferred: each is built as it is written, on the writing threads.
        var files: [OutputFile] = []
        for fw in registry.frameworks {
            files.append(OutputFile(path: "mappings/by-control/\(fw.code).json") { ComputeDocuments.byControl(fw, index: index, registry: registry) })
        }
        files.append(OutputFile(path: "mappings/by-signal.json") { ComputeDocuments.bySignal(index: index, registry: registry) })

        var pairs: [JSONValue] = []
        let fws = registry.frameworks
        for i in fws.indices {
            for j in (i + 1)..<fws.count {
                let a = fws[i], b = fws[j]
                let links = crosswalks.links(from: a.code, to: b.code)
                let path = "crosswalks/\(a.code)--\(b.code).json"
                files.append(OutputFile(path: path) { ComputeDocuments.crosswalk(from: a, to: b, links: links, registry: registry) })
                pairs.append(
                    .object([
                        ("source_framework", .string(a.code)), ("target_framework", .string(b.code)), ("file", .string("\(a.code)--\(b.code).json")),
                        ("counts", ComputeDocuments.counts(links)),
                    ]))
            }
        }
        let pairList = pairs
        files.append(
            OutputFile(path: "crosswalks/index.json") {
                .object([
                    ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)),
                    ("published_at", .string(context.publishedAt)),
                    ("rules", .string(context.absoluteURL(SitePaths.pretty(SitePaths.crosswalks) + "#rules"))),
                    ("pairs", .array(pairList)),
                ])
            })

        let coverage = results.coverage
        files.append(OutputFile(path: "coverage/index.json") { ComputeDocuments.coverageIndex(coverage, registry: registry) })
        files.append(OutputFile(path: CSVDownloads.coveragePath) { CSVDownloads.coverage(coverage) })
        for f in coverage.frameworks {
            files.append(OutputFile(path: "coverage/\(f.framework.code).json") { ComputeDocuments.coverage(f, registry: registry) })
        }
        let stats = results.stats
        files.append(OutputFile(path: "stats.json") { ComputeDocuments.stats(stats, context: context) })
        return files
    }
}
