import CSEDiagnostics
import CSEYAML

/// The static JSON API: every readable endpoint of the hosted CSE API pre-rendered under `v1/`
/// (docs/api.md). Reads the compute stage's results (mapping index, coverage, crosswalks, statistics);
/// renders per-signal and per-control files on all cores.
struct APIEmitter: OutputEmitter {
    var context: BuildContext
    var schemas: SchemaCatalog
    var results: ComputeResults

    var registry: Registry { context.registry }

    /// Compact JSON: the tree is for programs, and a 10,000-signal registry has tens of thousands of files.
    static let writer = JSONWriter(style: .compact)

    static func file(_ path: String, _ json: JSONValue) -> OutputFile {
        OutputFile(path: "v1/" + path, bytes: writer.bytes(json))
    }

    /// `{"data": …}` at `path`.
    static func single(_ path: String, _ data: JSONValue) -> OutputFile { file(path, .object([("data", data)])) }

    /// `{"data": …}` at `path`, the data written by `body` when the file is written (a deferred file).
    static func single(_ path: String, capacity: Int = 2048, _ body: @escaping @Sendable (inout JSONStream) -> Void) -> OutputFile {
        OutputFile(path: "v1/" + path) {
            var out = JSONStream(capacity: capacity)
            out.beginObject()
            out.key("data")
            body(&out)
            out.endObject()
            return out.bytes
        }
    }

    /// List items built as values, written once each (a list's items are shared by several lists' pages).
    static func rendered(_ items: [JSONValue]) -> [[UInt8]] { items.map(writer.bytes) }

    /// The pages of a list whose first page is `<directory>/index.json` (one empty page when there are no
    /// items), as deferred files: each page is rendered when it is written. Items are compact JSON, spliced
    /// into each page as they are.
    static func list(_ directory: String, _ items: [[UInt8]]) -> [OutputFile] {
        let size = APIPath.pageSize
        let pages = max(1, (items.count + size - 1) / size)
        return (1...pages).map { page in
            let path = APIPath.page(page, of: directory)
            return OutputFile(path: "v1/" + path) {
                let slice = items[min(items.count, (page - 1) * size)..<min(items.count, page * size)]
                var out = JSONStream(capacity: 256 + slice.reduce(0) { $0 + $1.count + 1 })
                out.beginObject()
                out.key("data")
                out.beginArray()
                for item in slice { out.raw(item) }
                out.endArray()
                out.key("meta")
                out.beginObject()
                out.member("total", items.count)
                out.member("page", page)
                out.member("per_page", size)
                out.member("total_pages", pages)
                out.endObject()
                func link(_ name: StaticString, _ p: Int?) {
                    out.member(name, p.map { APIPath.relative(from: path, to: APIPath.page($0, of: directory)) })
                }
                out.key("links")
                out.beginObject()
                link("self", page)
                link("first", 1)
                link("prev", page > 1 ? page - 1 : nil)
                link("next", page < pages ? page + 1 : nil)
                link("last", pages)
                out.endObject()
                out.endObject()
                return out.bytes
            }
        }
    }

    /// What the per-signal pass makes of one signal.
    struct PerSignal: Sendable {
        var files: [OutputFile]
        /// Why the finding template was left out, if it was.
        var problems: [Diagnostic]
        /// The frameworks the signal's active mappings reach.
        var frameworks: Set<String>
        /// The signal's entry in the finding-template list, when it has a template.
        var templateItem: [UInt8]?
    }

    func files() -> ([OutputFile], [Diagnostic]) {
        let registry = self.registry, context = self.context
        let index = results.index
        let coverage = results.coverage
        let crosswalks = results.crosswalks
        var out: [OutputFile] = []
        // Every list page is a deferred file, rendered when it is written.
        var pages: [OutputFile] = []
        let enc = APIPath.encode

        // Signals: the list, one resource, mappings and finding template per signal (in parallel).
        let summaries = registry.signals.concurrentMap(minimumBatch: 256, APIDocuments.signalSummary)
        pages += Self.list("signals", summaries)
        // Each mapping's API document is built once and shared by the per-signal, per-framework and full lists.
        let mappingDocuments = registry.mappings.concurrentMap(minimumBatch: 256, APIDocuments.mapping)
        var grouped: [String: [Int]] = [:]
        for (i, m) in registry.mappings.enumerated() { grouped[m.source, default: []].append(i) }
        let bySource = grouped
        let findingType = Dictionary(registry.artifactTypes.map { ($0.id, $0.findingArtifactType) }, uniquingKeysWith: { a, _ in a })
        let schemas = self.schemas
        let perSignal: [PerSignal] = registry.signals.concurrentMap(minimumBatch: 64) { s in
            let mine = bySource[s.id] ?? []
            let dir = "signals/\(enc(s.id))"
            let artifact = s.metadata?.artifactTypes.lazy.compactMap { findingType[$0] }.first ?? "other"
            let signalMappings = mine.map { mappingDocuments[$0] }
            var files = [
                Self.single(dir + "/index.json", capacity: 1024 + signalMappings.reduce(0) { $0 + $1.count + 1 }) {
                    APIDocuments.signal(s, mappings: signalMappings, index: index, into: &$0)
                }
            ]
            files += Self.list("mappings/by-signal/\(enc(s.id))", signalMappings)
            let templateJSON = JSONValue.object([("data", APIDocuments.findingTemplate(s, artifactType: artifact, context: context))])
            let template = Self.file("finding-templates/\(enc(s.id))/index.json", templateJSON)
            let problems = Self.checkTemplate(template, json: templateJSON, signal: s.id, schemas: schemas)
            var templateItem: [UInt8]?
            if problems.isEmpty {
                files.append(template)
                templateItem = APIDocuments.findingTemplateSummary(s, artifactType: artifact)
            }
            // The frameworks the signal's active mappings reach (as the mapping index counts them), for the
            // by-framework lists.
            let frameworks = Set(mine.lazy.map { registry.mappings[$0] }.filter { $0.status == "active" }.compactMap { $0.controlKey?.framework })
            return PerSignal(files: files, problems: problems, frameworks: frameworks, templateItem: templateItem)
        }
        var diagnostics: [Diagnostic] = []
        for result in perSignal {
            out += result.files
            diagnostics += result.problems
        }

        // Filtered signal lists: one folder per value.
        var byDomain: [String: [[UInt8]]] = [:], byCategory: [String: [[UInt8]]] = [:], byTag: [String: [[UInt8]]] = [:]
        var bySeverity: [String: [[UInt8]]] = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, []) })
        var byFramework: [String: [[UInt8]]] = Dictionary(uniqueKeysWithValues: registry.frameworks.map { ($0.code, []) })
        for (i, s) in registry.signals.enumerated() {
            let summary = summaries[i]
            byDomain[s.domain, default: []].append(summary)
            byCategory[s.category, default: []].append(summary)
            for tag in Set(s.tags) { byTag[tag, default: []].append(summary) }
            if let severity = s.metadata?.suggestedSeverity { bySeverity[severity.rawValue, default: []].append(summary) }
            for code in perSignal[i].frameworks { byFramework[code, default: []].append(summary) }
        }
        for (name, groups) in [("by-domain", byDomain), ("by-category", byCategory), ("by-severity", bySeverity), ("by-tag", byTag), ("by-framework", byFramework)] {
            for key in groups.keys.sorted() { pages += Self.list("signals/\(name)/\(enc(key))", groups[key]!) }
        }

        // Domains.
        let stats = results.stats
        pages += Self.list(
            "domains",
            Self.rendered(stats.domains.map { d in
                .object([
                    ("id", .string(d.name)), ("signal_count", .int(d.signalCount)),
                    ("categories", .array(d.categories.map { .object([("id", .string($0.name)), ("signal_count", .int($0.signalCount))]) })),
                ])
            }))

        // Mappings.
        pages += Self.list("mappings", mappingDocuments)
        var byFrameworkMappings: [String: [[UInt8]]] = Dictionary(uniqueKeysWithValues: registry.frameworks.map { ($0.code, []) })
        var equivalences: [[UInt8]] = []
        for (m, document) in zip(registry.mappings, mappingDocuments) {
            switch m.target {
            case .control(let code, _): byFrameworkMappings[code, default: []].append(document)
            case .signal: equivalences.append(document)
            }
        }
        for code in byFrameworkMappings.keys.sorted() { pages += Self.list("mappings/by-framework/\(enc(code))", byFrameworkMappings[code]!) }

        // Frameworks and controls.
        pages += Self.list("frameworks", Self.rendered(coverage.frameworks.map(APIDocuments.frameworkSummary)))
        var allControls: [Control] = [], controlSummaries: [[UInt8]] = []
        for f in coverage.frameworks {
            let fw = f.framework
            out.append(Self.single("frameworks/\(enc(fw.code))/index.json", APIDocuments.framework(f)))
            let controls = fw.controls.sorted { $0.id.utf8Precedes($1.id) }
            let summaries = controls.map(APIDocuments.controlSummary)
            pages += Self.list("frameworks/\(enc(fw.code))/controls", summaries)
            allControls += controls
            controlSummaries += summaries
        }
        pages += Self.list("controls", controlSummaries)
        let controlFiles = allControls.concurrentMap(minimumBatch: 64) { c in
            Self.single("controls/\(enc(c.framework))/\(enc(c.id))/index.json") { APIDocuments.control(c, index: index, into: &$0) }
        }
        out += controlFiles

        // Compute results.
        out.append(Self.single("stats/index.json", ComputeDocuments.stats(stats, context: context)))
        out.append(Self.single("gap-analysis/summary/index.json", ComputeDocuments.coverageIndex(coverage, registry: registry)))
        out.append(Self.single("gap-analysis/index.json", gapAnalysis()))
        var pairs: [JSONValue] = [], allLinks: [CrosswalkLink] = []
        let fws = registry.frameworks
        for i in fws.indices {
            for j in (i + 1)..<fws.count {
                let pairLinks = crosswalks.links(from: fws[i].code, to: fws[j].code)
                pairs.append(
                    .object([
                        ("id", .string("\(fws[i].code)--\(fws[j].code)")), ("source_framework", .string(fws[i].code)),
                        ("target_framework", .string(fws[j].code)), ("counts", ComputeDocuments.counts(pairLinks)),
                    ]))
                allLinks += pairLinks
            }
        }
        let links = allLinks.concurrentMap(minimumBatch: 64) { Self.writer.bytes(ComputeDocuments.link($0, registry: registry)) }
        pages += Self.list("crosswalks", Self.rendered(pairs))
        pages += Self.list("crosswalks/controls", links)
        pages += Self.list("crosswalks/signals", equivalences)
        pages += Self.list("validate", Self.rendered(publishedSchemas()))

        // Teams data: artifact types, tools, finding templates.
        var signalsByArtifact: [String: [String]] = [:]
        for s in registry.signals { for a in s.metadata?.artifactTypes ?? [] { signalsByArtifact[a, default: []].append(s.id) } }
        pages += Self.list(
            "artifact-types",
            Self.rendered(registry.artifactTypes.map { a in
                .object([
                    ("id", .string(a.id)), ("name", .string(a.name)), ("finding_artifact_type", .string(a.findingArtifactType)),
                    ("resource_type_count", .int(a.resourceTypes.count)), ("signal_count", .int(signalsByArtifact[a.id]?.count ?? 0)),
                ])
            }))
        var resolve: [String: JSONValue] = [:]
        for a in registry.artifactTypes {
            out.append(Self.single("artifact-types/\(enc(a.id))/index.json", APIDocuments.artifactType(a, signals: signalsByArtifact[a.id] ?? [])))
            for r in a.resourceTypes where resolve[r.type] == nil {
                resolve[r.type] = .object([("artifact_type", .string(a.id)), ("provider", .string(r.provider)), ("format", .string(r.format))])
            }
        }
        out.append(Self.single("artifact-types/resolve/index.json", .object([("resource_types", .sortedObject(resolve))])))
        pages += Self.list("security-tools", Self.rendered(registry.tools.map(APIDocuments.tool)))
        var rows: [JSONValue] = []
        var lookup: [String: JSONValue] = [:]
        for t in registry.tools {
            out.append(Self.single("security-tools/\(enc(t.id))/index.json", APIDocuments.tool(t)))
            let rules = t.rules.sorted { $0.rule.utf8Precedes($1.rule) }
            rows += rules.map { APIDocuments.toolRule($0, tool: t) }
            lookup[t.id] = .sortedObject(Dictionary(rules.map { ($0.rule, APIDocuments.strings($0.signals)) }, uniquingKeysWith: { a, _ in a }))
        }
        pages += Self.list("tool-mappings", Self.rendered(rows))
        out.append(Self.single("tool-mappings/lookup/index.json", .object([("tools", .sortedObject(lookup))])))
        pages += Self.list("finding-templates", perSignal.compactMap(\.templateItem))

        // Root, contract, error document.
        out.append(Self.single("index.json", root()))
        out.append(OutputFile(path: "v1/openapi.json", json: APIEndpoint.openAPI(context: context)))
        out.append(
            Self.file(
                "404.json",
                .object([
                    (
                        "error",
                        .object([
                            ("code", "not_found"), ("message", "no such resource in this static API"),
                            ("details", .object([("documentation", .string(context.absoluteURL("v1/openapi.json")))])),
                        ])
                    )
                ])))
        out += pages
        return (out, diagnostics)
    }

    /// A finding template the upstream finding format rejects is left out, with a warning: the registry may
    /// allow signal IDs (longer serials, say) that the finding format's pattern does not.
    ///
    /// The template is checked as the in-memory tree it was written from (no re-parse); only a template
    /// that fails is parsed from its bytes, so that the warning's positions are those of the file.
    static func checkTemplate(_ file: OutputFile, json: JSONValue, signal: String, schemas: SchemaCatalog) -> [Diagnostic] {
        let schema = "api-finding-template.schema.json"
        if schemas.validate(Node(json: json), schema: schema, file: file.path).isEmpty { return [] }
        guard let node = DocumentLoader.load(file.bytes, path: file.path, format: .json).0 else { return [] }
        let problems = schemas.validate(node, schema: schema, file: file.path)
        guard let first = problems.first else { return [] }
        return [
            Diagnostic(
                .apiInvalidFindingTemplate, range: nil,
                summary: "no finding template for signal '\(signal)': the finding format rejects it (\(first.summary))",
                hint: "the upstream finding.schema.json constrains signal IDs and fields more than the registry does; the template is left out")
        ]
    }

    func root() -> JSONValue {
        .object([
            ("name", .string(context.config.name)), ("version", .string(context.config.version)), ("api_version", "v1"),
            ("published_at", .string(context.publishedAt)), ("openapi", "openapi.json"),
            (
                "endpoints",
                .array(
                    APIEndpoint.all.map { e in
                        .object([("path", .string(e.path)), ("file", .string(APIEndpoint.file(forRequest: e.path))), ("description", .string(e.summary))])
                    })
            ),
        ])
    }

    func gapAnalysis() -> JSONValue {
        .object([
            (
                "description",
                "Given a set of findings (CSE finding format, or a list of signal IDs), the gap analysis lists for each chosen framework the controls that open findings reach (through the signals' mappings and equivalences) and the blind spots: controls no signal maps to. The hosted API runs it on a POST; this static tree cannot, so run it locally with the cse tool."
            ),
            ("command", "cse gap-analysis --findings <file> --framework <CODE> [--framework <CODE>…] [--format json|csv|markdown]"),
            ("examples", ["cse gap-analysis --findings findings.json --framework HIPAA --format json", "cse gap-analysis --findings signal-ids.txt --framework SOC2 --framework ISO27001"]),
            ("input_schema", .string(context.absoluteURL("schemas/finding-set.schema.json"))),
            ("output_schema", .string(context.absoluteURL("schemas/gap-analysis.schema.json"))),
            ("frameworks", APIDocuments.strings(registry.frameworks.map(\.code))),
            ("summary", "summary/"),
            ("documentation", .string(context.absoluteURL("docs/compute.md"))),
        ])
    }

    /// `/validate`: every bundled schema with its title, description and published URL.
    func publishedSchemas() -> [JSONValue] {
        schemas.sources.keys.sorted().map { name in
            let (node, _) = DocumentLoader.load(schemas.sources[name]!, path: name, format: .json)
            return .object([
                ("id", .string(name)), ("title", .string(node?["title"]?.string ?? name)),
                ("description", APIDocuments.string(node?["description"]?.string)), ("url", .string(context.absoluteURL("schemas/\(name)"))),
            ])
        }
    }
}
