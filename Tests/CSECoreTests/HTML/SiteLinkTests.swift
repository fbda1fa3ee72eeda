import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// Builds this repository's site in memory and checks it as a link checker and a validator would.
@Suite(.serialized) struct SiteLinkTests {
    static var site: ([String: [UInt8]], [Diagnostic]) { (RepositoryBuild.built.files, RepositoryBuild.built.diagnostics) }

    static var pages: [(String, String)] {
        site.0.filter { $0.key.hasSuffix(".html") }.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }.sorted { $0.0 < $1.0 }
    }

    /// Every page's tags, read once on all cores (the site has a few thousand pages).
    static let parsed: [(page: String, html: String, tags: [SiteSupport.Tag])] = {
        let pages = Self.pages
        let tags = pages.map(\.1).concurrentMap(minimumBatch: 1, SiteSupport.tags)
        return pages.indices.map { (pages[$0].0, pages[$0].1, tags[$0]) }
    }()

    /// The reader the checks below rely on: it must see attributes, skip comments and scripts, and catch
    /// misnesting, or the site checks could not fail.
    @Test func readerSeesAttributesAndMisnesting() {
        let html =
            #"<!DOCTYPE html><!-- <p> --><div id="a" class='x'><a href="b.html?x=1&amp;y=2#c">t</a><br/><script>if (a<b) {}</script></span></div><h1>x</h1><h3>y</h3>"#
        let tags = SiteSupport.tags(html)
        #expect(tags.map(\.name) == ["div", "a", "a", "br", "script", "script", "span", "div", "h1", "h1", "h3", "h3"])
        #expect(tags[0].attributes["id"] == "a")
        #expect(tags[1].attributes["href"] == "b.html?x=1&y=2#c")
        #expect(tags[3].selfClosing)
        #expect(SiteSupport.balanceProblems(tags) == ["</span> closes <div>"])
        #expect(SiteSupport.headingLevels(tags) == [1, 3])
        #expect(SiteSupport.balanceProblems(SiteSupport.tags("<main><p>open</main>")) == ["</main> closes <p>"])
    }

    @Test func buildsWithoutDiagnostics() {
        #expect(Self.site.1.isEmpty, "\(Self.site.1)")
        #expect(Self.pages.count > 2000)
    }

    /// Whether a `v1/`-relative file is one a declared endpoint serves (`{parameter}` matches one segment).
    static func isAPIFile(_ file: String) -> Bool {
        let segments = file.split(separator: "/", omittingEmptySubsequences: false)
        return APIEndpoint.all.contains { e in
            let template = APIEndpoint.file(forRequest: e.path).split(separator: "/", omittingEmptySubsequences: false)
            return template.count == segments.count
                && zip(template, segments).allSatisfy { t, s in t == s || t.hasPrefix("{") && t.hasSuffix("}") && !s.isEmpty }
        }
    }

    /// Every relative href and src resolves to a file of the build, and every fragment to an id on its page.
    /// Links into `v1/` (the JSON API, built by another emitter) are checked only for their shape.
    @Test func everyInternalLinkAndAnchorResolves() throws {
        let files = Self.site.0
        var ids: [String: Set<String>] = [:]
        for (path, _, tags) in Self.parsed { ids[path] = Set(tags.compactMap { $0.attributes["id"] }) }
        var broken: [String] = []
        var checked = 0
        for (page, _, tags) in Self.parsed where page != "404.html" {
            for tag in tags {
                guard let target = tag.attributes["href"] ?? tag.attributes["src"], tag.name != "link" || tag.attributes["rel"] != "canonical" else { continue }
                if target.contains("://") || target.hasPrefix("mailto:") || target.hasPrefix("data:") { continue }
                checked += 1
                let (pathPart, fragment) = split(target)
                var resolved = page
                if !pathPart.isEmpty {
                    guard let r = resolve(pathPart, from: page) else {
                        broken.append("\(page): \(target) leaves the site")
                        continue
                    }
                    resolved = r
                    if resolved.hasPrefix("v1/") {
                        if !Self.isAPIFile(String(resolved.dropFirst(3))) { broken.append("\(page): \(target) is not an API resource path") }
                        continue
                    }
                    if files[resolved] == nil {
                        broken.append("\(page): \(target) → \(resolved) does not exist")
                        continue
                    }
                }
                if let fragment, !(ids[resolved]?.contains(fragment) ?? false) {
                    broken.append("\(page): \(target) → no id '\(fragment)' in \(resolved)")
                }
            }
        }
        #expect(checked > 50_000)
        #expect(broken.isEmpty, "\(broken.count) broken links, first: \(broken.prefix(10))")
    }

    @Test func pagesAreWellNestedWithLandmarksLabelsAndOrderedHeadings() {
        var problems: [String] = []
        for (page, _, tags) in Self.parsed {
            for p in SiteSupport.balanceProblems(tags) { problems.append("\(page): \(p)") }
            let names = Set(tags.map(\.name))
            for landmark in ["header", "nav", "main", "footer"] where !names.contains(landmark) { problems.append("\(page): no <\(landmark)>") }
            let labelled = Set(tags.filter { $0.name == "label" }.compactMap { $0.attributes["for"] })
            for input in tags where input.name == "input" {
                if !labelled.contains(input.attributes["id"] ?? "") { problems.append("\(page): input without a label") }
            }
            let levels = SiteSupport.headingLevels(tags)
            if levels.first != 1 || levels.filter({ $0 == 1 }).count != 1 { problems.append("\(page): needs exactly one h1 first, has \(levels.prefix(3))") }
            for (a, b) in zip(levels, levels.dropFirst()) where b > a + 1 { problems.append("\(page): h\(a) then h\(b)") }
            let allIDs = tags.compactMap { $0.attributes["id"] }
            if Set(allIDs).count != allIDs.count { problems.append("\(page): duplicate ids") }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(10))")
    }

    func split(_ target: String) -> (String, String?) {
        var t = target
        if let q = t.firstIndex(of: "?") { t = String(t[..<q]) }
        guard let hash = target.firstIndex(of: "#") else { return (t, nil) }
        return (String(target[..<hash]), String(target[target.index(after: hash)...]))
    }

    func resolve(_ relative: String, from page: String) -> String? {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for c in relative.split(separator: "/", omittingEmptySubsequences: false) {
            if c == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else if c != "." && !c.isEmpty {
                parts.append(String(c).removingPercentEncoding ?? String(c))
            }
        }
        return parts.joined(separator: "/")
    }
}
