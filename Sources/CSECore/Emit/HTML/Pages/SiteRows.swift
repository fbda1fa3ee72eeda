import Foundation

/// What every page's template gets.
struct PageCommon: TemplateContext {
    /// The relative prefix to the site root (on the 404 page, served at any depth: the path of base_url).
    var root: String
    var registryName: String
    var registryVersion: String
    var registryStatus: String
    var publishedDate: String
    var publishedAt: String
    var specName: String
    var specVersion: String
    var specURL: String
    var canonicalURL: String
    var searchURL: String
    var hasBundle: Bool

    func publish(into m: inout TemplateMembers) {
        m.set("root", root)
        m.set("registry_name", registryName)
        m.set("registry_version", registryVersion)
        m.set("registry_status", registryStatus)
        m.set("published_date", publishedDate)
        m.set("published_at", publishedAt)
        m.set("spec_name", specName)
        m.set("spec_version", specVersion)
        m.set("spec_url", specURL)
        m.set("canonical_url", canonicalURL)
        m.set("search_url", searchURL)
        m.set("has_bundle", hasBundle)
    }
}

/// A signal in a list.
struct SignalRow: TemplateContext {
    var id: String
    var name: String
    var url: String
    var status: String
    /// The suggested severity, or `unspecified`.
    var severity: String
    var deprecated: Bool

    func publish(into m: inout TemplateMembers) {
        m.set("id", id)
        m.set("name", name)
        m.set("url", url)
        m.set("status", status)
        m.set("severity", severity)
        m.flag("deprecated", deprecated)
    }
}

/// A link to a control page.
struct ControlLink: TemplateContext {
    var framework: String
    var control: String
    /// The control's title, empty when the catalog lacks it.
    var title: String
    /// nil when the control has no page (a mapping to a control its catalog does not list).
    var url: String?
    var frameworkURL: String

    func publish(into m: inout TemplateMembers) {
        m.set("framework", framework)
        m.set("control", control)
        m.set("title", title)
        m.set("url", url)
        m.set("framework_url", frameworkURL)
    }
}

/// One crosswalk row between two controls.
struct CrosswalkRow: TemplateContext {
    struct Bridge: TemplateContext {
        var id: String
        var name: String
        var url: String

        func publish(into m: inout TemplateMembers) {
            m.set("id", id)
            m.set("name", name)
            m.set("url", url)
        }
    }

    var source: ControlLink
    var target: ControlLink
    var relationship: String
    var derivation: String
    /// Two decimals.
    var strength: String?
    /// The control a transitive link passes through.
    var via: ControlLink?
    var justification: String?
    /// The first ``bridgesShown`` signals that bridge a derived link; nil when none.
    var bridges: [Bridge]?
    /// How many more bridge it, and where they are all listed (the pair's JSON, when it is built).
    var moreBridges: Int?
    var moreBridgesURL: String?

    /// Bridging signals a row shows. A link between two broad controls is bridged by every signal mapped
    /// to both, a number that grows with the registry (hundreds at 10,000 signals); a person reads a few
    /// examples and the count, and the pair's JSON has them all.
    static let bridgesShown = 5

    func publish(into m: inout TemplateMembers) {
        m.set("source", source)
        m.set("target", target)
        m.set("relationship", relationship)
        m.set("derivation", derivation)
        m.set("strength", strength)
        m.set("via", via)
        m.set("justification", justification)
        m.set("bridges", bridges)
        m.set("more_bridges", moreBridges)
        m.set("more_bridges_url", moreBridgesURL)
    }
}

extension Site {
    func signalRow(_ s: Signal, from page: String) -> SignalRow {
        SignalRow(
            id: s.id, name: s.canonicalName, url: SitePaths.root(of: page) + SitePaths.signal(s), status: s.status.rawValue,
            severity: s.metadata?.suggestedSeverity?.rawValue ?? "unspecified", deprecated: s.status == .deprecated)
    }

    func controlLink(_ key: ControlKey, from page: String) -> ControlLink {
        ControlLink(
            framework: key.framework, control: key.control, title: registry.framework(key.framework)?.control(key.control)?.title ?? "",
            url: SitePaths.root(of: page) + SitePaths.control(key), frameworkURL: SitePaths.root(of: page) + SitePaths.framework(key.framework))
    }

    func crosswalkRow(_ l: CrosswalkLink, from page: String) -> CrosswalkRow {
        let root = SitePaths.root(of: page)
        let bridges = l.bridges.flatMap(\.signals).compactMap(registry.signal)
        let more = bridges.count - CrosswalkRow.bridgesShown
        return CrosswalkRow(
            source: controlLink(l.source, from: page), target: controlLink(l.target, from: page), relationship: l.relationship.rawValue,
            derivation: l.derivation.description, strength: l.strength.map { String(format: "%.2f", $0) },
            via: l.via.map { controlLink($0, from: page) }, justification: l.justification,
            bridges: bridges.isEmpty
                ? nil
                : bridges.prefix(CrosswalkRow.bridgesShown).map { CrosswalkRow.Bridge(id: $0.id, name: $0.canonicalName, url: root + SitePaths.signal($0)) },
            moreBridges: more > 0 ? more : nil,
            moreBridgesURL: more > 0 && config.outputs.contains(.compute) ? root + SitePaths.crosswalkJSON(l.source.framework, l.target.framework) : nil)
    }

    func common(path: String) -> PageCommon {
        // The 404 page is served at whatever URL was missing, so no relative link works from it: its links
        // start with the path of base_url (`/`, or `/cse/` for a site published there), which reaches the
        // site on any host that serves it under that path (a preview host, localhost) and not only at
        // base_url itself.
        let notFound = path == "404.html"
        let root = notFound ? Self.basePath(config.baseURL) : SitePaths.root(of: path)
        return PageCommon(
            root: root, registryName: config.name, registryVersion: config.version,
            registryStatus: config.status, publishedDate: String(context.publishedAt.prefix(10)), publishedAt: context.publishedAt,
            specName: config.specName, specVersion: config.specVersion,
            // The specification page the build makes (which links to the specification's own URL when that
            // is elsewhere).
            specURL: root + SitePaths.spec(config), canonicalURL: context.absoluteURL(SitePaths.pretty(path)),
            searchURL: root + SitePaths.search, hasBundle: config.outputs.contains(.bundle))
    }

    /// The path of an absolute URL, ending in `/`: `https://example.org/cse/` → `/cse/`.
    static func basePath(_ url: String) -> String {
        let path = URLComponents(string: url)?.percentEncodedPath ?? ""
        return path.hasSuffix("/") ? path : path + "/"
    }
}

/// A page's own `<meta name="description">`: plain text, at most about 160 characters, cut at a word.
enum PageDescription {
    static func of(_ markdown: String, limit: Int = 160) -> String {
        // The first paragraph, without the markup a search result would show literally.
        let paragraph = markdown.components(separatedBy: "\n\n").first ?? markdown
        var text = paragraph.replacingOccurrences(of: "\n", with: " ")
        for mark in ["`", "**", "__", "*", "_", "[", "]"] { text = text.replacingOccurrences(of: mark, with: "") }
        text = text.trimmingCharacters(in: .whitespaces)
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}

/// Where a page is among the pages of one long list (a static filter's signals, a crosswalk's rows), with
/// links to its neighbours and to both ends; `partials/pagination` renders it.
struct Pagination: TemplateContext {
    /// What the list's items are called at the start of a sentence ("Signals", "Rows").
    var itemLabel: String
    var page: Int
    var pages: Int
    var first: Int
    var last: Int
    var total: Int
    var previousURL: String?
    var nextURL: String?
    var firstURL: String?
    var lastURL: String?

    /// Page `page` of `total` items split into pages of `size`, each page's URL given by `url`; nil when
    /// everything fits on one page.
    static func of(_ itemLabel: String, page: Int, total: Int, size: Int, url: (Int) -> String) -> Pagination? {
        let pages = count(total: total, size: size)
        guard pages > 1 else { return nil }
        let first = (page - 1) * size + 1
        return Pagination(
            itemLabel: itemLabel, page: page, pages: pages, first: first, last: min(total, page * size), total: total,
            previousURL: page > 1 ? url(page - 1) : nil, nextURL: page < pages ? url(page + 1) : nil,
            firstURL: page > 2 ? url(1) : nil, lastURL: page < pages - 1 ? url(pages) : nil)
    }

    /// How many pages `total` items take, `size` a page (one page when there are none).
    static func count(total: Int, size: Int) -> Int { max(1, (total + size - 1) / size) }

    func publish(into m: inout TemplateMembers) {
        m.set("item_label", itemLabel)
        m.set("page", page)
        m.set("pages", pages)
        m.set("first", first)
        m.set("last", last)
        m.set("total", total)
        m.set("previous_url", previousURL)
        m.set("next_url", nextURL)
        m.set("first_url", firstURL)
        m.set("last_url", lastURL)
    }
}
