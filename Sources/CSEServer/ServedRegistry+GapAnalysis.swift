import CSECore
import CSEDiagnostics
import CSEYAML

/// The gap-analysis operations (docs/serve.md "Gap analyses"): run one on posted findings and keep it,
/// read it back, export it, compare two, delete one.
extension ServedRegistry {
    /// The answer to a request under `/v1/gap-analysis`, or nil for the static documents there (`GET
    /// /v1/gap-analysis/` and `/v1/gap-analysis/summary/`).
    func gapAnalysis(_ request: ServedRequest) -> ServedResponse? {
        guard let segments = Self.segments(request.path), segments.count >= 2, segments[0] == "v1", segments[1] == "gap-analysis" else { return nil }
        let rest = Array(segments.dropFirst(2))
        let reads = request.method == "GET" || request.method == "HEAD"
        func notAllowed(_ allowed: String) -> ServedResponse { APIError.methodNotAllowed(request.method, allowed: allowed).response }
        switch rest.count {
        case 0:
            // GET is the static description of the operation.
            return request.method == "POST" ? run(request) : reads ? nil : notAllowed("GET, HEAD, POST")
        case 1:
            switch rest[0] {
            case "compare": return request.method == "POST" ? compare(request) : notAllowed("POST")
            case "summary": return reads ? nil : notAllowed("GET, HEAD")
            // A name that is not an analysis ID may be a file of the tree (`index.json`).
            case let name where reads && !Self.isAnalysisID(name): return nil
            default: return reads ? stored(rest[0], request) : request.method == "DELETE" ? delete(rest[0], request) : notAllowed("GET, HEAD, DELETE")
            }
        case 2 where rest[1] == "export":
            return reads ? export(rest[0], request) : notAllowed("GET, HEAD")
        default:
            return nil
        }
    }

    /// Whether a path segment has the shape of an analysis ID: 32 lower-case hexadecimal digits.
    static func isAnalysisID(_ s: String) -> Bool {
        s.utf8.count == 32 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private var storeUnavailable: ServedResponse { APIError.unavailable("gap-analysis store (start it with --data)").response }

    /// `POST /v1/gap-analysis[?framework=X…]`: findings in (CSE findings as JSON or YAML, or signal IDs as
    /// text/plain); the analysis, kept under its ID, out (201).
    private func run(_ request: ServedRequest) -> ServedResponse {
        guard let store, let schemas else { return storeUnavailable }
        guard request.body.count <= Self.maximumBodySize else { return APIError.tooLarge(limit: Self.maximumBodySize).response }
        var frameworks: [String] = []
        for (name, value) in request.query {
            guard name == "framework" else { return APIError.unknownParameter(name, allowed: ["framework"]).response }
            guard registry.framework(value) != nil else { return APIError.invalidValue("framework", value, valid: frameworkCodes).response }
            if !frameworks.contains(value) { frameworks.append(value) }
        }
        if frameworks.isEmpty { frameworks = frameworkCodes }
        // The findings reader tells formats by file name: JSON, YAML, or a list of IDs for anything else.
        let type = request.contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        let name: String
        switch Self.format(of: request.contentType) {
        case .json: name = "findings.json"
        case .yaml: name = "findings.yaml"
        case nil:
            guard type == "text/plain" else {
                return APIError.unsupportedMediaType(request.contentType, accepted: Self.jsonTypes + Self.yamlTypes + ["text/plain"]).response
            }
            name = "findings.txt"
        }
        let (findings, diagnostics) = FindingsReader.read(request.body, path: name, schemas: schemas, registry: registry)
        if diagnostics.containsErrors {
            let document = JSONDiagnosticFormatter.document(diagnostics, fileCount: 1, toolVersion: toolVersion)
            return APIError(
                status: 422, code: "invalid_findings", message: "The findings have problems; each is listed with its position",
                details: .object([("diagnostics", document["diagnostics"] ?? .array([]))])
            ).response
        }
        let analysis = GapAnalysis(registry: registry, index: mappingIndex, findings: findings, frameworks: frameworks, input: "request")
        let now = clock()
        let checksum = bundleChecksum ?? ""
        let record = GapAnalysisStore.Record(
            id: store.id(checksum: checksum, frameworks: frameworks, findings: request.body), createdAt: now, expiresAt: now + store.retention,
            registryVersion: registry.config.version, registryChecksum: checksum,
            json: JSONWriter(style: .compact).bytes(analysis.json()), csv: Array(analysis.csv().utf8), markdown: Array(analysis.markdown().utf8))
        do { try store.put(record) } catch { return APIError.storage(error).response }
        var response = Self.ok(envelope(record), type: "application/json")
        response.status = 201
        response.headers.append(("Location", "/v1/gap-analysis/\(record.id)"))
        return response
    }

    /// `{"data": {"id", "created_at", "expires_at", "registry": {version, checksum}, "links", "result"}}`.
    private func envelope(_ record: GapAnalysisStore.Record) -> [UInt8] {
        var out = JSONStream(capacity: record.json.count + 512)
        out.beginObject()
        out.key("data")
        out.beginObject()
        out.member("id", record.id)
        out.member("created_at", PublicationTime.rfc3339(epoch: Int(record.createdAt)))
        out.member("expires_at", PublicationTime.rfc3339(epoch: Int(record.expiresAt)))
        out.key("registry")
        out.value(.object([("version", .string(record.registryVersion)), ("checksum", .string(record.registryChecksum))]))
        out.key("links")
        let base = "/v1/gap-analysis/\(record.id)"
        out.value(
            .object([
                ("self", .string(base)), ("json", .string(base + "/export?format=json")), ("csv", .string(base + "/export?format=csv")),
                ("markdown", .string(base + "/export?format=markdown")),
            ]))
        out.key("result")
        out.raw(record.json)
        out.endObject()
        out.endObject()
        return out.bytes
    }

    /// The stored record with `id`, or the 404 that says how IDs work.
    private func record(_ id: String, _ request: ServedRequest) -> Result<GapAnalysisStore.Record, APIError> {
        guard let store else { return .failure(.unavailable("gap-analysis store (start it with --data)")) }
        do {
            guard Self.isAnalysisID(id), let record = try store.get(id, now: clock())
            else {
                return .failure(
                    APIError(
                        status: 404, code: "not_found",
                        message: "No gap analysis '\(id)': it expired, was deleted, or was run on a server that does not share this one's data folder",
                        details: .object([("hint", "post the same findings again: with the same registry and secret they get the same ID")])))
            }
            return .success(record)
        } catch {
            return .failure(.storage(error))
        }
    }

    private func stored(_ id: String, _ request: ServedRequest) -> ServedResponse {
        if case .failure(let error) = parameters(request, []) { return error.response }
        switch record(id, request) {
        case .failure(let error): return error.response
        case .success(let record): return Self.ok(envelope(record), type: "application/json")
        }
    }

    /// `GET /v1/gap-analysis/{id}/export?format=json|csv|markdown` (default json): the report itself.
    private func export(_ id: String, _ request: ServedRequest) -> ServedResponse {
        let format: String
        switch reportFormat(request) {
        case .failure(let error): return error.response
        case .success(let chosen): format = chosen
        }
        switch record(id, request) {
        case .failure(let error): return error.response
        case .success(let record):
            switch format {
            case "csv": return Self.ok(record.csv, type: "text/csv; charset=utf-8")
            case "markdown": return Self.ok(record.markdown, type: "text/markdown; charset=utf-8")
            default: return Self.ok(record.json, type: "application/json")
            }
        }
    }

    /// The `format` parameter of a report (`json`, the default, `csv` or `markdown`), the only one it takes.
    private func reportFormat(_ request: ServedRequest) -> Result<String, APIError> {
        parameters(request, [], optional: ["format"]).flatMap { values in
            let format = values["format"] ?? "json"
            let valid = ["json", "csv", "markdown"]
            return valid.contains(format) ? .success(format) : .failure(.invalidValue("format", format, valid: valid))
        }
    }

    /// `DELETE /v1/gap-analysis/{id}`: 204, or 404 when there is none.
    private func delete(_ id: String, _ request: ServedRequest) -> ServedResponse {
        switch record(id, request) {
        case .failure(let error): return error.response
        case .success:
            do { try store?.delete(id) } catch { return APIError.storage(error).response }
            return ServedResponse(status: 204, headers: [], body: [])
        }
    }

    /// `POST /v1/gap-analysis/compare[?format=json|csv|markdown]` with `{"before": "<id>", "after": "<id>"}`.
    private func compare(_ request: ServedRequest) -> ServedResponse {
        guard let schemas else { return storeUnavailable }
        guard let format = Self.format(of: request.contentType) else {
            return APIError.unsupportedMediaType(request.contentType, accepted: Self.jsonTypes + Self.yamlTypes).response
        }
        let output: String
        switch reportFormat(request) {
        case .failure(let error): return error.response
        case .success(let chosen): output = chosen
        }
        let (body, found) = DocumentLoader.load(request.body, path: "body", format: format, maximumSize: Self.maximumBodySize)
        guard let body, !found.containsErrors else { return APIError.malformed(found.filter { $0.severity == .error }).response }
        guard let before = body["before"]?.string, let after = body["after"]?.string, body.members?.count == 2 else {
            return APIError.unprocessable("the body is {\"before\": \"<id>\", \"after\": \"<id>\"}", pointer: "").response
        }
        var nodes: [Node] = []
        for id in [before, after] {
            switch record(id, request) {
            case .failure(let error): return error.response
            case .success(let record):
                let (node, problems) = GapComparison.read(record.json, path: id, schemas: schemas)
                guard let node, !problems.containsErrors else { return APIError.storage(StoredDocumentError(id: id)).response }
                nodes.append(node)
            }
        }
        let comparison = GapComparison(before: nodes[0], after: nodes[1])
        switch output {
        case "csv": return Self.ok(Array(comparison.csv().utf8), type: "text/csv; charset=utf-8")
        case "markdown": return Self.ok(Array(comparison.markdown().utf8), type: "text/markdown; charset=utf-8")
        default: return Self.ok(JSONWriter(style: .compact).bytes(.object([("data", comparison.json())])), type: "application/json")
        }
    }
}

/// A stored analysis that no longer reads as one (the database was edited by hand).
struct StoredDocumentError: Error {
    var id: String
}
