import CSEDiagnostics

/// One endpoint of the static API, declared once: its request path, the hosted API request it replaces, the
/// schema of its response and the renderer that writes its files. The OpenAPI document, the root document's
/// endpoint list, `docs/api.md`'s endpoint table and the contract tests all read ``all``, and the API emitter
/// writes exactly what the renderers of ``all`` return, so an endpoint cannot be declared without being
/// emitted, nor emitted without being declared.
public struct APIEndpoint: Sendable {
    /// The request path under `v1/`, OpenAPI-templated: `/signals/{id}/` (served from `signals/<id>/index.json`).
    public var path: String
    public var operationID: String
    /// The hosted API request this file replaces (`GET /signals?domain=:domain`).
    public var hosted: String
    public var summary: String
    /// The response schema, a file of `schemas/`.
    public var schema: String
    /// Lists have further pages at `<path>page/{page}.json`.
    public var paginated: Bool
    /// Descriptions of the path parameters, by name.
    public var parameters: [String: String] = [:]
    /// What the documentation's endpoint table adds about the file.
    public var note: String? = nil
    /// Writes the endpoint's files: every page, for every value of its parameters.
    var render: @Sendable (APIRendering) -> [OutputFile]

    /// Every endpoint, in documentation order.
    public static let all: [APIEndpoint] = {
        let id = "the ID, path-encoded (docs/api.md §2)"
        return [
            APIEndpoint(
                path: "/", operationID: "getRoot", hosted: "GET /v1", summary: "What this tree holds and where each endpoint lives",
                schema: "api-root.schema.json", paginated: false
            ) { $0.root() },
            APIEndpoint(
                path: "/signals/", operationID: "listSignals", hosted: "GET /signals", summary: "All signals, sorted by ID",
                schema: "api-signal-list.schema.json", paginated: true
            ) { $0.signalList() },
            APIEndpoint(
                path: "/signals/{id}/", operationID: "getSignal", hosted: "GET /signals/:id", summary: "One signal with its mappings",
                schema: "api-signal.schema.json", paginated: false, parameters: ["id": "Signal " + id]
            ) { $0.signals() },
            APIEndpoint(
                path: "/signals/by-domain/{domain}/", operationID: "listSignalsByDomain", hosted: "GET /signals?domain=:domain",
                summary: "Signals of one domain", schema: "api-signal-list.schema.json", paginated: true, parameters: ["domain": "Domain code, path-encoded"]
            ) { $0.signalsByDomain() },
            APIEndpoint(
                path: "/signals/by-category/{category}/", operationID: "listSignalsByCategory", hosted: "GET /signals?category=:category",
                summary: "Signals of one category (across domains)", schema: "api-signal-list.schema.json", paginated: true,
                parameters: ["category": "Category code, path-encoded"]
            ) { $0.signalsByCategory() },
            APIEndpoint(
                path: "/signals/by-severity/{severity}/", operationID: "listSignalsBySeverity", hosted: "GET /signals?severity=:severity",
                summary: "Signals of one suggested severity", schema: "api-signal-list.schema.json", paginated: true,
                parameters: ["severity": "critical, high, medium, low or info"], note: "all five severities, empty lists included"
            ) { $0.signalsBySeverity() },
            APIEndpoint(
                path: "/signals/by-tag/{tag}/", operationID: "listSignalsByTag", hosted: "GET /signals?tag=:tag", summary: "Signals carrying one tag",
                schema: "api-signal-list.schema.json", paginated: true, parameters: ["tag": "Tag, path-encoded"]
            ) { $0.signalsByTag() },
            APIEndpoint(
                path: "/signals/by-framework/{framework}/", operationID: "listSignalsByFramework", hosted: "GET /signals?framework=:framework",
                summary: "Signals with an active mapping to one framework", schema: "api-signal-list.schema.json", paginated: true,
                parameters: ["framework": "Framework code, path-encoded"], note: "signals with an active mapping to the framework"
            ) { $0.signalsByFramework() },
            APIEndpoint(
                path: "/domains/", operationID: "listDomains", hosted: "GET /domains", summary: "Domains with their categories and signal counts",
                schema: "api-domain-list.schema.json", paginated: true
            ) { $0.domains() },
            APIEndpoint(
                path: "/mappings/", operationID: "listMappings", hosted: "GET /mappings", summary: "All mappings, sorted by ID",
                schema: "api-mapping-list.schema.json", paginated: true
            ) { $0.mappingList() },
            APIEndpoint(
                path: "/mappings/by-signal/{id}/", operationID: "listMappingsBySignal", hosted: "GET /mappings?signal=:id",
                summary: "Mappings written on one signal", schema: "api-mapping-list.schema.json", paginated: true, parameters: ["id": "Signal " + id]
            ) { $0.mappingsBySignal() },
            APIEndpoint(
                path: "/mappings/by-framework/{framework}/", operationID: "listMappingsByFramework", hosted: "GET /mappings?framework=:framework",
                summary: "Mappings to one framework's controls", schema: "api-mapping-list.schema.json", paginated: true,
                parameters: ["framework": "Framework code, path-encoded"]
            ) { $0.mappingsByFramework() },
            APIEndpoint(
                path: "/frameworks/", operationID: "listFrameworks", hosted: "GET /frameworks", summary: "All frameworks, sorted by code",
                schema: "api-framework-list.schema.json", paginated: true
            ) { $0.frameworkList() },
            APIEndpoint(
                path: "/frameworks/{framework}/", operationID: "getFramework", hosted: "GET /frameworks/:code",
                summary: "One framework with its families and coverage", schema: "api-framework.schema.json", paginated: false,
                parameters: ["framework": "Framework code, path-encoded"]
            ) { $0.frameworks() },
            APIEndpoint(
                path: "/frameworks/{framework}/controls/", operationID: "listFrameworkControls", hosted: "GET /frameworks/:code/controls",
                summary: "One framework's controls, sorted by ID", schema: "api-control-list.schema.json", paginated: true,
                parameters: ["framework": "Framework code, path-encoded"]
            ) { $0.frameworkControls() },
            APIEndpoint(
                path: "/controls/", operationID: "listControls", hosted: "GET /controls", summary: "Controls of every framework, sorted by framework then ID",
                schema: "api-control-list.schema.json", paginated: true, note: "sorted by framework, then ID"
            ) { $0.controlList() },
            APIEndpoint(
                path: "/controls/{framework}/{id}/", operationID: "getControl", hosted: "GET /controls/:id?framework=:framework",
                summary: "One control with the signals mapped to it", schema: "api-control.schema.json", paginated: false,
                parameters: ["framework": "Framework code, path-encoded", "id": "Control " + id]
            ) { $0.controls() },
            APIEndpoint(
                path: "/stats/", operationID: "getStats", hosted: "GET /stats", summary: "Registry statistics", schema: "api-stats.schema.json",
                paginated: false
            ) { $0.stats() },
            APIEndpoint(
                path: "/validate/", operationID: "listSchemas", hosted: "GET /validate", summary: "The published JSON Schemas to validate against",
                schema: "api-schema-list.schema.json", paginated: true, note: "the published schemas to validate against"
            ) { $0.schemaList() },
            APIEndpoint(
                path: "/crosswalks/", operationID: "listCrosswalkPairs", hosted: "GET /crosswalks", summary: "Framework pairs with their crosswalk link counts",
                schema: "api-crosswalk-pair-list.schema.json", paginated: true, note: "framework pairs and link counts"
            ) { $0.crosswalkPairs() },
            APIEndpoint(
                path: "/crosswalks/controls/", operationID: "listControlCrosswalks", hosted: "GET /crosswalks/controls",
                summary: "Control-to-control links of every framework pair", schema: "api-crosswalk-link-list.schema.json", paginated: true,
                note: "every pair's control links"
            ) { $0.controlCrosswalks() },
            APIEndpoint(
                path: "/crosswalks/signals/", operationID: "listSignalCrosswalks", hosted: "GET /crosswalks/signals", summary: "Signal-to-signal mappings",
                schema: "api-mapping-list.schema.json", paginated: true, note: "signal-to-signal mappings"
            ) { $0.signalCrosswalks() },
            APIEndpoint(
                path: "/releases/", operationID: "listReleases", hosted: "GET /releases",
                summary: "Every published release, newest first: date, bundle checksum, counts and a link to its changes",
                schema: "api-release-list.schema.json", paginated: false, note: "newest first; `changes` links are relative to this file"
            ) { $0.releases() },
            APIEndpoint(
                path: "/releases/{version}/changes.json", operationID: "getReleaseChanges", hosted: "GET /releases/:version/changes",
                summary: "What one release changed, field by field, with its semantic-versioning class", schema: "api-release-changes.schema.json",
                paginated: false, parameters: ["version": "Release version, X.Y.Z"], note: "the release's `registry/changelog/<version>.json`"
            ) { $0.releaseChanges() },
            APIEndpoint(
                path: "/gap-analysis/", operationID: "getGapAnalysis", hosted: "GET /gap-analysis",
                summary: "What the gap analysis is and how to run it locally", schema: "api-gap-analysis.schema.json", paginated: false,
                note: "what it is and how to run `cse gap-analysis`"
            ) { $0.gapAnalysis() },
            APIEndpoint(
                path: "/gap-analysis/summary/", operationID: "getGapSummary", hosted: "GET /gap-analysis/summary", summary: "Coverage per framework",
                schema: "api-gap-summary.schema.json", paginated: false, note: "coverage per framework"
            ) { $0.gapSummary() },
            APIEndpoint(
                path: "/artifact-types/", operationID: "listArtifactTypes", hosted: "GET /artifact-types", summary: "Kinds of artifact signals are detected in",
                schema: "api-artifact-type-list.schema.json", paginated: true
            ) { $0.artifactTypeList() },
            APIEndpoint(
                path: "/artifact-types/resolve/", operationID: "resolveArtifactTypes", hosted: "POST /artifact-types/resolve",
                summary: "Resource type to artifact type lookup table", schema: "api-artifact-resolve.schema.json", paginated: false,
                note: "the whole table, to look up `data.resource_types[R]` for each resource type the POST would send"
            ) { $0.artifactResolve() },
            APIEndpoint(
                path: "/artifact-types/{id}/", operationID: "getArtifactType", hosted: "GET /artifact-types/:id",
                summary: "One artifact type with its resource types and signals", schema: "api-artifact-type.schema.json", paginated: false,
                parameters: ["id": "Artifact type " + id]
            ) { $0.artifactTypes() },
            APIEndpoint(
                path: "/security-tools/", operationID: "listSecurityTools", hosted: "GET /security-tools", summary: "Security scanners the registry maps",
                schema: "api-security-tool-list.schema.json", paginated: true
            ) { $0.securityToolList() },
            APIEndpoint(
                path: "/security-tools/{id}/", operationID: "getSecurityTool", hosted: "GET /security-tools/:id", summary: "One security scanner",
                schema: "api-security-tool.schema.json", paginated: false, parameters: ["id": "Tool " + id]
            ) { $0.securityTools() },
            APIEndpoint(
                path: "/tool-mappings/", operationID: "listToolMappings", hosted: "GET /tool-mappings", summary: "Scanner rules and the signals they indicate",
                schema: "api-tool-mapping-list.schema.json", paginated: true, note: "sorted by tool, then rule"
            ) { $0.toolMappings() },
            APIEndpoint(
                path: "/tool-mappings/lookup/", operationID: "lookupToolRules", hosted: "GET /tool-mappings/lookup?tool=:tool&rule=:rule",
                summary: "Tool → rule → signal IDs lookup table", schema: "api-tool-lookup.schema.json", paginated: false, note: "look up `data.tools[T][R]`"
            ) { $0.toolLookup() },
            APIEndpoint(
                path: "/finding-templates/", operationID: "listFindingTemplates", hosted: "GET /finding-templates", summary: "A finding skeleton per signal",
                schema: "api-finding-template-list.schema.json", paginated: true
            ) { $0.findingTemplateList() },
            APIEndpoint(
                path: "/finding-templates/{id}/", operationID: "getFindingTemplate", hosted: "GET /finding-templates/:id",
                summary: "The finding skeleton of one signal, in the CSE finding format", schema: "api-finding-template.schema.json", paginated: false,
                parameters: ["id": "Signal " + id]
            ) { $0.findingTemplates() },
        ]
    }()

    /// The file a request path is served from: `/signals/` → `signals/index.json`.
    public static func file(forRequest path: String) -> String {
        path.hasSuffix("/") ? String(path.dropFirst()) + "index.json" : String(path.dropFirst())
    }

    /// The OpenAPI 3.1 description of every endpoint (`v1/openapi.json`).
    ///
    /// Response schemas are `$ref`s to the published schemas (`../schemas/<name>` from `v1/`), so the contract
    /// and the files validate against the same JSON Schemas.
    static func openAPI(context: BuildContext) -> JSONValue {
        func ref(_ schema: String) -> JSONValue { .object([("$ref", .string("../schemas/\(schema)"))]) }
        func response(_ description: String, _ schema: JSONValue) -> JSONValue {
            .object([("description", .string(description)), ("content", .object([("application/json", .object([("schema", schema)]))]))])
        }
        let notFound = response("No such resource: the server answers with v1/404.json", ref("api-error.schema.json"))
        func operation(_ e: APIEndpoint, page: Bool) -> (String, JSONValue) {
            let path = page ? e.path + "page/{page}.json" : e.path
            var names = Self.parameterNames(e.path)
            if page { names.append("page") }
            let parameters: [JSONValue] = names.map { name in
                .object([
                    ("name", .string(name)), ("in", "path"), ("required", true),
                    ("description", .string(name == "page" ? "Page number, 2 or more (page 1 is the list's index.json)" : e.parameters[name] ?? name)),
                    ("schema", name == "page" ? .object([("type", "integer"), ("minimum", 2)]) : .object([("type", "string")])),
                ])
            }
            let op: JSONValue = .object(dropping: [
                ("operationId", .string(page ? e.operationID + "Page" : e.operationID)),
                ("summary", .string(page ? e.summary + " (further pages)" : e.summary)),
                ("description", .string("Replaces `\(e.hosted)` of the hosted API. Served from `\(Self.file(forRequest: path))`.")),
                ("parameters", parameters.isEmpty ? nil : .array(parameters)),
                ("responses", .object([("200", response(e.summary, ref(e.schema))), ("404", notFound)])),
            ])
            return (path, .object([("get", op)]))
        }
        var paths: [(String, JSONValue)] = []
        for e in all {
            paths.append(operation(e, page: false))
            if e.paginated { paths.append(operation(e, page: true)) }
        }
        paths.append(
            (
                "/openapi.json",
                .object([
                    (
                        "get",
                        .object([
                            ("operationId", "getOpenAPI"), ("summary", "This OpenAPI description"),
                            (
                                "responses",
                                .object([
                                    (
                                        "200",
                                        response(
                                            "OpenAPI 3.1 document",
                                            .object([("type", "object"), ("required", ["openapi", "info", "paths"])]))
                                    )
                                ])
                            ),
                        ])
                    )
                ])
            ))
        return .object([
            ("openapi", "3.1.0"),
            (
                "info",
                .object([
                    ("title", .string("\(context.config.name) static API")),
                    ("version", .string(context.config.version)),
                    (
                        "description",
                        .string(
                            "Every readable endpoint of the hosted CSE API (https://api.cseregistry.org/v1), pre-rendered as static JSON files. "
                                + "Lists hold 20 items per page, sorted by ID; links are relative to the file that holds them. "
                                + "IDs in paths are percent-encoded outside [A-Za-z0-9._-] (docs/api.md).")
                    ),
                ])
            ),
            ("jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema"),
            ("servers", .array([.object([("url", .string(context.absoluteURL("v1")))])])),
            ("paths", .object(paths)),
        ])
    }

    /// The generated part of `docs/api.md` §3.
    public static let section = GeneratedSection(
        begin:
            "<!-- Generated from APIEndpoint.all (Sources/CSECore/Emit/API/APIEndpoint.swift). Edit it, then run RECORD_GOLDENS=1 swift test --filter APIEndpointTests. -->",
        end: "<!-- End of the generated endpoint table. -->")

    /// The endpoint table of `docs/api.md` §3: the hosted request, the file that answers it, the schema.
    public static func markdownTable() -> String {
        var out = "| Hosted API request | Static file under `v1/` | Schema |\n|---|---|---|\n"
        for e in all {
            var file = "`" + String(Self.file(forRequest: e.path).map { $0 == "{" ? "<" : $0 == "}" ? ">" : $0 }) + "`"
            if e.paginated { file += " (+ `page/<n>.json`)" }
            if let note = e.note { file += ": " + note }
            let schema = e.schema.hasSuffix(".schema.json") ? String(e.schema.dropLast(".schema.json".count)) : e.schema
            out += "| `\(e.hosted)` | \(file) | \(schema) |\n"
        }
        return out + "\n"
    }

    /// `{name}` parameters of a path template, in order.
    static func parameterNames(_ path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
