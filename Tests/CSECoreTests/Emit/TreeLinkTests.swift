import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// Every link in every JSON document of this repository's build resolves to a file of the same build, by
/// the one convention docs/api.md §1 states: a relative reference is resolved against the URL of the file
/// that holds it; `definition_ref` (the specification's field) is a path from the tree's root; an absolute
/// URL under the registry's `base_url` names a file of the tree.
@Suite struct TreeLinkTests {
    /// Members whose string values are relative references.
    static let relativeKeys: Set<String> = ["file", "file_min", "equivalences_file", "self", "first", "last", "next", "prev", "changes", "$ref"]

    struct Link: CustomStringConvertible {
        var holder: String
        var pointer: String
        var value: String
        var description: String { "\(holder) \(pointer): \(value)" }
    }

    /// The links of one document: its relative references, `definition_ref` values and URLs under `base`.
    static func links(in node: Node, holder: String, base: String) -> [Link] {
        var out: [Link] = []
        func walk(_ node: Node, _ pointer: String, key: String?) {
            if let members = node.members {
                for member in members { walk(member.value, pointer + "/" + member.key, key: member.key) }
            } else if let items = node.array {
                for (i, item) in items.enumerated() { walk(item, pointer + "/\(i)", key: key) }
            } else if let value = node.string, !value.contains("{") {
                let isLink =
                    value.hasPrefix(base) || key == "definition_ref"
                    || (key.map(relativeKeys.contains) ?? false && !value.hasPrefix("#") && !value.contains("://"))
                    || (key == "openapi" && value.hasSuffix(".json")) || (key == "summary" && value.hasSuffix("/"))
                if isLink { out.append(Link(holder: holder, pointer: pointer, value: value)) }
            }
        }
        walk(node, "", key: nil)
        return out
    }

    /// The tree path a link names, or nil when it leaves the tree.
    static func target(of link: Link, base: String) -> String? {
        var path: String
        if link.value.hasPrefix(base) {
            path = String(link.value.dropFirst(base.count))
        } else if link.value.hasPrefix("/") {
            path = String(link.value.dropFirst())
        } else {
            path = (link.holder.split(separator: "/").dropLast().map(String.init) + [link.value]).joined(separator: "/")
        }
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part.removingPercentEncoding ?? String(part)))
            }
        }
        return parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }

    static func exists(_ path: String, in files: [String: [UInt8]]) -> Bool {
        if path.isEmpty || path.hasSuffix("/") { return files[path + "index.json"] != nil || files[path + "index.html"] != nil }
        return files[path] != nil || files[path + "/index.json"] != nil || files[path + "/index.html"] != nil
    }

    @Test func everyLinkInEveryDocumentResolvesInTheBuild() throws {
        let files = RepositoryBuild.built.files
        let base = try #require(RepositoryBuild.loaded.registry?.config.baseURL)
        var broken: [String] = []
        var checked = 0
        for (path, bytes) in files where path.hasSuffix(".json") {
            guard let node = DocumentLoader.load(bytes, path: path, format: .json).0 else {
                broken.append("\(path): does not parse")
                continue
            }
            for link in Self.links(in: node, holder: path, base: base) {
                checked += 1
                guard let target = Self.target(of: link, base: base), Self.exists(target, in: files) else {
                    broken.append(link.description)
                    continue
                }
            }
        }
        print("tree links: \(checked) checked in \(files.keys.filter { $0.hasSuffix(".json") }.count) JSON documents, \(broken.count) broken")
        #expect(checked > 5_000)
        #expect(broken.isEmpty, "\(broken.count) broken, for example:\n\(broken.sorted().prefix(30).joined(separator: "\n"))")
    }

    /// The checker itself: it must find a broken link of each kind, or the test above could not fail.
    @Test func theCheckerSeesEachKindOfLink() throws {
        let base = "https://example.org/"
        let json =
            #"{"a": {"file": "x.json", "definition_ref": "/signals/S/", "url": "https://example.org/spec/v1", "next": "page/2.json", "t": "s/{id}/index.json"}}"#
        let node = try #require(DocumentLoader.load(Array(json.utf8), path: "d.json", format: .json).0)
        let links = Self.links(in: node, holder: "dir/index.json", base: base)
        #expect(links.map(\.value) == ["x.json", "/signals/S/", "https://example.org/spec/v1", "page/2.json"])
        #expect(links.compactMap { Self.target(of: $0, base: base) } == ["dir/x.json", "signals/S/", "spec/v1", "dir/page/2.json"])
        let files: [String: [UInt8]] = ["dir/x.json": [], "signals/S/index.html": [], "dir/page/2.json": []]
        #expect(links.compactMap { Self.target(of: $0, base: base) }.filter { !Self.exists($0, in: files) } == ["spec/v1"])
        #expect(Self.target(of: Link(holder: "a.json", pointer: "", value: "../../x"), base: base) == nil)
    }

    /// Each item of a list of resources has the `id` of the resource it summarises (found by the member
    /// the docs name as its key: `id`, or `signal` for finding templates).
    @Test(arguments: [
        ("signals", "id"), ("frameworks", "code"), ("artifact-types", "id"), ("security-tools", "id"), ("finding-templates", "signal"),
    ])
    func listItemsCarryTheirResourcesID(list: String, key: String) throws {
        let files = RepositoryBuild.built.files
        var pages = files.keys.filter { $0 == "v1/\(list)/index.json" || $0.hasPrefix("v1/\(list)/page/") }
        pages.sort()
        try #require(!pages.isEmpty, "v1/\(list)/ is not built")
        var compared = 0
        var differ: [String] = []
        for page in pages {
            let node = try #require(DocumentLoader.load(files[page]!, path: page, format: .json).0)
            for item in node["data"]?.array ?? [] {
                let name = try #require(item[key]?.string)
                let path = "v1/\(list)/\(APIPath.encode(name))/index.json"
                let resource = try #require(files[path].flatMap { DocumentLoader.load($0, path: path, format: .json).0 }, "\(path) is missing")
                let resourceID = resource["data"]?["id"]?.string ?? resource["data"]?["code"]?.string
                compared += 1
                if item["id"]?.string ?? item["code"]?.string != resourceID {
                    differ.append("\(page): \(name) lists \(item["id"]?.string ?? "-"), resource \(resourceID ?? "-")")
                }
            }
        }
        #expect(compared > 0)
        #expect(differ.isEmpty, "\(differ.count) differ: \(differ.prefix(5))")
    }
}
