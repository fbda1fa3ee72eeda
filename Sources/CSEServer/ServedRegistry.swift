public import CSECore
import CSEDiagnostics
import CSEYAML
import Crypto
import Foundation

/// A request as the served registry reads it, independent of the HTTP library.
public struct ServedRequest: Sendable {
    public var method: String
    /// The path as sent, percent-encoded, without the query string.
    public var path: String
    /// The query parameters, percent-decoded, in the order sent.
    public var query: [(name: String, value: String)]
    public var ifNoneMatch: String?
    /// The body (at most ``ServedRegistry/maximumBodySize`` bytes; the server refuses a larger one first).
    public var body: [UInt8]
    /// The `Content-Type` header.
    public var contentType: String?

    public init(
        method: String = "GET", path: String, query: [(name: String, value: String)] = [], ifNoneMatch: String? = nil, body: [UInt8] = [],
        contentType: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.ifNoneMatch = ifNoneMatch
        self.body = body
        self.contentType = contentType
    }

    /// A request from a target such as `/v1/signals?domain=HIPAA&page=2`.
    public init(method: String = "GET", target: String, ifNoneMatch: String? = nil, body: [UInt8] = [], contentType: String? = nil) {
        let (path, query) = target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) } ?? (target, "")
        self.init(method: method, path: path, query: Self.parse(query: query), ifNoneMatch: ifNoneMatch, body: body, contentType: contentType)
    }

    /// `a=1&b=x%20y` → `[(a, 1), (b, x y)]`; `+` is a space, as HTML forms send it. A pair that does not
    /// decode keeps its raw text (and fails validation as a value nobody has).
    public static func parse(query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let text = s.replacingOccurrences(of: "+", with: " ")
                return text.removingPercentEncoding ?? text
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// A response: status, headers and body.
public struct ServedResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

/// The compiled registry held in memory and answered over HTTP (docs/serve.md): every file `cse build`
/// writes, at the path it is published under, and the hosted API's query parameters over the same lists.
///
/// Every answer is read from what the emitters made: a file's bytes as they are, and a list page written
/// by ``APIList`` from the list's own items, so the server and the static tree cannot disagree. Nothing is
/// read from disk while serving, so no request path can reach a byte outside the build.
public struct ServedRegistry: Sendable {
    /// Every output file by its path.
    let files: [String: [UInt8]]
    /// Every paginated list by its folder under `v1/`.
    let lists: [String: APIList]
    let registry: Registry
    /// The `signals` list's positions by item, and the `mappings` list's: a filtered list's items are the
    /// same bytes, so their positions say which items a combination of filters keeps.
    let signalPositions: [[UInt8]: Int]
    let mappingPositions: [[UInt8]: Int]
    /// The positions in `signals` (or `mappings`) of each filtered list's items (`signals/by-domain/HIPAA`),
    /// made once, so that combined filters intersect sorted positions.
    let filteredPositions: [String: [Int]]
    /// `/health`.
    let health: [UInt8]
    /// The lookup tables the static tree publishes whole, read once for the hosted API's single lookups:
    /// resource type → its artifact type (`artifact-types/resolve`), tool → rule → signal IDs
    /// (`tool-mappings/lookup`).
    let resourceTypes: [String: JSONValue]
    let toolRules: [String: [String: JSONValue]]
    /// Each mapping's document by mapping ID (the `mappings` list's items), for bulk lookups.
    let mappingsByID: [String: [UInt8]]
    /// Validates submitted documents in the registry they would join; nil when the server has no root on
    /// disk to validate against.
    let validator: SubmissionValidator?
    /// Reported in the diagnostics documents of `/v1/validate`.
    let toolVersion: String
    /// Where gap analyses are kept; nil when the server was started without a data folder.
    let store: GapAnalysisStore?
    /// The schemas findings and stored analyses are read against.
    let schemas: SchemaCatalog?
    let mappingIndex: MappingIndex
    /// The bundle's `registry.checksum`.
    let bundleChecksum: String?
    /// Seconds since 1970 (a test sets the clock to check expiry).
    let clock: @Sendable () -> Int64

    public init(
        registry: Registry, plan: OutputPlan, validator: SubmissionValidator? = nil, store: GapAnalysisStore? = nil, schemas: SchemaCatalog? = nil,
        toolVersion: String = "dev", clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.validator = validator
        self.store = store
        self.schemas = schemas
        self.toolVersion = toolVersion
        self.clock = clock
        mappingIndex = MappingIndex(registry)
        var files: [String: [UInt8]] = [:]
        var lists: [String: APIList] = [:]
        for file in plan.files {
            files[file.path] = file.bytes
            if let list = file.list { lists[list.directory] = list }
        }
        // The server describes itself: the static contract with its query parameters and operations added.
        if let described = files["v1/openapi.json"].flatMap(ServerOpenAPI.document(static:)) { files["v1/openapi.json"] = described }
        self.files = files
        self.lists = lists
        self.registry = registry
        func positions(_ directory: String) -> [[UInt8]: Int] {
            Dictionary((lists[directory]?.items ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let bundleChecksum = files["cse-registry.min.json"].flatMap(Self.checksum)
        self.bundleChecksum = bundleChecksum
        func table(_ file: String, _ key: String) -> [(String, Node)] {
            guard let bytes = files[file], let node = DocumentLoader.load(bytes, path: file, format: .json).0 else { return [] }
            return node["data"]?[key]?.members?.map { ($0.key, $0.value) } ?? []
        }
        resourceTypes = Dictionary(
            table("v1/artifact-types/resolve/index.json", "resource_types").map { ($0, JSONValue($1)) }, uniquingKeysWith: { a, _ in a })
        toolRules = Dictionary(
            table("v1/tool-mappings/lookup/index.json", "tools").map { tool, rules in
                (tool, Dictionary((rules.members ?? []).map { ($0.key, JSONValue($0.value)) }, uniquingKeysWith: { a, _ in a }))
            }, uniquingKeysWith: { a, _ in a })
        let mappingItems = lists["mappings"]?.items ?? []
        mappingsByID = Dictionary(
            zip(registry.mappings, mappingItems).map { ($0.id, $1) }, uniquingKeysWith: { a, _ in a })
        signalPositions = positions("signals")
        mappingPositions = positions("mappings")
        var filtered: [String: [Int]] = [:]
        for query in Self.listQueries.values {
            let templates = query.filters.values.compactMap { $0 }
            let base = query.directory == "signals" ? signalPositions : query.directory == "mappings" ? mappingPositions : positions(query.directory)
            for (directory, list) in lists where templates.contains(where: { ListQuery.matches($0, directory) }) {
                filtered[directory] = list.items.compactMap { base[$0] }
            }
        }
        filteredPositions = filtered
        health = JSONStream.object(capacity: 256) { out in
            out.member("status", "ok")
            out.member("version", registry.config.version)
            out.member("checksum", bundleChecksum)
            out.member("signals", registry.signals.count)
            out.member("mappings", registry.mappings.count)
        }
    }

    /// What is served, in a few words: "324 signals, 7,350 files".
    public var summary: String { "\(registry.signals.count) signals, \(files.count) files" }

    /// Items per page when the client does not say, and the most it may ask for.
    public static let defaultPerPage = APIPath.pageSize
    public static let maximumPerPage = 100

    // MARK: - Answering

    /// The answer to `request`; `tooLarge` when the server refused to read a body over
    /// ``maximumBodySize``.
    public func respond(to request: ServedRequest, tooLarge: Bool = false) -> ServedResponse {
        let isHead = request.method == "HEAD"
        var response = tooLarge ? APIError.tooLarge(limit: Self.maximumBodySize).response : answer(request)
        if response.status == 200, request.method == "GET" || isHead {
            let tag = Self.etag(response.body)
            response.headers.append(("ETag", tag))
            if let match = request.ifNoneMatch, match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag || $0 == "*" }) {
                response = ServedResponse(status: 304, headers: response.headers.filter { $0.name != "Content-Type" }, body: [])
            }
        }
        if request.path.hasPrefix("/v1") || request.path == "/health" { response.headers.append(("Access-Control-Allow-Origin", "*")) }
        // The length of what a GET would send, also for HEAD.
        response.headers.append(("Content-Length", String(response.body.count)))
        if isHead { response.body = [] }
        return response
    }

    /// The operation paths that are also GET resources.
    static let getAndPost: Set<String> = ["/v1/validate", "/v1/artifact-types/resolve"]

    private func answer(_ request: ServedRequest) -> ServedResponse {
        if let response = gapAnalysis(request) { return response }
        let operationPath = request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        if let operation = Self.postOperations[operationPath] {
            guard request.method == "POST" else {
                // `/v1/validate` (the list of schemas) and `/v1/artifact-types/resolve` (one type by query)
                // are also GET resources; the other operations are POST only.
                guard Self.getAndPost.contains(operationPath) else { return APIError.methodNotAllowed(request.method, allowed: "POST").response }
                guard request.method == "GET" || request.method == "HEAD" else {
                    return APIError.methodNotAllowed(request.method, allowed: "GET, HEAD, POST").response
                }
                return api(operationPath.split(separator: "/").dropFirst().map(String.init), request)
            }
            return post(operation, request)
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return APIError.methodNotAllowed(request.method, allowed: "GET, HEAD").response
        }
        guard let segments = Self.segments(request.path) else { return notFound(request.path) }
        if segments == ["health"] { return Self.ok(health, type: "application/json") }
        if segments.first == "v1" { return api(Array(segments.dropFirst()), request) }
        // The site's pages ignore query strings (the search page reads `q` in the browser).
        return file(segments, request) ?? notFound(request.path)
    }

    /// The decoded path segments, or nil when the path is not one the build could have written: not
    /// absolute, a segment that does not decode or is `.` or `..`, a NUL or a backslash.
    static func segments(_ path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        var out: [String] = []
        let raw = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (i, part) in raw.enumerated() {
            if part.isEmpty {
                // Only a trailing slash may leave a segment empty.
                if i == raw.count - 1 { break }
                return nil
            }
            guard let decoded = String(part).removingPercentEncoding, decoded != ".", decoded != "..",
                !decoded.contains("/"), !decoded.contains("\\"), !decoded.contains("\0")
            else { return nil }
            out.append(decoded)
        }
        return out
    }

    /// A file of the site or the tree: the path itself, or its folder's `index.html` / `index.json`.
    private func file(_ segments: [String], _ request: ServedRequest) -> ServedResponse? {
        let path = segments.joined(separator: "/")
        for candidate in [path, path.isEmpty ? "index.html" : path + "/index.html", path.isEmpty ? "index.json" : path + "/index.json"] {
            if let bytes = files[candidate], !candidate.isEmpty { return Self.ok(bytes, type: Self.contentType(candidate)) }
        }
        return nil
    }

    private func notFound(_ path: String) -> ServedResponse {
        if path.hasPrefix("/v1") { return APIError.notFound(path).response }
        return ServedResponse(
            status: 404, headers: [("Content-Type", "text/html; charset=utf-8")], body: files["404.html"] ?? Array("not found\n".utf8))
    }

    // MARK: - The API

    /// One of the list endpoints that take query parameters, beyond `page` and `per_page`.
    struct ListQuery {
        /// The list's folder: `signals`.
        var directory: String
        /// The parameters it takes, each to the folder of its filtered lists with `{}` for the value
        /// (`signals/by-domain/{}`), or nil for one answered from the model.
        var filters: [String: String?]

        /// The folder of the list a filter's value selects.
        static func folder(_ template: String, _ value: String) -> String {
            template.replacingOccurrences(of: "{}", with: APIPath.encode(value))
        }

        /// Whether `directory` is one of a template's lists.
        static func matches(_ template: String, _ directory: String) -> Bool {
            let parts = template.components(separatedBy: "{}")
            guard parts.count == 2, directory.hasPrefix(parts[0]), directory.hasSuffix(parts[1]) else { return false }
            let middle = directory.dropFirst(parts[0].count).dropLast(parts[1].count)
            return !middle.isEmpty && !middle.contains("/")
        }
    }

    static let listQueries: [String: ListQuery] = [
        "signals": ListQuery(
            directory: "signals",
            filters: [
                "domain": "signals/by-domain/{}", "category": "signals/by-category/{}", "severity": "signals/by-severity/{}",
                "tag": "signals/by-tag/{}", "framework": "signals/by-framework/{}", "status": nil, "q": nil,
            ]),
        "mappings": ListQuery(directory: "mappings", filters: ["signal": "mappings/by-signal/{}", "framework": "mappings/by-framework/{}"]),
        "controls": ListQuery(directory: "controls", filters: ["framework": "frameworks/{}/controls"]),
    ]

    /// A request under `/v1`: a list (paged and filtered as asked), a file of the tree, or a control named
    /// the hosted API's way. A (percent-decoded) path segment is read as a file name of the tree (what the
    /// tree's own links hold: `AC-2(1)`, `a~20b`), then as an ID encoded as the tree encodes it (`a b`).
    func api(_ segments: [String], _ request: ServedRequest) -> ServedResponse {
        let literal = segments.joined(separator: "/")
        let encoded = segments.map(APIPath.encode).joined(separator: "/")
        // The two lookups the hosted API answers one key at a time; without parameters, their whole table.
        if !request.query.isEmpty, literal == "artifact-types/resolve" { return resolve(request) }
        if !request.query.isEmpty, literal == "tool-mappings/lookup" { return lookup(request) }
        for directory in literal == encoded ? [literal] : [literal, encoded] {
            if let list = lists[directory] {
                return page(of: list, query: Self.listQueries[directory] ?? ListQuery(directory: directory, filters: [:]), request)
            }
            let file = directory.isEmpty ? "v1/index.json" : files["v1/" + directory] != nil ? "v1/" + directory : "v1/" + directory + "/index.json"
            if let bytes = files[file] {
                // A resource that is not a list takes no parameters.
                if case .failure(let error) = parameters(request, []) { return error.response }
                return Self.ok(bytes, type: Self.contentType(file))
            }
        }
        // `GET /controls/:id?framework=:framework`: the control's own folder.
        if segments.count == 2, segments[0] == "controls" { return control(segments[1], request) }
        return APIError.notFound(request.path).response
    }

    private func control(_ id: String, _ request: ServedRequest) -> ServedResponse {
        var framework: String?
        for (name, value) in request.query {
            guard name == "framework" else { return APIError.unknownParameter(name, allowed: ["framework"]).response }
            framework = value
        }
        guard let framework else {
            return APIError.invalid("framework", "a control ID is unique within its framework: add ?framework=<code>", valid: frameworkCodes).response
        }
        guard registry.framework(framework) != nil else {
            return APIError.invalidValue("framework", framework, valid: frameworkCodes).response
        }
        let file = "v1/controls/\(APIPath.encode(framework))/\(APIPath.encode(id))/index.json"
        guard let bytes = files[file] else { return APIError.notFound(request.path).response }
        return Self.ok(bytes, type: "application/json")
    }

    var frameworkCodes: [String] { registry.frameworks.map(\.code) }

    /// The named parameters' values; an error for any other parameter, a repeated one or a missing required
    /// one. With no names: an error for any parameter at all.
    func parameters(_ request: ServedRequest, _ names: [String], optional: [String] = []) -> Result<[String: String], APIError> {
        var values: [String: String] = [:]
        for (name, value) in request.query {
            guard names.contains(name) || optional.contains(name) else { return .failure(.unknownParameter(name, allowed: names + optional)) }
            guard values.updateValue(value, forKey: name) == nil else { return .failure(.invalid(name, "'\(name)' is given twice", valid: nil)) }
        }
        if let missing = names.first(where: { values[$0] == nil }) {
            return .failure(.invalid(missing, "'\(missing)' is required", valid: nil))
        }
        return .success(values)
    }

    /// `GET /artifact-types/resolve?resource_type=:type`: `{"data": {"resource_type", "artifact_type", …}}`.
    private func resolve(_ request: ServedRequest) -> ServedResponse {
        switch parameters(request, ["resource_type"]) {
        case .failure(let error): return error.response
        case .success(let values):
            let type = values["resource_type"]!
            guard case .object(let members)? = resourceTypes[type] else {
                return APIError(
                    status: 404, code: "not_found", message: "Unknown resource type: '\(type)'",
                    details: .object([("resource_type", .string(type)), ("documentation", "/v1/artifact-types/resolve")])
                ).response
            }
            return Self.ok(
                JSONWriter(style: .compact).bytes(.object([("data", .object([("resource_type", .string(type))] + members))])), type: "application/json")
        }
    }

    /// `GET /tool-mappings/lookup?tool=:tool&rule=:rule`: `{"data": {"tool", "rule", "signals"}}`.
    private func lookup(_ request: ServedRequest) -> ServedResponse {
        switch parameters(request, ["tool", "rule"]) {
        case .failure(let error): return error.response
        case .success(let values):
            let (tool, rule) = (values["tool"]!, values["rule"]!)
            guard let rules = toolRules[tool] else { return APIError.invalidValue("tool", tool, valid: toolRules.keys.sorted()).response }
            guard let signals = rules[rule] else {
                return APIError(
                    status: 404, code: "not_found", message: "\(tool) has no rule '\(rule)' in this registry",
                    details: .object([("tool", .string(tool)), ("rule", .string(rule))])
                ).response
            }
            let body = JSONValue.object([("data", .object([("tool", .string(tool)), ("rule", .string(rule)), ("signals", signals)]))])
            return Self.ok(JSONWriter(style: .compact).bytes(body), type: "application/json")
        }
    }

    /// A page of a list, filtered by the query's parameters.
    private func page(of list: APIList, query: ListQuery, _ request: ServedRequest) -> ServedResponse {
        var page = 1, perPage = Self.defaultPerPage
        // Each filter's positions in `list` (ascending), and the static list of the first filter, which a
        // request with that one filter pages as it is.
        var filters: [[Int]] = []
        var only: APIList?
        var seen: Set<String> = []
        for (name, value) in request.query {
            guard seen.insert(name).inserted else { return APIError.invalid(name, "'\(name)' is given twice", valid: nil).response }
            switch name {
            case "page", "per_page":
                guard let n = Int(value), n >= 1, name == "page" || n <= Self.maximumPerPage else {
                    return APIError.invalid(
                        name,
                        name == "page"
                            ? "Invalid page: '\(value)'. A page is a whole number from 1."
                            : "Invalid per_page: '\(value)'. per_page is a whole number from 1 to \(Self.maximumPerPage).", valid: nil
                    ).response
                }
                if name == "page" { page = n } else { perPage = n }
            default:
                guard let folder = query.filters[name] else {
                    return APIError.unknownParameter(name, allowed: ["page", "per_page"] + query.filters.keys.sorted()).response
                }
                if let template = folder {
                    let directory = ListQuery.folder(template, value)
                    guard let positions = filteredPositions[directory], let filteredList = lists[directory] else {
                        return invalidFilterValue(template: template, value: value, parameter: name).response
                    }
                    if filters.isEmpty { only = filteredList }
                    filters.append(positions)
                } else {
                    switch modelFilter(name, value, directory: query.directory) {
                    case .success(let positions): filters.append(positions)
                    case .failure(let error): return error.response
                    }
                }
            }
        }
        let shown: APIList
        if filters.isEmpty {
            shown = list
        } else if filters.count == 1, let only {
            shown = only
        } else {
            let kept = filters.dropFirst().reduce(filters[0], Self.intersection)
            shown = APIList(directory: list.directory, items: kept.map { list.items[$0] })
        }
        let path = "/v1/" + list.directory
        let others = request.query.filter { $0.name != "page" }
        let body = shown.page(page, perPage: perPage) { p in
            Self.target(path, others + [("page", String(p))])
        }
        return Self.ok(body, type: "application/json")
    }

    /// The 400 for a filter value that has no list: the valid values are the lists there are.
    private func invalidFilterValue(template: String, value: String, parameter: String) -> APIError {
        let parts = template.components(separatedBy: "{}")
        let valid = lists.keys.filter { ListQuery.matches(template, $0) }
            .compactMap { APIPath.decode(String($0.dropFirst(parts[0].count).dropLast(parts[1].count))) }.sorted()
        return .invalidValue(parameter, value, valid: valid)
    }

    /// The common elements of two ascending arrays.
    static func intersection(_ a: [Int], _ b: [Int]) -> [Int] {
        var out: [Int] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if a[i] > b[j] {
                j += 1
            } else {
                out.append(a[i])
                i += 1
                j += 1
            }
        }
        return out
    }

    /// The positions kept by a filter the model answers (`status`, `q`).
    private func modelFilter(_ name: String, _ value: String, directory: String) -> Result<[Int], APIError> {
        switch (directory, name) {
        case ("signals", "status"):
            guard let status = SignalStatus(rawValue: value) else {
                return .failure(.invalidValue(name, value, valid: SignalStatus.allCases.map(\.rawValue)))
            }
            return .success(registry.signals.indices.filter { registry.signals[$0].status == status })
        case ("signals", "q"):
            let needle = value.lowercased()
            guard !needle.isEmpty else { return .failure(.invalid(name, "q needs at least one character", valid: nil)) }
            return .success(
                registry.signals.indices.filter { i in
                    let s = registry.signals[i]
                    return s.id.lowercased().contains(needle) || s.canonicalName.lowercased().contains(needle)
                        || s.description.lowercased().contains(needle) || s.tags.contains { $0.lowercased().contains(needle) }
                })
        default:
            return .failure(.unknownParameter(name, allowed: []))
        }
    }

    // MARK: - Pieces

    /// The bundle's `registry.checksum`, from the header at the start of `cse-registry.min.json`.
    static func checksum(_ bundle: [UInt8]) -> String? {
        let head = String(decoding: bundle.prefix(1024), as: UTF8.self)
        guard let key = head.range(of: "\"checksum\":\"") else { return nil }
        let rest = head[key.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func ok(_ body: [UInt8], type: String) -> ServedResponse {
        ServedResponse(status: 200, headers: [("Content-Type", type)], body: body)
    }

    /// A path with its query, each name and value percent-encoded.
    static func target(_ path: String, _ query: [(name: String, value: String)]) -> String {
        query.isEmpty ? path : path + "?" + query.map { APIPath.encode($0.name) + "=" + APIPath.encode($0.value) }.joined(separator: "&")
    }

    /// A strong entity tag: the first 128 bits of the body's SHA-256, the same on every instance.
    static func etag(_ body: [UInt8]) -> String {
        "\"" + Hex.string(SHA256.hash(data: body).prefix(16)) + "\""
    }

    static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last.map(String.init) ?? "" {
        case "json": "application/json"
        case "html": "text/html; charset=utf-8"
        case "xml": path.hasSuffix("feed.xml") ? "application/atom+xml" : "application/xml"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "ndjson": "application/x-ndjson"
        case "csv": "text/csv; charset=utf-8"
        case "md": "text/markdown; charset=utf-8"
        case "txt", "yaml": "text/plain; charset=utf-8"
        default: path.hasSuffix("SHA256SUMS") ? "text/plain; charset=utf-8" : "application/octet-stream"
        }
    }
}
