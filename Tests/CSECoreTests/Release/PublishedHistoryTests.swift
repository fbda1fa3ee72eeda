import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// The published history (docs/releases.md "Published history"): after the fixture history v1.0.0 → v1.1.0 →
/// v2.0.0, the build publishes `/v1/releases/` and each release's `changes.json`, a Releases page and its Atom
/// feed, and each signal's history on its page; a `registry/` whose history files are damaged is reported at
/// the file, and nothing outside `registry/changelog/` is read for a version.
@Suite(.serialized) struct PublishedHistoryTests {
    typealias Scratch = ReleaseTests.Scratch

    /// The fixture history, cut in sequence into one scratch registry.
    static func history() throws -> Scratch {
        let scratch = Scratch()
        for (files, time) in [(ReleaseTests.v1, ReleaseTests.time1), (ReleaseTests.v11, ReleaseTests.time2), (ReleaseTests.v2, ReleaseTests.time3)] {
            try scratch.author(files.merging(SiteSupport.templateFiles) { a, _ in a })
            let (prepared, refused) = try scratch.release(ReleaseRequest(publishedAt: time))
            #expect(prepared != nil, "\(refused.map(\.summary))")
        }
        return scratch
    }

    static func build(_ result: LoadResult) throws -> [String: [UInt8]] {
        var registry = try #require(result.registry, "\(TestRegistry.lines(result))")
        registry.config.outputs = Set(OutputKind.allCases)
        let context = BuildContext(registry: registry, publishedAt: ReleaseTests.time3, templates: result.site, history: result.history)
        let (plan, diagnostics) = RegistryBuilder(context: context, schemas: TestRegistry.schemas).plan()
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.summary))")
        return Dictionary(plan.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    }

    static func json(_ bytes: [UInt8]?, _ path: String) throws -> Node {
        let present = try #require(bytes, "\(path) is missing")
        return try #require(DocumentLoader.load(present, path: path, format: .json).0)
    }

    /// The part of a page between two markers (a section of the template).
    static func section(_ html: String, from start: String, to end: String) -> String? {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return nil }
        return String(html[a.lowerBound..<b.upperBound])
    }

    @Test func theBuildPublishesEveryReleaseAndEachSignalsHistory() throws {
        let scratch = try Self.history()
        let result = try scratch.load()
        #expect(result.diagnostics.isEmpty, "\(TestRegistry.lines(result))")
        #expect(result.history?.releases.entries.map(\.version) == ["2.0.0", "1.1.0", "1.0.0"])
        let tree = try Self.build(result)

        // /v1/releases/: the history, newest first, each `changes` link resolving to that release's changes,
        // which are the released changelog as it is.
        let list = try Self.json(tree["v1/releases/index.json"], "releases")
        #expect(TestRegistry.schemas.validate(list, schema: "api-release-list.schema.json", file: "releases").isEmpty)
        let releases = try #require(list["data"]?["releases"]?.array)
        #expect(releases.compactMap { $0["version"]?.string } == ["2.0.0", "1.1.0", "1.0.0"])
        #expect(releases.compactMap { $0["published_at"]?.string } == [ReleaseTests.time3, ReleaseTests.time2, ReleaseTests.time1])
        #expect(releases.first?["declarations"]?.array?.count == 1)
        let registryFiles = scratch.files(under: "registry")
        for release in releases {
            let version = try #require(release["version"]?.string)
            let link = try #require(release["changes"]?.string)
            #expect(link == "\(version)/changes.json")
            let changes = try Self.json(tree["v1/releases/" + link], link)
            #expect(TestRegistry.schemas.validate(changes, schema: "api-release-changes.schema.json", file: link).isEmpty)
            let released = try Self.json(registryFiles["changelog/\(version).json"], version)
            #expect(JSONValue(try #require(changes["data"])) == JSONValue(released), "\(version): the API's changes are the released changelog")
        }

        // Each signal's page shows what each release did to it.
        let pages = Dictionary(
            uniqueKeysWithValues: [ReleaseTests.base, ReleaseTests.old, ReleaseTests.new].map { id in
                (id, String(decoding: tree["signals/HIPAA/TECH/\(id)/index.html"] ?? [], as: UTF8.self))
            })
        var golden: [String: [UInt8]] = [:]
        for (id, html) in pages {
            let history = try #require(Self.section(html, from: "<h2 id=\"history\">", to: "</section>"), "\(id) has no history")
            golden["history-\(id).html"] = Array(history.utf8)
        }
        #expect(pages[ReleaseTests.old]?.contains("<span class=\"rel\">deprecated</span>") == true)
        #expect(pages[ReleaseTests.base]?.contains("<span class=\"rel\">changed</span> (description") == true)

        // The Releases page and the releases feed.
        let page = String(decoding: try #require(tree["releases/index.html"]), as: UTF8.self)
        golden["releases.html"] = Array(try #require(Self.section(page, from: "<h1>Releases</h1>", to: "</main>")).utf8)
        golden["releases.xml"] = tree["releases/feed.xml"] ?? []
        golden["api-releases.json"] = tree["v1/releases/index.json"] ?? []
        for anchor in ["v2.0.0", "v1.1.0", "v1.0.0"] { #expect(page.contains("id=\"\(anchor)\"")) }
        try Golden.assertTree(golden, matches: "golden/published-history")
    }

    @Test func aRegistryNeverReleasedPublishesAnEmptyHistory() throws {
        let scratch = Scratch()
        try scratch.author(ReleaseTests.v1.merging(SiteSupport.templateFiles) { a, _ in a })
        let result = try scratch.load()
        #expect(result.history == nil)
        let tree = try Self.build(result)
        let list = try Self.json(tree["v1/releases/index.json"], "releases")
        #expect(list["data"]?["releases"]?.array?.isEmpty == true)
        #expect(tree.keys.filter { $0.hasPrefix("v1/releases/") } == ["v1/releases/index.json"])
        let page = String(decoding: tree["releases/index.html"] ?? [], as: UTF8.self)
        #expect(page.contains("No release has been published yet"))
        let signal = String(decoding: tree["signals/HIPAA/TECH/\(ReleaseTests.base)/index.html"] ?? [], as: UTF8.self)
        #expect(!signal.contains("id=\"history\""), "no history section before the first release")
    }

    @Test func aDamagedChangelogIsReportedAtItsFile() throws {
        let scratch = try Self.history()
        let changelog = scratch.root.appendingPathComponent("registry/changelog/1.1.0.json")
        try Data(#"{"schema_version": "1.0", "changes": "none"}"#.utf8).write(to: changelog)
        let result = try scratch.load()
        let found = result.diagnostics.filter { $0.id == DiagnosticKind.permanenceReleaseUnreadable.id }
        #expect(found.count >= 1)
        #expect(found.allSatisfy { $0.range?.file == "registry/changelog/1.1.0.json" }, "\(found.map(\.summary))")
        #expect(result.registry == nil, "a damaged release folder is an error")

        try FileManager.default.removeItem(at: changelog)
        let missing = try scratch.load().diagnostics.filter { $0.id == DiagnosticKind.permanenceReleaseUnreadable.id }
        #expect(missing.map { $0.range?.file } == ["registry/changelog/1.1.0.json"])
    }

    @Test func aVersionThatIsNotASemanticVersionNamesNoFile() throws {
        let scratch = try Self.history()
        // A history naming a version that would lead out of changelog/: never opened, reported instead.
        let outside = scratch.root.appendingPathComponent("registry/secret.json")
        try Data(#"{"schema_version": "1.0"}"#.utf8).write(to: outside)
        let path = scratch.root.appendingPathComponent("registry/releases.json")
        let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"../secret\"")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let (history, problems) = PublishedHistory.read(LocalFileSystem(root: scratch.root.path), schemas: TestRegistry.schemas)
        #expect(history?.changes["../secret"] == nil)
        #expect(problems.contains { $0.summary.contains("'../secret' is not a semantic version") && $0.range?.file == "registry/releases.json" })
    }
}
