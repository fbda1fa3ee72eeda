import CSECore
import CSEDiagnostics
import CSEYAML

/// The POST operations of the hosted API (docs/serve.md "Operations"): validation of submitted documents
/// and bulk lookups.
extension ServedRegistry {
    enum PostOperation: Sendable {
        case validate, validateBatch, signalsBulk, mappingsBulk, resolveBulk
    }

    static let postOperations: [String: PostOperation] = [
        "/v1/validate": .validate, "/v1/validate/batch": .validateBatch, "/v1/signals/bulk": .signalsBulk, "/v1/mappings/bulk": .mappingsBulk,
        "/v1/artifact-types/resolve": .resolveBulk,
    ]

    /// The largest body the server reads; a larger one is refused (413) before it is read whole.
    public static let maximumBodySize = 1 << 20
    /// The most IDs one bulk lookup takes, and the most documents one batch validation takes.
    public static let maximumBulkIDs = 1000
    public static let maximumBatch = 100

    static let jsonTypes = ["application/json"]
    static let yamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"]

    /// The format of a body by its `Content-Type` (parameters such as `charset` ignored); nil for another type.
    static func format(of contentType: String?) -> DocumentFormat? {
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if jsonTypes.contains(type) { return .json }
        if yamlTypes.contains(type) { return .yaml }
        return nil
    }

    func post(_ operation: PostOperation, _ request: ServedRequest) -> ServedResponse {
        guard request.body.count <= Self.maximumBodySize else { return APIError.tooLarge(limit: Self.maximumBodySize).response }
        guard let format = Self.format(of: request.contentType) else {
            return APIError.unsupportedMediaType(request.contentType, accepted: Self.jsonTypes + Self.yamlTypes).response
        }
        switch operation {
        case .validate: return validate(request, format: format)
        case .validateBatch: return validateBatch(request, format: format)
        case .signalsBulk: return bulk(.signals, request, format: format)
        case .mappingsBulk: return bulk(.mappings, request, format: format)
        case .resolveBulk: return bulk(.resourceTypes, request, format: format)
        }
    }

    /// The body as a node, or the 400 that says where it does not parse.
    private func parse(_ request: ServedRequest, format: DocumentFormat) -> Result<Node, APIError> {
        let (node, found) = DocumentLoader.load(request.body, path: "body", format: format, maximumSize: Self.maximumBodySize)
        guard let node, !found.containsErrors else { return .failure(.malformed(found.filter { $0.severity == .error })) }
        return .success(node)
    }

    // MARK: - Bulk lookups

    /// What one bulk lookup looks up: the body's list member, each item's key in the answer, and where the
    /// found item's document goes.
    enum BulkKind {
        case signals, mappings, resourceTypes

        /// `{"ids": [...]}` or `{"resource_types": [...]}`.
        var listMember: String { self == .resourceTypes ? "resource_types" : "ids" }
        var itemKey: String { self == .resourceTypes ? "resource_type" : "id" }
        var noun: String {
            switch self {
            case .signals: "signal"
            case .mappings: "mapping"
            case .resourceTypes: "resource type"
            }
        }
    }

    /// The document a bulk lookup answers for one item: a signal's or mapping's API document under
    /// `signal`/`mapping`, or a resource type's artifact type merged into the item (as the GET form answers).
    private func bulkItem(_ kind: BulkKind, _ key: String) -> BulkItem? {
        switch kind {
        case .signals: return signalDocument(key).map { .document("signal", $0) }
        case .mappings: return mappingsByID[key].map { .document("mapping", $0) }
        case .resourceTypes:
            guard case .object(let members)? = resourceTypes[key] else { return nil }
            return .members(members)
        }
    }

    private enum BulkItem {
        case document(String, [UInt8])
        case members([(String, JSONValue)])
    }

    /// `POST /v1/signals/bulk` and `/v1/mappings/bulk` with `{"ids": [...]}`, and `/v1/artifact-types/resolve`
    /// with `{"resource_types": [...]}`: every requested item echoed in order, with its document or its own
    /// error; never an error for the request as a whole once it parses.
    private func bulk(_ kind: BulkKind, _ request: ServedRequest, format: DocumentFormat) -> ServedResponse {
        if case .failure(let error) = parameters(request, []) { return error.response }
        let node: Node
        switch parse(request, format: format) {
        case .failure(let error): return error.response
        case .success(let parsed): node = parsed
        }
        let list = kind.listMember
        let shape = "the body is {\"\(list)\": [...]}"
        if let extra = node.members?.first(where: { $0.key != list }) {
            return APIError.unprocessable("unknown member '\(extra.key)': \(shape)", pointer: "/" + extra.key).response
        }
        guard let keys = node[list]?.array else { return APIError.unprocessable("\(shape), a list of strings", pointer: "/" + list).response }
        guard keys.count <= Self.maximumBulkIDs else {
            return APIError.unprocessable("at most \(Self.maximumBulkIDs) items per request, got \(keys.count)", pointer: "/" + list).response
        }
        var found = 0
        var out = JSONStream(capacity: 4096)
        out.beginObject()
        out.key("data")
        out.beginArray()
        for (i, item) in keys.enumerated() {
            out.beginObject()
            guard let key = item.string else {
                out.key(kind.itemKey)
                out.null()
                out.member("found", false)
                out.key("error")
                out.value(.object([("code", "invalid_id"), ("message", .string("/\(list)/\(i) is not a string"))]))
                out.endObject()
                continue
            }
            out.key(kind.itemKey)
            out.string(key)
            if let item = bulkItem(kind, key) {
                found += 1
                out.member("found", true)
                switch item {
                case .document(let member, let document):
                    out.key(member)
                    out.raw(document)
                case .members(let members):
                    for (name, value) in members {
                        out.key(name)
                        out.value(value)
                    }
                }
            } else {
                out.member("found", false)
                out.key("error")
                out.value(.object([("code", "not_found"), ("message", .string("no \(kind.noun) '\(key)' in this registry"))]))
            }
            out.endObject()
        }
        out.endArray()
        out.key("meta")
        out.beginObject()
        out.member("requested", keys.count)
        out.member("found", found)
        out.member("not_found", keys.count - found)
        out.endObject()
        out.endObject()
        return Self.ok(out.bytes, type: "application/json")
    }

    /// A signal's API document (the `data` of `v1/signals/<id>/index.json`).
    func signalDocument(_ id: String) -> [UInt8]? {
        guard let file = files["v1/signals/\(APIPath.encode(id))/index.json"] else { return nil }
        let prefix = Array(#"{"data":"#.utf8)
        guard file.count > prefix.count + 1, file.starts(with: prefix), file.last == UInt8(ascii: "}") else { return nil }
        return Array(file[prefix.count..<(file.count - 1)])
    }

    // MARK: - Validation

    /// `POST /v1/validate[?kind=signal|mappings][&signal=<ID>]`: one document, JSON or YAML by its
    /// `Content-Type`, validated in its place in the registry.
    private func validate(_ request: ServedRequest, format: DocumentFormat) -> ServedResponse {
        guard let validator else { return APIError.unavailable("validation").response }
        var kind: SubmissionValidator.Submission.Kind?
        var signal: String?
        for (name, value) in request.query {
            switch name {
            case "kind":
                guard let k = SubmissionValidator.Submission.Kind(rawValue: value) else {
                    return APIError.invalidValue("kind", value, valid: SubmissionValidator.Submission.Kind.allCases.map(\.rawValue)).response
                }
                kind = k
            case "signal": signal = value
            default: return APIError.unknownParameter(name, allowed: ["kind", "signal"]).response
            }
        }
        // Without `kind`, a document with a top-level `mappings` list is a mappings file.
        let detected =
            kind ?? (DocumentLoader.load(request.body, path: "body", format: format).0?["mappings"] != nil ? .mappings : .signal)
        let submission = SubmissionValidator.Submission(kind: detected, bytes: request.body, format: format, signal: signal)
        let outcome: SubmissionValidator.Outcome
        do { outcome = try validator.validate([submission], registry: registry)[0] } catch {
            return APIError.unprocessable(error.message, pointer: "").response
        }
        return Self.ok(JSONWriter(style: .compact).bytes(.object([("data", outcomeJSON(outcome, index: nil))])), type: "application/json")
    }

    /// `POST /v1/validate/batch` with `{"documents": [{"kind", "signal"?, "format"?, "content": "<text>"} or
    /// {"kind", "signal"?, "document": {…}}]}`: every document validated in one load of the registry.
    private func validateBatch(_ request: ServedRequest, format: DocumentFormat) -> ServedResponse {
        guard let validator else { return APIError.unavailable("validation").response }
        if case .failure(let error) = parameters(request, []) { return error.response }
        let node: Node
        switch parse(request, format: format) {
        case .failure(let error): return error.response
        case .success(let parsed): node = parsed
        }
        guard let documents = node["documents"]?.array, node.members?.count == 1 else {
            return APIError.unprocessable("the body is {\"documents\": [...]}", pointer: "/documents").response
        }
        guard documents.count <= Self.maximumBatch else {
            return APIError.unprocessable("at most \(Self.maximumBatch) documents per request, got \(documents.count)", pointer: "/documents").response
        }
        var submissions: [SubmissionValidator.Submission] = []
        for (i, item) in documents.enumerated() {
            let pointer = "/documents/\(i)"
            guard let kindText = item["kind"]?.string, let kind = SubmissionValidator.Submission.Kind(rawValue: kindText) else {
                return APIError.unprocessable("\(pointer)/kind must be 'signal' or 'mappings'", pointer: pointer + "/kind").response
            }
            let signal = item["signal"]?.string
            if let content = item["content"]?.string {
                let formatText = item["format"]?.string ?? "yaml"
                guard formatText == "yaml" || formatText == "json" else {
                    return APIError.unprocessable("\(pointer)/format must be 'yaml' or 'json'", pointer: pointer + "/format").response
                }
                submissions.append(.init(kind: kind, bytes: Array(content.utf8), format: formatText == "json" ? .json : .yaml, signal: signal))
            } else if let document = item["document"], document.members != nil {
                // An inline document is validated as its pretty-printed JSON, which positions refer to.
                submissions.append(.init(kind: kind, bytes: JSONWriter(style: .pretty).bytes(JSONValue(document)), format: .json, signal: signal))
            } else {
                return APIError.unprocessable("\(pointer) needs `content` (text) or `document` (an object)", pointer: pointer).response
            }
        }
        let outcomes: [SubmissionValidator.Outcome]
        do { outcomes = try validator.validate(submissions, registry: registry) } catch {
            return APIError.unprocessable("/documents/\(error.index): \(error.message)", pointer: "/documents/\(error.index)").response
        }
        let valid = outcomes.filter(\.valid).count
        let body = JSONValue.object([
            ("data", .array(outcomes.enumerated().map { outcomeJSON($1, index: $0) })),
            ("meta", .object([("total", .int(outcomes.count)), ("valid", .int(valid)), ("invalid", .int(outcomes.count - valid))])),
        ])
        return Self.ok(JSONWriter(style: .compact).bytes(body), type: "application/json")
    }

    /// One document's result: `{"index"?, "valid", "path", "summary", "diagnostics"}`, the diagnostics as
    /// `cse validate --format json` writes them (line:column and JSON Pointers).
    private func outcomeJSON(_ outcome: SubmissionValidator.Outcome, index: Int?) -> JSONValue {
        let document = JSONDiagnosticFormatter.document(outcome.diagnostics, fileCount: 1, toolVersion: toolVersion)
        return .object(dropping: [
            ("index", index.map(JSONValue.int)), ("valid", .bool(outcome.valid)), ("path", .string(outcome.path)),
            ("summary", document["summary"]), ("diagnostics", document["diagnostics"]),
        ])
    }
}
