import CSECore
import CSEDiagnostics
import CSEServer
import CSEYAML
import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `cse serve`'s answers, on this repository's registry: the served bytes are the build's, the hosted API's
/// query parameters filter and page the same lists, bad requests get the documented errors, and nothing
/// outside the build is ever answered. The last tests go through a real server on a free port.
@Suite struct ServedRegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// This repository compiled with every output, as `cse serve` compiles it, and served.
    static let compiled: (plan: OutputPlan, served: ServedRegistry, registry: Registry) = {
        do {
            let schemas = try SchemaCatalog.bundled()
            var options = LoadOptions()
            options.outputs = Set(OutputKind.allCases)
            let result = try RegistryLoader(fileSystem: LocalFileSystem(root: root.path), schemas: schemas, options: options).load()
            guard let registry = result.registry else { fatalError("the repository does not validate") }
            let context = BuildContext(registry: registry, publishedAt: "2026-11-22T00:00:00Z", templates: result.site, history: result.history)
            var (plan, diagnostics) = RegistryBuilder(context: context, schemas: schemas).plan()
            precondition(!diagnostics.containsErrors, "the repository does not build")
            plan.materialize()
            let validator = SubmissionValidator(fileSystem: LocalFileSystem(root: root.path), schemas: schemas)
            return (plan, ServedRegistry(registry: registry, plan: plan, validator: validator), registry)
        } catch {
            fatalError("\(error)")
        }
    }()

    static func get(_ target: String, method: String = "GET", ifNoneMatch: String? = nil) -> ServedResponse {
        compiled.served.respond(to: ServedRequest(method: method, target: target, ifNoneMatch: ifNoneMatch))
    }

    static func post(_ target: String, _ body: String, type: String? = "application/json") -> ServedResponse {
        compiled.served.respond(to: ServedRequest(method: "POST", target: target, body: Array(body.utf8), contentType: type))
    }

    /// A signal of this repository, its folder and its definition's text.
    static let sample: (signal: Signal, text: String) = {
        let signal = compiled.registry.signals.first { $0.id == "CSE-HIPAA-TECH-EPHI-STORE-UNENCRYPTED-006" }!
        let text = try! String(contentsOf: root.appendingPathComponent(String(signal.definitionRef.dropFirst()) + "signal.yaml"), encoding: .utf8)
        return (signal, text)
    }()

    static func json(_ response: ServedResponse) throws -> Node {
        try #require(
            DocumentLoader.load(response.body, path: "response", format: .json).0, "not JSON: \(String(decoding: response.body.prefix(200), as: UTF8.self))")
    }

    static func ids(_ node: Node, key: String = "id") -> [String] { (node["data"]?.array ?? []).compactMap { $0[key]?.string } }

    // MARK: - The build's bytes

    @Test func everyFileIsServedAsTheBuildWroteIt() throws {
        let plan = Self.compiled.plan
        #expect(plan.files.count > 7000)
        var differing: [String] = []
        for file in plan.files where file.path != "v1/openapi.json" {
            let response = Self.get("/" + file.path.split(separator: "/").map { APIPath.encode(String($0)) }.joined(separator: "/"))
            if response.status != 200 || response.body != file.bytes { differing.append("\(file.path): \(response.status)") }
        }
        #expect(differing.prefix(10) == [], "\(differing.count) files differ")
    }

    @Test func theServersContractIsTheStaticOneWithItsOwnOperations() throws {
        let stat = try #require(Self.compiled.plan.files.first { $0.path == "v1/openapi.json" })
        let staticPaths = try #require(DocumentLoader.load(stat.bytes, path: "s", format: .json).0?["paths"]?.members?.map(\.key))
        let served = try Self.json(Self.get("/v1/openapi.json"))
        let paths = try #require(served["paths"])
        #expect(Set(staticPaths).isSubset(of: Set(paths.members?.map(\.key) ?? [])), "every static path stays")
        let signalParameters = paths["/signals/"]?["get"]?["parameters"]?.array?.compactMap { $0["name"]?.string } ?? []
        #expect(Set(["page", "per_page", "domain", "severity", "q"]).isSubset(of: Set(signalParameters)))
        for (path, method) in [("/signals/bulk", "post"), ("/validate", "post"), ("/gap-analysis", "post"), ("/gap-analysis/{id}", "delete")] {
            #expect(paths[path]?[method] != nil, "\(method) \(path)")
        }
        // OpenAPI requires each operationId once in the document.
        let operationIDs = (paths.members ?? []).flatMap { $0.value.members ?? [] }.compactMap { $0.value["operationId"]?.string }
        #expect(operationIDs.count > 60)
        #expect(
            Set(operationIDs).count == operationIDs.count, "repeated: \(Dictionary(grouping: operationIDs) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
    }

    @Test func aListWithoutParametersIsItsStaticFirstPageWithQueryLinks() throws {
        for list in ["signals", "mappings", "frameworks", "controls", "domains", "validate", "releases"] {
            let served = try Self.json(Self.get("/v1/\(list)"))
            guard let file = Self.compiled.plan.files.first(where: { $0.path == "v1/\(list)/index.json" }) else {
                Issue.record("no v1/\(list)/index.json")
                continue
            }
            let stat = try #require(DocumentLoader.load(file.bytes, path: list, format: .json).0)
            #expect(served["data"] == stat["data"], "\(list)")
            #expect(served["meta"] == stat["meta"], "\(list)")
        }
        let page = try Self.json(Self.get("/v1/signals"))
        #expect(page["links"]?["next"]?.string == "/v1/signals?page=2")
        #expect(page["links"]?["prev"].map { if case .null = $0.value { true } else { false } } == true)
    }

    // MARK: - Query parameters

    @Test func filtersAnswerTheSameListsAsTheStaticTree() throws {
        let registry = Self.compiled.registry
        let hipaa = registry.signals.filter { $0.domain == "HIPAA" }.map(\.id)
        let page = try Self.json(Self.get("/v1/signals?domain=HIPAA&per_page=100"))
        #expect(page["meta"]?["total"]?.int == hipaa.count)
        #expect(Self.ids(page) == Array(hipaa.prefix(100)))
        #expect(page["meta"]?["per_page"]?.int == 100)

        // Any page, however far (schemathesis once found an overflow here).
        for far in ["9223372036854775807", "4611686018427387904", "100000"] {
            let response = Self.get("/v1/signals?page=\(far)&per_page=100")
            #expect(response.status == 200)
            #expect(Self.ids(try Self.json(response)).isEmpty)
        }
        let second = try Self.json(Self.get("/v1/signals?domain=HIPAA&page=2&per_page=5"))
        #expect(Self.ids(second) == Array(hipaa[5..<10]))
        #expect(second["links"]?["prev"]?.string == "/v1/signals?domain=HIPAA&per_page=5&page=1")

        // Two filters keep what both keep.
        let high = Set(registry.signals.filter { $0.metadata?.suggestedSeverity == .high }.map(\.id))
        let both = try Self.json(Self.get("/v1/signals?domain=HIPAA&severity=high&per_page=100"))
        #expect(Self.ids(both) == hipaa.filter(high.contains))

        let mappings = try Self.json(Self.get("/v1/mappings?framework=SOC2&per_page=100"))
        let soc2 = registry.mappings.filter { $0.controlKey?.framework == "SOC2" }
        #expect(mappings["meta"]?["total"]?.int == soc2.count)

        let search = try Self.json(Self.get("/v1/signals?q=encryption&per_page=100"))
        #expect(Self.ids(search).count > 3)
        #expect(
            Self.ids(search).allSatisfy { id in
                registry.signal(id).map { "\($0.id) \($0.canonicalName) \($0.description) \($0.tags)".lowercased().contains("encryption") } == true
            })

        let controls = try Self.json(Self.get("/v1/controls?framework=HIPAA&per_page=100"))
        #expect(controls["meta"]?["total"]?.int == registry.framework("HIPAA")?.controls.count)
        #expect(Self.ids(controls, key: "framework").allSatisfy { $0 == "HIPAA" })

        let control = Self.get("/v1/controls/CC6.1?framework=SOC2")
        #expect(control.status == 200)
        #expect(try Self.json(control)["data"]?["id"]?.string == "CC6.1")
    }

    @Test func singleLookupsOfThePublishedTables() throws {
        let resolved = try Self.json(Self.get("/v1/artifact-types/resolve?resource_type=AWS::CloudTrail::Trail"))
        #expect(resolved["data"]?["artifact_type"]?.string == "log_stream")
        #expect(resolved["data"]?["resource_type"]?.string == "AWS::CloudTrail::Trail")
        #expect(Self.get("/v1/artifact-types/resolve?resource_type=Nope::Nothing").status == 404)
        #expect(Self.get("/v1/artifact-types/resolve?type=x").status == 400)

        let rule = try Self.json(Self.get("/v1/tool-mappings/lookup?tool=aws-config&rule=cloudtrail-enabled"))
        #expect(rule["data"]?["signals"]?.array?.contains { $0.string == "CSE-GEN-LOGGING-AUDIT-LOGGING-DISABLED-001" } == true)
        let badTool = Self.get("/v1/tool-mappings/lookup?tool=nope&rule=x")
        #expect(badTool.status == 400)
        #expect(try Self.json(badTool)["error"]?["message"]?.string?.contains("aws-config") == true)
        #expect(Self.get("/v1/tool-mappings/lookup?tool=aws-config&rule=nope").status == 404)
        #expect(Self.get("/v1/tool-mappings/lookup?tool=aws-config").status == 400)
        // Without parameters, the whole table, as the static tree has it.
        #expect(Self.get("/v1/tool-mappings/lookup").status == 200)
    }

    @Test func badParametersAreDocumentedErrors() throws {
        let invalid = Self.get("/v1/signals?domain=INVALID")
        #expect(invalid.status == 400)
        let message = try #require(try Self.json(invalid)["error"]?["message"]?.string)
        #expect(message.hasPrefix("Invalid domain: 'INVALID'. Valid domains are: "))
        #expect(message.contains("HIPAA"))

        for (target, code) in [
            ("/v1/signals?colour=red", "unknown_parameter"), ("/v1/signals?per_page=101", "invalid_parameter"),
            ("/v1/signals?page=0", "invalid_parameter"), ("/v1/signals?page=x", "invalid_parameter"),
            ("/v1/signals?domain=HIPAA&domain=SOC2", "invalid_parameter"), ("/v1/stats?x=1", "unknown_parameter"),
            ("/v1/controls/CC6.1", "invalid_parameter"), ("/v1/signals?severity=urgent", "invalid_parameter"),
        ] {
            let response = Self.get(target)
            #expect(response.status == 400, "\(target)")
            #expect(try Self.json(response)["error"]?["code"]?.string == code, "\(target)")
        }
        let post = Self.get("/v1/signals", method: "POST")
        #expect(post.status == 405)
        #expect(try Self.json(Self.get("/v1/nothing-here"))["error"]?["code"]?.string == "not_found")
    }

    @Test func noPathSpellingReachesOutsideTheBuild() throws {
        for target in [
            "/v1/../cse.yaml", "/../cse.yaml", "/v1/%2e%2e/%2e%2e/cse.yaml", "/v1/signals/..%2F..%2Fcse.yaml", "/%2E%2E/Package.swift",
            "/v1/signals/%00", "/v1//signals", "/signals/..\\..\\cse.yaml", "/v1/%252e%252e/cse.yaml", "/cse.yaml", "/Package.swift",
        ] {
            let response = Self.get(target)
            #expect(response.status == 404, "\(target) → \(response.status)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("registry:"), "\(target)")
        }
    }

    @Test func cachingHeadersAndHead() throws {
        let first = Self.get("/v1/stats")
        let tag = try #require(first.header("ETag"))
        #expect(first.header("Access-Control-Allow-Origin") == "*")
        let again = Self.get("/v1/stats", ifNoneMatch: tag)
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        let head = Self.get("/v1/stats", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.header("ETag") == tag)
        #expect(head.header("Content-Length") == String(first.body.count), "HEAD gives the length a GET sends")
        let health = try Self.json(Self.get("/health"))
        #expect(health["status"]?.string == "ok")
        #expect(health["checksum"]?.string?.hasPrefix("sha256:") == true)
        #expect(Self.get("/v1").status == 200)
        #expect(Self.get("/").header("Content-Type") == "text/html; charset=utf-8")
    }

    // MARK: - Operations

    @Test func bulkLookupsEchoEveryIDWithItsDocumentOrItsError() throws {
        let id = Self.sample.signal.id
        let response = Self.post("/v1/signals/bulk", #"{"ids": ["\#(id)", "CSE-NOPE-NOPE-NOPE-001", 7, "\#(id)"]}"#)
        #expect(response.status == 200)
        let node = try Self.json(response)
        let items = try #require(node["data"]?.array)
        #expect(items.map { $0["id"]?.string } == [id, "CSE-NOPE-NOPE-NOPE-001", nil, id])
        #expect(items.map { $0["found"]?.bool } == [true, false, false, true])
        #expect(items[0]["signal"]?["id"]?.string == id)
        #expect(items[1]["error"]?["code"]?.string == "not_found")
        #expect(items[2]["error"]?["code"]?.string == "invalid_id")
        #expect(node["meta"]?["found"]?.int == 2)

        let mapping = try #require(Self.compiled.registry.mappings.first)
        let mappings = try Self.json(Self.post("/v1/mappings/bulk", "ids: [\(mapping.id)]\n", type: "application/yaml"))
        #expect(mappings["data"]?.array?.first?["mapping"] != nil)

        let many = "{\"ids\": [" + Array(repeating: "\"x\"", count: 1001).joined(separator: ",") + "]}"
        #expect(Self.post("/v1/signals/bulk", many).status == 422)
        #expect(Self.post("/v1/signals/bulk", #"{"id": []}"#).status == 422)
        let malformed = Self.post("/v1/signals/bulk", "{\"ids\": [\n  \"a\",\n  }")
        #expect(malformed.status == 400)
        #expect(try Self.json(malformed)["error"]?["details"]?["line"]?.int == 3)
        #expect(Self.post("/v1/signals/bulk", "ids=a", type: "application/x-www-form-urlencoded").status == 415)
        #expect(Self.post("/v1/signals/bulk", "{}", type: nil).status == 415)
        let huge = Self.compiled.served.respond(
            to: ServedRequest(
                method: "POST", target: "/v1/signals/bulk", body: Array(repeating: 0x20, count: ServedRegistry.maximumBodySize + 1),
                contentType: "application/json"))
        #expect(huge.status == 413)
    }

    @Test func resolvingManyResourceTypesEchoesEachWithItsArtifactTypeOrItsError() throws {
        let body = #"{"resource_types": ["AWS::CloudTrail::Trail", "Nope::Nothing", null, "AWS::CloudTrail::Trail"]}"#
        let response = Self.post("/v1/artifact-types/resolve", body)
        #expect(response.status == 200)
        let node = try Self.json(response)
        let items = try #require(node["data"]?.array)
        #expect(items.map { $0["resource_type"]?.string } == ["AWS::CloudTrail::Trail", "Nope::Nothing", nil, "AWS::CloudTrail::Trail"])
        #expect(items.map { $0["found"]?.bool } == [true, false, false, true])
        // A found item carries what the GET form answers for that one type.
        let single = try Self.json(Self.get("/v1/artifact-types/resolve?resource_type=AWS::CloudTrail::Trail"))
        let expected = try #require(single["data"]?.members)
        #expect(items[0].members?.filter { $0.key != "found" }.map(\.key) == expected.map(\.key))
        #expect(items[0]["artifact_type"]?.string == "log_stream")
        #expect(items[1]["error"]?["code"]?.string == "not_found")
        #expect(items[2]["error"]?["code"]?.string == "invalid_id")
        #expect(node["meta"]?["requested"]?.int == 4)
        #expect(node["meta"]?["found"]?.int == 2)
        #expect(node["meta"]?["not_found"]?.int == 2)
        #expect(Self.post("/v1/artifact-types/resolve", #"{"ids": []}"#).status == 422)
        #expect(Self.post("/v1/artifact-types/resolve", "resource_types: AWS::CloudTrail::Trail\n", type: "application/yaml").status == 422)
        // The path is also the GET lookup; other methods are told both.
        #expect(Self.get("/v1/artifact-types/resolve").status == 200)
        let delete = Self.compiled.served.respond(to: ServedRequest(method: "DELETE", target: "/v1/artifact-types/resolve"))
        #expect(delete.status == 405 && delete.header("Allow") == "GET, HEAD, POST")
        let paths = try #require(Self.json(Self.get("/v1/openapi.json"))["paths"])
        #expect(paths["/artifact-types/resolve"]?["post"]?["operationId"]?.string == "resolveArtifactTypesInBulk")
    }

    @Test func validationGivesTheDiagnosticsOfCseValidate() throws {
        let (signal, text) = Self.sample
        let valid = try Self.json(Self.post("/v1/validate", text, type: "application/yaml"))
        #expect(valid["data"]?["valid"]?.bool == true, "\(valid)")
        #expect(valid["data"]?["path"]?.string == String(signal.definitionRef.dropFirst()) + "signal.yaml")

        let broken = text.replacingOccurrences(of: "introduced_in: \"1.0.0\"", with: "introduced_in: soon")
        #expect(broken != text)
        let invalid = try Self.json(Self.post("/v1/validate", broken, type: "application/yaml"))
        #expect(invalid["data"]?["valid"]?.bool == false)
        let diagnostics = try #require(invalid["data"]?["diagnostics"]?.array)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("introduced_in:") }) + 1
        // The schema's diagnostic with its JSON Pointer, and the release rule's (1.0.0 is released), both at the line.
        #expect(diagnostics.contains { $0["instance_pointer"]?.string == "/introduced_in" && $0["line"]?.int == line })
        #expect(diagnostics.contains { $0["id"]?.string == "permanence.introduced-changed" && $0["line"]?.int == line })

        let mappings =
            "signal: \(signal.id)\nmappings:\n  - framework: HIPAA\n    control: \"164.999\"\n    relationship: subset\n    provenance: expert\n    confidence: 0.9\n"
        let unknown = try Self.json(Self.post("/v1/validate?kind=mappings&signal=\(signal.id)", mappings, type: "application/yaml"))
        #expect(unknown["data"]?["diagnostics"]?.array?.contains { $0["id"]?.string == "mapping.unknown-control" } == true, "\(unknown)")
        #expect(Self.post("/v1/validate?kind=mappings&signal=CSE-NOPE", mappings, type: "application/yaml").status == 422)
        #expect(Self.post("/v1/validate?kind=table", text, type: "application/yaml").status == 400)

        let batch = #"{"documents": [{"kind": "signal", "content": \#(Self.quoted(text))}, {"kind": "signal", "content": \#(Self.quoted(broken))}]}"#
        #expect(Self.post("/v1/validate/batch", batch).status == 422, "two documents for one place are refused")
        let other = broken.replacingOccurrences(of: signal.id, with: "CSE-HIPAA-TECH-NEW-SUBMISSION-099")
        let pair = #"{"documents": [{"kind": "signal", "content": \#(Self.quoted(text))}, {"kind": "signal", "content": \#(Self.quoted(other))}]}"#
        let results = try Self.json(Self.post("/v1/validate/batch", pair))
        #expect(results["meta"]?["valid"]?.int == 1)
        #expect(results["meta"]?["invalid"]?.int == 1)

        // GET /v1/validate is still the list of schemas; the operations answer 405 to other methods.
        #expect(Self.get("/v1/validate").status == 200)
        let getBulk = Self.get("/v1/signals/bulk")
        #expect(getBulk.status == 405 && getBulk.header("Allow") == "POST")
        #expect(Self.post("/v1/signals", "{}").header("Allow") == "GET, HEAD")
    }

    /// A clock a test moves.
    final class TestClock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Int64 = 1_800_000_000
        var now: Int64 { lock.withLock { value } }
        func advance(_ seconds: Int64) { lock.withLock { value += seconds } }
    }

    static func scratchFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cse-serve-\(UUID().uuidString)").path
    }

    @Test func gapAnalysesAreKeptReadExportedComparedAndDeleted() throws {
        let folder = Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = TestClock()
        let schemas = try SchemaCatalog.bundled()
        func server(_ folder: String) throws -> ServedRegistry {
            ServedRegistry(
                registry: Self.compiled.registry, plan: Self.compiled.plan, store: try GapAnalysisStore(folder: folder, retention: 3600), schemas: schemas,
                clock: { clock.now })
        }
        let served = try server(folder)
        func post(_ target: String, _ body: String, _ type: String = "text/plain") -> ServedResponse {
            served.respond(to: ServedRequest(method: "POST", target: target, body: Array(body.utf8), contentType: type))
        }
        func get(_ target: String, _ method: String = "GET") -> ServedResponse { served.respond(to: ServedRequest(method: method, target: target)) }

        let findings = "\(Self.sample.signal.id)\n"
        let created = post("/v1/gap-analysis?framework=HIPAA", findings)
        #expect(created.status == 201)
        let data = try #require(try Self.json(created)["data"])
        let id = try #require(data["id"]?.string)
        #expect(id.count == 32)
        #expect(created.header("Location") == "/v1/gap-analysis/\(id)")
        #expect(data["result"]?["frameworks"]?.array?.compactMap { $0["code"]?.string } == ["HIPAA"])
        #expect(data["result"]?["input"]?["open_signals"]?.array?.first?.string == Self.sample.signal.id)

        // The same findings give the same ID; another server's secret gives another.
        #expect(try Self.json(post("/v1/gap-analysis?framework=HIPAA", findings))["data"]?["id"]?.string == id)
        let otherFolder = Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: otherFolder) }
        let other = try server(otherFolder).respond(
            to: ServedRequest(method: "POST", target: "/v1/gap-analysis?framework=HIPAA", body: Array(findings.utf8), contentType: "text/plain"))
        #expect(try Self.json(other)["data"]?["id"]?.string != id)

        // Read back, across a restart; exported in three formats.
        #expect(try Self.json(get("/v1/gap-analysis/\(id)"))["data"]?["id"]?.string == id)
        #expect(try Self.json(try server(folder).respond(to: ServedRequest(target: "/v1/gap-analysis/\(id)")))["data"]?["id"]?.string == id)
        let csv = get("/v1/gap-analysis/\(id)/export?format=csv")
        #expect(csv.status == 200 && csv.header("Content-Type") == "text/csv; charset=utf-8" && !csv.body.isEmpty)
        #expect(get("/v1/gap-analysis/\(id)/export?format=markdown").header("Content-Type") == "text/markdown; charset=utf-8")
        #expect(try Self.json(get("/v1/gap-analysis/\(id)/export"))["frameworks"] != nil)
        #expect(get("/v1/gap-analysis/\(id)/export?format=pdf").status == 400)

        // Compared with a later run.
        let later = try #require(
            try Self.json(post("/v1/gap-analysis?framework=HIPAA", findings + "CSE-HIPAA-TECH-EPHI-DB-NO-QUERY-AUDIT-001\n"))["data"]?["id"]?.string)
        let comparison = post("/v1/gap-analysis/compare", #"{"before": "\#(id)", "after": "\#(later)"}"#, "application/json")
        #expect(comparison.status == 200, "\(String(decoding: comparison.body, as: UTF8.self))")
        #expect(try Self.json(comparison)["data"] != nil)

        // Bad input.
        #expect(post("/v1/gap-analysis?framework=NOPE", findings).status == 400)
        let unknown = post("/v1/gap-analysis", "CSE-NOPE-NOPE-NOPE-001\n")
        #expect(unknown.status == 422)
        #expect(try Self.json(unknown)["error"]?["details"]?["diagnostics"]?.array?.first?["line"]?.int == 1)
        #expect(post("/v1/gap-analysis", findings, "application/pdf").status == 415)
        #expect(get("/v1/gap-analysis/compare").status == 405)
        #expect(get("/v1/gap-analysis/not-an-id").status == 404)
        #expect(get("/v1/gap-analysis/").status == 200, "GET is still the static description")
        #expect(get("/v1/gap-analysis/summary").status == 200)

        // Deleted, and expired.
        #expect(served.respond(to: ServedRequest(method: "DELETE", target: "/v1/gap-analysis/\(id)")).status == 204)
        #expect(get("/v1/gap-analysis/\(id)").status == 404)
        #expect(served.respond(to: ServedRequest(method: "DELETE", target: "/v1/gap-analysis/\(id)")).status == 404)
        #expect(get("/v1/gap-analysis/\(later)").status == 200)
        clock.advance(3601)
        #expect(get("/v1/gap-analysis/\(later)").status == 404, "expired after the retention time")
    }

    static func quoted(_ text: String) -> String { String(decoding: JSONWriter(style: .compact).bytes(.string(text)), as: UTF8.self) }

    // MARK: - A real server

    @Test func aRealServerAnswersOverHTTP() async throws {
        let app = RegistryServer.application(registry: Self.compiled.served, host: "127.0.0.1", port: 0, logLevel: .error)
        try await app.test(.live) { client in
            try await client.execute(uri: "/v1/signals?domain=HIPAA&per_page=3", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let node = try #require(DocumentLoader.load(Array(buffer: response.body), path: "r", format: .json).0)
                #expect(node["data"]?.array?.count == 3)
            }
            try await client.execute(uri: "/v1/signals?domain=INVALID", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/%2e%2e/cse.yaml", method: .get) { response in
                #expect(response.status == .notFound)
            }
            // gzip when accepted, with its own entity tag, which revalidates.
            var accept = HTTPFields()
            accept[.acceptEncoding] = "gzip, deflate"
            let tag = try await client.execute(uri: "/v1/signals?per_page=100", method: .get, headers: accept) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.vary] == "Accept-Encoding")
                var body = response.body
                let plain = try body.decompress(with: .gzip())
                let node = try #require(DocumentLoader.load(Array(buffer: plain), path: "r", format: .json).0)
                #expect(node["data"]?.array?.count == 100)
                let tag = try #require(response.headers[.eTag])
                #expect(tag.hasSuffix("-gzip\""))
                return tag
            }
            accept[.ifNoneMatch] = tag
            try await client.execute(uri: "/v1/signals?per_page=100", method: .get, headers: accept) { response in
                #expect(response.status == .notModified)
                #expect(response.headers[.eTag] == tag)
            }
            try await client.execute(uri: "/v1/signals?per_page=100", method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil, "not without Accept-Encoding")
            }
            // A body over the limit is refused from its declared length.
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            let big = ByteBuffer(bytes: Array(repeating: UInt8(ascii: " "), count: ServedRegistry.maximumBodySize + 10))
            try await client.execute(uri: "/v1/signals/bulk", method: .post, headers: headers, body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/v1/signals/bulk", method: .post, headers: headers, body: ByteBuffer(string: #"{"ids": ["x"]}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
