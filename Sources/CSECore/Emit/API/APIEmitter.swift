import CSEDiagnostics

/// The static JSON API: every readable endpoint of the hosted CSE API pre-rendered under `v1/`
/// (docs/api.md): the files of each endpoint of ``APIEndpoint/all``, the OpenAPI description and the
/// error document.
struct APIEmitter: OutputEmitter {
    var context: BuildContext
    var schemas: SchemaCatalog
    var results: ComputeResults

    func files() -> ([OutputFile], [Diagnostic]) {
        let rendering = APIRendering(context: context, schemas: schemas, results: results)
        var out: [OutputFile] = []
        for endpoint in APIEndpoint.all { out += endpoint.render(rendering) }
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
        // A signal whose ID the finding format rejects has no template; validation reported it
        // (`api.invalid-finding-template`).
        return (out, [])
    }

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
        let whole = APIList(directory: directory, items: items)
        return (1...whole.pageCount(perPage: size)).map { page in
            let path = APIPath.page(page, of: directory)
            var file = OutputFile(path: "v1/" + path) {
                whole.page(page, perPage: size) { APIPath.relative(from: path, to: APIPath.page($0, of: directory)) }
            }
            file.list = whole
            return file
        }
    }

}

/// What the endpoints' renderers read: the build's context and compute results, and the pieces several
/// endpoints share (list items written once, signals grouped), made once per build.
struct APIRendering: Sendable {
    var context: BuildContext
    var schemas: SchemaCatalog
    var results: ComputeResults
    /// Each signal's list item, in registry order.
    let signalSummaries: [[UInt8]]
    /// Each mapping's document, in registry order: shared by the per-signal, per-framework and full lists.
    let mappingDocuments: [[UInt8]]
    /// Positions in `registry.mappings` by source signal.
    let mappingsBySource: [String: [Int]]
    /// Each signal's finding template (its file and list item), nil when the finding format rejects its ID.
    let templates: [(file: OutputFile, item: [UInt8])?]
    /// Signal IDs by artifact type.
    let signalsByArtifact: [String: [String]]

    var registry: Registry { context.registry }
    static var enc: (String) -> String { APIPath.encode }

    init(context: BuildContext, schemas: SchemaCatalog, results: ComputeResults) {
        self.context = context
        self.schemas = schemas
        self.results = results
        let registry = context.registry
        signalSummaries = registry.signals.concurrentMap(minimumBatch: 256, APIDocuments.signalSummary)
        mappingDocuments = registry.mappings.concurrentMap(minimumBatch: 256, APIDocuments.mapping)
        var grouped: [String: [Int]] = [:]
        for (i, m) in registry.mappings.enumerated() { grouped[m.source, default: []].append(i) }
        mappingsBySource = grouped
        let findingType = Dictionary(registry.artifactTypes.map { ($0.id, $0.findingArtifactType) }, uniquingKeysWith: { a, _ in a })
        templates = registry.signals.concurrentMap(minimumBatch: 64) { s in
            guard FindingFormat.accepts(signalID: s.id) else { return nil }
            let artifact = s.metadata?.artifactTypes.lazy.compactMap { findingType[$0] }.first ?? "other"
            let file = APIEmitter.single(
                "finding-templates/\(Self.enc(s.id))/index.json", APIDocuments.findingTemplate(s, artifactType: artifact, context: context))
            return (file, APIDocuments.findingTemplateSummary(s, artifactType: artifact))
        }
        var byArtifact: [String: [String]] = [:]
        for s in registry.signals { for a in s.metadata?.artifactTypes ?? [] { byArtifact[a, default: []].append(s.id) } }
        signalsByArtifact = byArtifact
    }

    // MARK: - Signals

    func signalList() -> [OutputFile] { APIEmitter.list("signals", signalSummaries) }

    func signals() -> [OutputFile] {
        let index = results.index
        return registry.signals.map { s in
            let mappings = (mappingsBySource[s.id] ?? []).map { mappingDocuments[$0] }
            return APIEmitter.single("signals/\(Self.enc(s.id))/index.json", capacity: 1024 + mappings.reduce(0) { $0 + $1.count + 1 }) {
                APIDocuments.signal(s, mappings: mappings, index: index, into: &$0)
            }
        }
    }

    /// One list per value of a signal property, under `signals/<name>/<value>/`; `keys` seeds values that
    /// get a list even when empty.
    private func signalLists(_ name: String, keys: [String] = [], _ values: (Int, Signal) -> [String]) -> [OutputFile] {
        var groups: [String: [[UInt8]]] = Dictionary(uniqueKeysWithValues: keys.map { ($0, []) })
        for (i, s) in registry.signals.enumerated() {
            for value in values(i, s) { groups[value, default: []].append(signalSummaries[i]) }
        }
        return groups.keys.sorted().flatMap { APIEmitter.list("signals/\(name)/\(Self.enc($0))", groups[$0]!) }
    }

    func signalsByDomain() -> [OutputFile] { signalLists("by-domain") { [$1.domain] } }
    func signalsByCategory() -> [OutputFile] { signalLists("by-category") { [$1.category] } }
    func signalsBySeverity() -> [OutputFile] {
        signalLists("by-severity", keys: Severity.allCases.map(\.rawValue)) { _, s in s.metadata?.suggestedSeverity.map { [$0.rawValue] } ?? [] }
    }
    func signalsByTag() -> [OutputFile] { signalLists("by-tag") { Array(Set($1.tags)) } }

    /// Signals with an active mapping to each framework (as the mapping index counts them).
    func signalsByFramework() -> [OutputFile] {
        let reached = registry.frameworksReached()
        return signalLists("by-framework", keys: registry.frameworks.map(\.code)) { _, s in reached[s.id] ?? [] }
    }

    func domains() -> [OutputFile] {
        APIEmitter.list(
            "domains",
            APIEmitter.rendered(
                results.stats.domains.map { d in
                    .object([
                        ("id", .string(d.name)), ("signal_count", .int(d.signalCount)),
                        ("categories", .array(d.categories.map { .object([("id", .string($0.name)), ("signal_count", .int($0.signalCount))]) })),
                    ])
                }))
    }

    // MARK: - Mappings

    func mappingList() -> [OutputFile] { APIEmitter.list("mappings", mappingDocuments) }

    func mappingsBySignal() -> [OutputFile] {
        registry.signals.flatMap { s in
            APIEmitter.list("mappings/by-signal/\(Self.enc(s.id))", (mappingsBySource[s.id] ?? []).map { mappingDocuments[$0] })
        }
    }

    func mappingsByFramework() -> [OutputFile] {
        var groups: [String: [[UInt8]]] = Dictionary(uniqueKeysWithValues: registry.frameworks.map { ($0.code, []) })
        for (m, document) in zip(registry.mappings, mappingDocuments) {
            if case .control(let code, _) = m.target { groups[code, default: []].append(document) }
        }
        return groups.keys.sorted().flatMap { APIEmitter.list("mappings/by-framework/\(Self.enc($0))", groups[$0]!) }
    }

    // MARK: - Frameworks and controls

    func frameworkList() -> [OutputFile] {
        APIEmitter.list("frameworks", APIEmitter.rendered(results.coverage.frameworks.map(APIDocuments.frameworkSummary)))
    }

    func frameworks() -> [OutputFile] {
        results.coverage.frameworks.map { APIEmitter.single("frameworks/\(Self.enc($0.framework.code))/index.json", APIDocuments.framework($0)) }
    }

    /// Each framework's controls sorted by ID, frameworks in coverage order.
    private var sortedControls: [[Control]] {
        results.coverage.frameworks.map { $0.framework.controls.sorted { $0.id.utf8Precedes($1.id) } }
    }

    func frameworkControls() -> [OutputFile] {
        zip(results.coverage.frameworks, sortedControls).flatMap { f, controls in
            APIEmitter.list("frameworks/\(Self.enc(f.framework.code))/controls", controls.map(APIDocuments.controlSummary))
        }
    }

    func controlList() -> [OutputFile] { APIEmitter.list("controls", sortedControls.joined().map(APIDocuments.controlSummary)) }

    func controls() -> [OutputFile] {
        let index = results.index
        return Array(sortedControls.joined()).concurrentMap(minimumBatch: 64) { c in
            APIEmitter.single("controls/\(Self.enc(c.framework))/\(Self.enc(c.id))/index.json") { APIDocuments.control(c, index: index, into: &$0) }
        }
    }

    // MARK: - Compute results

    // MARK: - Releases

    /// `releases/index.json`: `registry/releases.json` with each `changes` link pointing into this tree (an
    /// empty history before the first release).
    func releases() -> [OutputFile] {
        let history = context.history?.releases ?? ReleaseHistory(entries: [])
        return [APIEmitter.single("releases/index.json", history.json { "\($0.version)/changes.json" })]
    }

    /// `releases/<version>/changes.json`: each release's changes document, as released (versions are
    /// semantic versions, checked when the history was read, so they are path segments as they are).
    func releaseChanges() -> [OutputFile] {
        guard let history = context.history else { return [] }
        return history.releases.entries.compactMap { entry in
            history.changes[entry.version].map { APIEmitter.single("releases/\(entry.version)/changes.json", $0) }
        }
    }

    func stats() -> [OutputFile] { [APIEmitter.single("stats/index.json", ComputeDocuments.stats(results.stats, context: context))] }

    /// Each framework's `file` is its coverage document (`coverage/<code>.json`) when the compute output is
    /// built, else its API resource; either way a link from `v1/gap-analysis/summary/index.json`.
    func gapSummary() -> [OutputFile] {
        let computeBuilt = context.config.outputs.contains(.compute)
        let index = ComputeDocuments.coverageIndex(results.coverage, registry: registry) { code in
            computeBuilt ? "../../../coverage/\(code).json" : "../../frameworks/\(APIPath.encode(code))/"
        }
        return [APIEmitter.single("gap-analysis/summary/index.json", index)]
    }

    func gapAnalysis() -> [OutputFile] {
        [
            APIEmitter.single(
                "gap-analysis/index.json",
                .object([
                    (
                        "description",
                        "Given a set of findings (CSE finding format, or a list of signal IDs), the gap analysis lists for each chosen framework the controls that open findings reach (through the signals' mappings and equivalences) and the blind spots: controls no signal maps to. The hosted API runs it on a POST; this static tree cannot, so run it locally with the cse tool."
                    ),
                    ("command", "cse gap-analysis --findings <file> --framework <CODE> [--framework <CODE>…] [--format json|csv|markdown]"),
                    (
                        "examples",
                        [
                            "cse gap-analysis --findings findings.json --framework HIPAA --format json",
                            "cse gap-analysis --findings signal-ids.txt --framework SOC2 --framework ISO27001",
                        ]
                    ),
                    ("input_schema", .string(context.absoluteURL("schemas/finding-set.schema.json"))),
                    ("output_schema", .string(context.absoluteURL("schemas/gap-analysis.schema.json"))),
                    ("frameworks", APIDocuments.strings(registry.frameworks.map(\.code))),
                    ("summary", "summary/"),
                    ("documentation", .string(context.absoluteURL(SitePaths.pretty(SitePaths.gapAnalysis)))),
                ]))
        ]
    }

    /// Every framework pair's links, pairs in catalog order.
    private var pairs: [(source: Framework, target: Framework, links: [CrosswalkLink])] {
        let fws = registry.frameworks
        return fws.indices.flatMap { i in
            ((i + 1)..<fws.count).map { j in (fws[i], fws[j], results.crosswalks.links(from: fws[i].code, to: fws[j].code)) }
        }
    }

    func crosswalkPairs() -> [OutputFile] {
        APIEmitter.list(
            "crosswalks",
            APIEmitter.rendered(
                pairs.map { pair in
                    .object([
                        ("id", .string("\(pair.source.code)--\(pair.target.code)")), ("source_framework", .string(pair.source.code)),
                        ("target_framework", .string(pair.target.code)), ("counts", ComputeDocuments.counts(pair.links)),
                    ])
                }))
    }

    func controlCrosswalks() -> [OutputFile] {
        let registry = self.registry
        let links = Array(pairs.map(\.links).joined()).concurrentMap(minimumBatch: 64) {
            APIEmitter.writer.bytes(ComputeDocuments.link($0, registry: registry))
        }
        return APIEmitter.list("crosswalks/controls", links)
    }

    func signalCrosswalks() -> [OutputFile] {
        let equivalences = zip(registry.mappings, mappingDocuments).compactMap { m, document in
            if case .signal = m.target { document } else { nil }
        }
        return APIEmitter.list("crosswalks/signals", equivalences)
    }

    /// `/validate`: every bundled schema with its title, description and published URL.
    func schemaList() -> [OutputFile] {
        APIEmitter.list(
            "validate",
            APIEmitter.rendered(
                schemas.sources.keys.sorted().map { name in
                    .object([
                        ("id", .string(name)), ("title", .string(schemas.summaries[name]?.title ?? name)),
                        ("description", APIDocuments.string(schemas.summaries[name]?.description)), ("url", .string(context.absoluteURL("schemas/\(name)"))),
                    ])
                }))
    }

    // MARK: - Teams data

    func artifactTypeList() -> [OutputFile] {
        APIEmitter.list(
            "artifact-types",
            APIEmitter.rendered(
                registry.artifactTypes.map { a in
                    .object([
                        ("id", .string(a.id)), ("name", .string(a.name)), ("finding_artifact_type", .string(a.findingArtifactType)),
                        ("resource_type_count", .int(a.resourceTypes.count)), ("signal_count", .int(signalsByArtifact[a.id]?.count ?? 0)),
                    ])
                }))
    }

    func artifactTypes() -> [OutputFile] {
        registry.artifactTypes.map { a in
            APIEmitter.single("artifact-types/\(Self.enc(a.id))/index.json", APIDocuments.artifactType(a, signals: signalsByArtifact[a.id] ?? []))
        }
    }

    func artifactResolve() -> [OutputFile] {
        var resolve: [String: JSONValue] = [:]
        for a in registry.artifactTypes {
            for r in a.resourceTypes where resolve[r.type] == nil {
                resolve[r.type] = .object([("artifact_type", .string(a.id)), ("provider", .string(r.provider)), ("format", .string(r.format))])
            }
        }
        return [APIEmitter.single("artifact-types/resolve/index.json", .object([("resource_types", .sortedObject(resolve))]))]
    }

    func securityToolList() -> [OutputFile] { APIEmitter.list("security-tools", APIEmitter.rendered(registry.tools.map(APIDocuments.tool))) }

    func securityTools() -> [OutputFile] {
        registry.tools.map { APIEmitter.single("security-tools/\(Self.enc($0.id))/index.json", APIDocuments.tool($0)) }
    }

    /// Each tool's rules sorted by rule, tools in registry order.
    private var sortedRules: [(tool: SecurityTool, rules: [SecurityTool.Rule])] {
        registry.tools.map { t in (t, t.rules.sorted { $0.rule.utf8Precedes($1.rule) }) }
    }

    func toolMappings() -> [OutputFile] {
        APIEmitter.list("tool-mappings", APIEmitter.rendered(sortedRules.flatMap { t in t.rules.map { APIDocuments.toolRule($0, tool: t.tool) } }))
    }

    func toolLookup() -> [OutputFile] {
        var lookup: [String: JSONValue] = [:]
        for (tool, rules) in sortedRules {
            lookup[tool.id] = .sortedObject(Dictionary(rules.map { ($0.rule, APIDocuments.strings($0.signals)) }, uniquingKeysWith: { a, _ in a }))
        }
        return [APIEmitter.single("tool-mappings/lookup/index.json", .object([("tools", .sortedObject(lookup))]))]
    }

    func findingTemplateList() -> [OutputFile] { APIEmitter.list("finding-templates", templates.compactMap { $0?.item }) }

    func findingTemplates() -> [OutputFile] { templates.compactMap { $0?.file } }

    // MARK: - Root

    func root() -> [OutputFile] {
        [APIEmitter.single("index.json", rootDocument())]
    }

    private func rootDocument() -> JSONValue {
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
}
