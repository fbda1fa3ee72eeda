import CSECore
import CSEDiagnostics
import Foundation
import Testing

/// Builds this repository's site in memory and checks it as a link checker and a validator would.
@Suite(.serialized) struct SiteLinkTests {
    static var site: ([String: [UInt8]], [Diagnostic]) { (RepositoryBuild.built.files, RepositoryBuild.built.diagnostics) }

    static var pages: [(String, String)] {
        site.0.filter { $0.key.hasSuffix(".html") }.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }.sorted { $0.0 < $1.0 }
    }

    @Test func buildsWithoutDiagnostics() {
        #expect(Self.site.1.isEmpty, "\(Self.site.1)")
        #expect(Self.pages.count > 2000)
    }

    /// Every relative href and src resolves to a file of the build, and every fragment to an id on its page.
    /// Links into `v1/` (the JSON API, built by another emitter) are checked only for their shape.
    @Test func everyInternalLinkAndAnchorResolves() throws {
        let files = Self.site.0
        var ids: [String: Set<String>] = [:]
        for (path, html) in Self.pages { ids[path] = Set(SiteSupport.tags(html).compactMap { $0.attributes["id"] }) }
        var broken: [String] = []
        var checked = 0
        for (page, html) in Self.pages where page != "404.html" {
            for tag in SiteSupport.tags(html) {
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
                        if !resolved.hasSuffix("/index.json") { broken.append("\(page): \(target) is not an API resource path") }
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
        for (page, html) in Self.pages {
            for p in SiteSupport.balanceProblems(html) { problems.append("\(page): \(p)") }
            let tags = SiteSupport.tags(html)
            let names = Set(tags.map(\.name))
            for landmark in ["header", "nav", "main", "footer"] where !names.contains(landmark) { problems.append("\(page): no <\(landmark)>") }
            let labelled = Set(tags.filter { $0.name == "label" }.compactMap { $0.attributes["for"] })
            for input in tags where input.name == "input" {
                if !labelled.contains(input.attributes["id"] ?? "") { problems.append("\(page): input without a label") }
            }
            let levels = SiteSupport.headingLevels(html)
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
