import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

/// This repository's v1/ tree against its own OpenAPI contract: every file validates against the 200
/// response schema of the operation its path matches, every link resolves, every listed ID has its file.
@Suite struct APIContractTests {
    /// The v1/ part of the shared repository build (`v1/`-relative path → bytes).
    static let built: (tree: [String: [UInt8]], diagnostics: [Diagnostic]) = (
        Dictionary(
            RepositoryBuild.built.files.filter { $0.key.hasPrefix("v1/") }.map { (String($0.key.dropFirst(3)), $0.value) },
            uniquingKeysWith: { a, _ in a }),
        RepositoryBuild.built.diagnostics
    )

    /// OpenAPI path template → (regex-free matcher, 200 schema file, 404 schema file).
    struct Operation {
        var segments: [String]
        var schema: String
        var notFound: String
        var parameters: Int

        func matches(_ request: [String]) -> Bool {
            guard request.count == segments.count else { return false }
            for (t, r) in zip(segments, request) {
                if let open = t.firstIndex(of: "{"), let close = t.firstIndex(of: "}") {
                    let prefix = t[..<open], suffix = t[t.index(after: close)...]
                    guard r.hasPrefix(prefix), r.hasSuffix(suffix), r.count > prefix.count + suffix.count else { return false }
                } else if t != r {
                    return false
                }
            }
            return true
        }
    }

    static func schemaFile(_ ref: Node?) -> String? {
        guard let ref = ref?["$ref"]?.string, ref.hasPrefix("../schemas/") else { return nil }
        return String(ref.dropFirst("../schemas/".count))
    }

    static func operations(_ openapi: Node) throws -> [Operation] {
        try #require(openapi["paths"]?.members).map { member in
            let responses = member.value["get"]?["responses"]
            let ok = responses?["200"]?["content"]?["application/json"]?["schema"]
            return Operation(
                segments: member.key.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init),
                schema: schemaFile(ok) ?? "inline", notFound: schemaFile(responses?["404"]?["content"]?["application/json"]?["schema"]) ?? "",
                parameters: member.key.filter { $0 == "{" }.count)
        }
    }

    /// The request path a file is served for: `signals/index.json` → `/signals/`.
    static func request(_ file: String) -> [String] {
        let path = file.hasSuffix("index.json") ? String(file.dropLast("index.json".count)) : file
        return ("/" + path).split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }

    @Test func everyFileValidatesAgainstItsOperationSchema() throws {
        let (tree, diagnostics) = Self.built
        #expect(diagnostics.map(ToolDiagnosticFormatter.line) == [])
        let openapiBytes = try #require(tree["openapi.json"])
        let openapi = try #require(APIFixture.node(openapiBytes, path: "openapi.json"))
        let operations = try Self.operations(openapi)
        #expect(operations.count > 40)
        var problems: [String] = []
        var checkedPerSchema: [String: Int] = [:]
        for (path, bytes) in tree.sorted(by: { $0.key < $1.key }) {
            let schema: String
            if path == "404.json" {
                schema = try #require(operations.first?.notFound)
            } else {
                let candidates = operations.filter { $0.matches(Self.request(path)) }.sorted { $0.parameters < $1.parameters }
                guard let op = candidates.first else {
                    problems.append("\(path): no operation in openapi.json serves it")
                    continue
                }
                schema = op.schema
            }
            let node = try #require(APIFixture.node(bytes, path: path), "\(path) does not parse")
            if schema == "inline" {
                #expect(path == "openapi.json")
                continue
            }
            problems += TestRegistry.schemas.validate(node, schema: schema, file: path).map(ToolDiagnosticFormatter.line)
            checkedPerSchema[schema, default: 0] += 1
        }
        #expect(problems == [])
        // Every response schema the contract names is exercised by at least one file.
        #expect(Set(operations.map(\.schema)).subtracting(["inline"]).subtracting(checkedPerSchema.keys) == [])
        #expect(checkedPerSchema["api-error.schema.json"] == 1)
    }

    @Test func everyLinkResolvesAndEveryListedIDHasItsFile() throws {
        let tree = Self.built.tree
        var problems: [String] = []
        func resolve(_ link: String, from path: String) -> String {
            var parts = path.split(separator: "/").dropLast().map(String.init)
            for part in link.split(separator: "/") {
                if part == ".." { parts.removeLast() } else { parts.append(String(part)) }
            }
            return parts.joined(separator: "/")
        }
        let resources: [String: (JSONItem) -> String?] = [
            "signals/": { "signals/\(APIPath.encode($0.string("id")))/index.json" },
            "frameworks/index": { "frameworks/\(APIPath.encode($0.string("code")))/index.json" },
            "controls/": { "controls/\(APIPath.encode($0.string("framework")))/\(APIPath.encode($0.string("id")))/index.json" },
            "artifact-types/": { "artifact-types/\(APIPath.encode($0.string("id")))/index.json" },
            "security-tools/": { "security-tools/\(APIPath.encode($0.string("id")))/index.json" },
            // A template is fetched by its signal; its `id` is the finding ID (`FND-<signal>`).
            "finding-templates/": { "finding-templates/\(APIPath.encode($0.string("signal")))/index.json" },
        ]
        var listed = 0
        for (path, bytes) in tree {
            guard let node = APIFixture.node(bytes, path: path), let links = node["links"]?.members else { continue }
            for link in links {
                guard let target = link.value.string else { continue }
                if tree[resolve(target, from: path)] == nil { problems.append("\(path): \(link.key) '\(target)' does not exist") }
            }
            guard
                let list = resources.first(where: {
                    path.hasPrefix($0.key)
                        && (path.hasSuffix("/index.json") && path.filter { $0 == "/" }.count == 1
                            || path.contains("/page/") && path.filter { $0 == "/" }.count == 2 || path.contains("/by-"))
                })
            else { continue }
            for item in node["data"]?.array ?? [] {
                guard let file = list.value(JSONItem(node: item)) else { continue }
                listed += 1
                if tree[file] == nil { problems.append("\(path): listed item has no resource '\(file)'") }
            }
        }
        #expect(problems == [])
        #expect(listed > 1000)
    }

    @Test func seededTeamsDataIsPublished() throws {
        let tree = Self.built.tree
        let resolve = try #require(APIFixture.node(tree["artifact-types/resolve/index.json"] ?? [], path: "resolve"))
        #expect(resolve["data"]?["resource_types"]?["AWS::S3::Bucket"]?["artifact_type"]?.string == "cloud_resource")
        #expect(resolve["data"]?["resource_types"]?["aws_db_instance"]?["artifact_type"]?.string == "database")
        let lookup = try #require(APIFixture.node(tree["tool-mappings/lookup/index.json"] ?? [], path: "lookup"))
        #expect(
            lookup["data"]?["tools"]?["checkov"]?["CKV_AWS_19"]?.array?.compactMap(\.string).contains("CSE-GEN-CRYPTO-DATA-AT-REST-UNENCRYPTED-001") == true)
        #expect(lookup["data"]?["tools"]?["aws-config"]?["root-account-mfa-enabled"] != nil)
        #expect(tree["artifact-types/index.json"].map { String(decoding: $0, as: UTF8.self).contains(#""total":13"#) } == true)
    }
}

/// A list item read back from JSON.
struct JSONItem {
    var node: Node
    func string(_ key: String) -> String { node[key]?.string ?? "" }
}
