import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// The endpoint list is the one declaration of the static API: its documentation table is generated from
/// it, and each endpoint's renderer writes files at that endpoint's path and nowhere else.
@Suite struct APIEndpointTests {
    /// Whether `file` (under `v1/`) is served for the request template `path` (`/signals/{id}/`), or for
    /// one of its further pages when `paginated`.
    static func serves(_ path: String, paginated: Bool, file: String) -> Bool {
        func segments(_ s: String) -> [Substring] { s.split(separator: "/", omittingEmptySubsequences: false) }
        let templates = [APIEndpoint.file(forRequest: path)] + (paginated ? [APIEndpoint.file(forRequest: path + "page/{page}.json")] : [])
        return templates.contains { template in
            let t = segments(template), f = segments(file)
            return t.count == f.count
                && zip(t, f).allSatisfy { t, f in
                    guard let open = t.firstIndex(of: "{"), let close = t.firstIndex(of: "}") else { return t == f }
                    let prefix = t[..<open], suffix = t[t.index(after: close)...]
                    return f.hasPrefix(prefix) && f.hasSuffix(suffix) && f.count > prefix.count + suffix.count
                }
        }
    }

    @Test func documentationTableIsGeneratedFromTheList() throws {
        try GeneratedPage.check("docs/api.md", section: APIEndpoint.section, content: APIEndpoint.markdownTable(), suite: "APIEndpointTests")
    }

    @Test func pathsAndOperationsAreUnique() {
        let all = APIEndpoint.all
        #expect(Set(all.map(\.path)).count == all.count)
        #expect(Set(all.map(\.operationID)).count == all.count)
        for e in all {
            // A resource is a folder (served from its index.json) or a named JSON file (`changes.json`).
            #expect(e.path.hasPrefix("/") && (e.path.hasSuffix("/") || e.path.hasSuffix(".json") && !e.paginated), "\(e.path)")
            #expect(Set(APIEndpoint.parameterNames(e.path)) == Set(e.parameters.keys), "\(e.path): every path parameter is described")
            #expect(TestRegistry.schemas.sources[e.schema] != nil, "\(e.path): no bundled schema \(e.schema)")
        }
    }

    /// Each renderer, run on this repository, writes at least one file, each at its own endpoint's path.
    @Test(arguments: APIEndpoint.all.map(\.operationID))
    func rendererWritesItsEndpoint(_ operationID: String) throws {
        let endpoint = try #require(APIEndpoint.all.first { $0.operationID == operationID })
        let files = endpoint.render(Self.rendering)
        #expect(!files.isEmpty, "\(endpoint.path) renders no file")
        let strays = files.map(\.path).filter {
            !$0.hasPrefix("v1/") || !Self.serves(endpoint.path, paginated: endpoint.paginated, file: String($0.dropFirst(3)))
        }
        #expect(strays.isEmpty, "\(endpoint.path) writes files it does not serve: \(strays.prefix(3))")
        if endpoint.paginated {
            // A list's first page is its index.json; the repository has lists long enough for further pages.
            #expect(files.contains { $0.path.hasSuffix("/index.json") })
        }
    }

    /// The API output is exactly the renderers' files, the contract and the error document.
    @Test func emitterWritesExactlyTheRenderersFiles() throws {
        let rendered = APIEndpoint.all.flatMap { $0.render(Self.rendering) }.map(\.path)
        let emitted = RepositoryBuild.built.files.keys.filter { $0.hasPrefix("v1/") }
        #expect(Set(emitted) == Set(rendered + ["v1/openapi.json", "v1/404.json"]))
        #expect(Set(rendered).count == rendered.count, "two renderers write one path")
    }

    static let rendering: APIRendering = {
        guard var registry = RepositoryBuild.loaded.registry else { fatalError("the repository does not validate") }
        registry.config.outputs = Set(OutputKind.allCases)
        let context = BuildContext(
            registry: registry, publishedAt: RepositoryBuild.publishedAt, templates: RepositoryBuild.loaded.site, history: RepositoryBuild.loaded.history)
        return APIRendering(context: context, schemas: TestRegistry.schemas, results: ComputeResults(registry: registry))
    }()
}
