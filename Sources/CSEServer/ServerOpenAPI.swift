import CSECore
import CSEDiagnostics
import CSEYAML

/// The OpenAPI description `cse serve` answers at `/v1/openapi.json`: the static tree's (every file, every
/// response schema) with what only the server does added: the query parameters of the lists and lookups,
/// the hosted API's form of a control, and the POST and DELETE operations with their bodies.
enum ServerOpenAPI {
    /// The server's document, made from the static one (`v1/openapi.json` of the build).
    static func document(static bytes: [UInt8]) -> [UInt8]? {
        guard let node = DocumentLoader.load(bytes, path: "openapi.json", format: .json).0, case .object(var top) = JSONValue(node) else { return nil }
        guard let pathsIndex = top.firstIndex(where: { $0.0 == "paths" }), case .object(var paths) = top[pathsIndex].1 else { return nil }
        let error: JSONValue = ref("api-error.schema.json")
        func response(_ description: String, _ schema: JSONValue, type: String = "application/json") -> JSONValue {
            .object([("description", .string(description)), ("content", .object([(type, .object([("schema", schema)]))]))])
        }
        let badRequest = response("A parameter or body the operation does not take", error)
        func query(_ name: String, _ description: String, _ schema: JSONValue, required: Bool = false) -> JSONValue {
            .object([
                ("name", .string(name)), ("in", "query"), ("required", .bool(required)), ("description", .string(description)), ("schema", schema),
            ])
        }
        let string: JSONValue = .object([("type", "string")])
        let paging = [
            query("page", "Page number, from 1", .object([("type", "integer"), ("minimum", 1)])),
            query("per_page", "Items per page", .object([("type", "integer"), ("minimum", 1), ("maximum", .int(ServedRegistry.maximumPerPage))])),
        ]
        let filters: [String: [JSONValue]] = [
            "/signals/": [
                query("domain", "Domain code", string), query("category", "Category code", string),
                query("severity", "Suggested severity", .object([("type", "string"), ("enum", ["critical", "high", "medium", "low", "info"])])),
                query("tag", "Tag", string), query("framework", "Framework code: signals with an active mapping to it", string),
                query("status", "Signal status", .object([("type", "string"), ("enum", ["active", "deprecated"])])),
                query("q", "Text in the ID, name, description or tags (case-insensitive)", .object([("type", "string"), ("minLength", 1)])),
            ],
            "/mappings/": [query("signal", "Signal ID", string), query("framework", "Framework code", string)],
            "/controls/": [query("framework", "Framework code", string)],
        ]
        // The lists (those with further pages) take paging and their filters.
        let listPaths = Set(paths.map(\.0).filter { $0.hasSuffix("page/{page}.json") }.map { String($0.dropLast("page/{page}.json".count)) })
        for i in paths.indices where listPaths.contains(paths[i].0) {
            paths[i].1 = edit(paths[i].1, "get") { op in
                var op = op
                op = set(op, "parameters", .array((array(op["parameters"]) ?? []) + paging + (filters[paths[i].0] ?? [])))
                return set(op, "responses", add(op["responses"], "400", badRequest))
            }
        }
        // The lookups answer one key at a time when asked.
        for (path, parameters, single) in [
            (
                "/artifact-types/resolve/", [query("resource_type", "A resource type, such as AWS::S3::Bucket", string)],
                single(["resource_type": string, "artifact_type": string])
            ),
            (
                "/tool-mappings/lookup/", [query("tool", "Tool ID", string), query("rule", "The tool's rule ID", string)],
                single(["tool": string, "rule": string, "signals": .object([("type", "array"), ("items", string)])])
            ),
        ] {
            guard let i = paths.firstIndex(where: { $0.0 == path }) else { continue }
            paths[i].1 = edit(paths[i].1, "get") { op in
                var op = set(op, "parameters", .array(parameters))
                var responses = op["responses"] ?? .object([])
                let table = responses["200"]?["content"]?["application/json"]?["schema"] ?? .object([])
                responses = add(responses, "200", response("The whole table, or one entry when asked for one", .object([("anyOf", .array([table, single]))])))
                op = set(op, "responses", add(add(responses, "400", badRequest), "404", response("No such entry", error)))
                return op
            }
        }
        let object: JSONValue = .object([("type", "object")])
        let ids: JSONValue = .object([
            ("type", "object"), ("additionalProperties", false), ("required", ["ids"]),
            (
                "properties",
                .object([("ids", .object([("type", "array"), ("maxItems", .int(ServedRegistry.maximumBulkIDs)), ("items", string)]))])
            ),
        ])
        let resourceTypes: JSONValue = .object([
            ("type", "object"), ("additionalProperties", false), ("required", ["resource_types"]),
            (
                "properties",
                .object([("resource_types", .object([("type", "array"), ("maxItems", .int(ServedRegistry.maximumBulkIDs)), ("items", string)]))])
            ),
        ])
        /// `{data: [{<key>, found, …}], meta: {requested, found, not_found}}`.
        func bulkAnswer(_ key: String) -> JSONValue {
            let count: JSONValue = .object([("type", "integer"), ("minimum", 0)])
            let item: JSONValue = .object([
                ("type", "object"), ("required", .array([.string(key), "found"])),
                ("properties", .object([(key, .object([("type", ["string", "null"])])), ("found", .object([("type", "boolean")]))])),
            ])
            return .object([
                ("type", "object"), ("required", ["data", "meta"]),
                (
                    "properties",
                    .object([
                        ("data", .object([("type", "array"), ("items", item)])),
                        (
                            "meta",
                            .object([
                                ("type", "object"), ("required", ["requested", "found", "not_found"]),
                                ("properties", .object([("requested", count), ("found", count), ("not_found", count)])),
                            ])
                        ),
                    ])
                ),
            ])
        }
        func body(_ schema: JSONValue, types: [String] = ["application/json", "application/yaml"]) -> JSONValue {
            .object([("required", true), ("content", .object(types.map { ($0, .object([("schema", schema)])) }))])
        }
        func operation(_ id: String, _ summary: String, parameters: [JSONValue] = [], body requestBody: JSONValue? = nil, _ responses: [(String, JSONValue)])
            -> JSONValue
        {
            .object(dropping: [
                ("operationId", .string(id)), ("summary", .string(summary)), ("parameters", parameters.isEmpty ? nil : .array(parameters)),
                ("requestBody", requestBody), ("responses", .object(responses)),
            ])
        }
        let bodyErrors: [(String, JSONValue)] = [
            ("400", badRequest), ("413", response("The body is over 1 MiB", error)), ("415", response("The body is neither JSON nor YAML", error)),
            ("422", response("The body has the wrong shape", error)),
        ]
        let analysisID: JSONValue = .object([
            ("name", "id"), ("in", "path"), ("required", true), ("schema", .object([("type", "string"), ("pattern", "^[0-9a-f]{32}$")])),
        ])
        let format = query("format", "Report format", .object([("type", "string"), ("enum", ["json", "csv", "markdown"])]))
        let notFound = response("No such resource", error)
        let added: [(String, [(String, JSONValue)])] = [
            (
                "/signals/bulk",
                [
                    (
                        "post",
                        operation(
                            "bulkSignals", "Signals by ID, each echoed", body: body(ids),
                            [("200", response("One item per requested ID", bulkAnswer("id")))] + bodyErrors)
                    )
                ]
            ),
            (
                "/mappings/bulk",
                [
                    (
                        "post",
                        operation(
                            "bulkMappings", "Mappings by ID, each echoed", body: body(ids),
                            [("200", response("One item per requested ID", bulkAnswer("id")))] + bodyErrors)
                    )
                ]
            ),
            (
                "/artifact-types/resolve",
                [
                    (
                        "post",
                        operation(
                            "resolveArtifactTypesInBulk", "Artifact types of resource types, each echoed", body: body(resourceTypes),
                            [("200", response("One item per requested resource type", bulkAnswer("resource_type")))] + bodyErrors)
                    )
                ]
            ),
            (
                "/validate",
                [
                    (
                        "post",
                        operation(
                            "validateDocument", "Validate a signal or mappings document as cse validate would",
                            parameters: [
                                query(
                                    "kind", "signal or mappings (default: by the document)", .object([("type", "string"), ("enum", ["signal", "mappings"])])),
                                query("signal", "The signal a mappings document belongs to", string),
                            ], body: body(object), [("200", response("The document's diagnostics", object))] + bodyErrors)
                    )
                ]
            ),
            (
                "/validate/batch",
                [
                    (
                        "post",
                        operation(
                            "validateDocuments", "Validate up to 100 documents in one load", body: body(object),
                            [("200", response("Each document's diagnostics", object))] + bodyErrors)
                    )
                ]
            ),
            (
                "/gap-analysis",
                [
                    (
                        "post",
                        operation(
                            "runGapAnalysis", "Run a gap analysis on findings and keep it",
                            parameters: [query("framework", "Framework code (repeatable; default every framework)", string)],
                            body: body(
                                .object([("oneOf", .array([object, .object([("type", "array")]), string]))]),
                                types: ["application/json", "application/yaml", "text/plain"]),
                            [("201", response("The stored analysis", object))] + bodyErrors)
                    )
                ]
            ),
            (
                "/gap-analysis/{id}",
                [
                    (
                        "get",
                        operation(
                            "getStoredGapAnalysis", "A stored gap analysis", parameters: [analysisID],
                            [("200", response("The stored analysis", object)), ("404", notFound)])
                    ),
                    (
                        "delete",
                        operation(
                            "deleteGapAnalysis", "Delete a stored gap analysis", parameters: [analysisID],
                            [("204", .object([("description", "Deleted")])), ("404", notFound)])
                    ),
                ]
            ),
            (
                "/gap-analysis/{id}/export",
                [
                    (
                        "get",
                        operation(
                            "exportGapAnalysis", "A stored gap analysis as a report", parameters: [analysisID, format],
                            [
                                (
                                    "200",
                                    .object([
                                        ("description", "The report"),
                                        (
                                            "content",
                                            .object([
                                                ("application/json", .object([("schema", object)])), ("text/csv", .object([("schema", string)])),
                                                ("text/markdown", .object([("schema", string)])),
                                            ])
                                        ),
                                    ])
                                ), ("400", badRequest), ("404", notFound),
                            ])
                    )
                ]
            ),
            (
                "/gap-analysis/compare",
                [
                    (
                        "post",
                        operation(
                            "compareGapAnalyses", "Compare two stored gap analyses", parameters: [format],
                            body: body(
                                .object([
                                    ("type", "object"), ("required", ["before", "after"]),
                                    ("properties", .object([("before", string), ("after", string)])),
                                ])), [("200", response("The comparison", object)), ("404", notFound)] + bodyErrors)
                    )
                ]
            ),
        ]
        for (path, operations) in added { paths.append((path, .object(operations))) }
        top[pathsIndex].1 = .object(paths)
        return JSONWriter(style: .pretty).bytes(.object(top))
    }

    /// `{"data": {…}}` with these members, all required.
    static func single(_ members: [String: JSONValue]) -> JSONValue {
        let names = members.keys.sorted()
        let data: JSONValue = .object([
            ("type", "object"), ("required", .array(names.map(JSONValue.string))), ("properties", .object(names.map { ($0, members[$0]!) })),
        ])
        return .object([("type", "object"), ("required", ["data"]), ("properties", .object([("data", data)]))])
    }

    static func ref(_ schema: String) -> JSONValue { .object([("$ref", .string("../schemas/\(schema)"))]) }

    static func array(_ value: JSONValue?) -> [JSONValue]? {
        if case .array(let items)? = value { return items }
        return nil
    }

    /// `value` with member `key` set (replaced in place, or appended).
    static func set(_ value: JSONValue, _ key: String, _ member: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        if let i = members.firstIndex(where: { $0.0 == key }) { members[i].1 = member } else { members.append((key, member)) }
        return .object(members)
    }

    static func add(_ value: JSONValue?, _ key: String, _ member: JSONValue) -> JSONValue { set(value ?? .object([]), key, member) }

    static func edit(_ value: JSONValue, _ key: String, _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let member = value[key] else { return value }
        return set(value, key, change(member))
    }
}
