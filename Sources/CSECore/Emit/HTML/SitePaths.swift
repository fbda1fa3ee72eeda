/// Where each page of the site lives, and relative links between pages (docs/site.md "Pages").
///
/// Every link is relative and names `index.html` explicitly, so the site works from `file://` as well as
/// from any server and any base path.
enum SitePaths {
    static func signal(_ s: Signal) -> String { "signals/\(s.domain)/\(s.category)/\(s.id)/index.html" }
    static func domain(_ d: String) -> String { "domains/\(d)/index.html" }
    static func category(_ d: String, _ c: String) -> String { "domains/\(d)/\(c)/index.html" }
    static let frameworks = "frameworks/index.html"
    static func framework(_ code: String) -> String { "frameworks/\(code)/index.html" }
    static func control(_ key: ControlKey) -> String { "controls/\(key.framework)/\(segment(key.control))/index.html" }
    static let crosswalks = "crosswalks/index.html"
    /// One page per unordered pair, named with the codes in byte order.
    /// Page `page` (1-based) of a crosswalk pair's rows: the first at the pair's folder, the others under
    /// `page/<n>/`.
    static func crosswalk(_ a: String, _ b: String, page: Int = 1) -> String {
        let (x, y) = a.utf8Precedes(b) ? (a, b) : (b, a)
        return "crosswalks/\(x)--\(y)/" + (page > 1 ? "page/\(page)/index.html" : "index.html")
    }
    /// The pair's crosswalk document (output `compute`), which lists every link with all its bridging signals.
    static func crosswalkJSON(_ a: String, _ b: String) -> String {
        let (x, y) = a.utf8Precedes(b) ? (a, b) : (b, a)
        return "crosswalks/\(x)--\(y).json"
    }
    static let search = "search/index.html"
    /// Every signal, with filters.
    static let signals = "signals/index.html"
    /// Page `page` (1-based) of the Signals page, paginated in a registry too large for one
    /// (``Site/allSignalsPageLimit``): the first is the Signals page itself, the others under `page/<n>/`.
    /// Facet folders are named `severity`, `status`, `framework`, and domain folders are upper-case, so
    /// `page` collides with neither.
    static func signals(page: Int) -> String { page > 1 ? "signals/page/\(page)/index.html" : signals }
    /// The signals of one severity, status or framework: the filters that work without JavaScript
    /// (`signals/severity/high/`). Domain folders under `signals/` are upper-case, so these never collide.
    /// Page `page` (1-based) of a static filter's signals: the first at the filter's own folder, the others
    /// under `page/<n>/`.
    static func signals(_ filter: SignalFilter, page: Int = 1) -> String {
        "signals/\(filter.facet)/\(segment(filter.value))/" + (page > 1 ? "page/\(page)/index.html" : "index.html")
    }
    static let gapAnalysis = "gap-analysis/index.html"
    static let releases = "releases/index.html"
    static let releasesFeed = "releases/feed.xml"
    /// A release's anchor on the Releases page: its git tag, `v1.2.0`.
    static func releaseAnchor(_ version: String) -> String { "v" + version }
    static let home = "index.html"

    /// A path component (or anchor) for an ID: the static tree's encoding (``APIPath/encode(_:)``), so that
    /// a control's page and its API resource have the same name.
    static func segment(_ id: String) -> String { APIPath.encode(id) }

    /// The prefix that leads from a page back to the site root (`../../` for `a/b/index.html`).
    static func root(of page: String) -> String {
        String(repeating: "../", count: page.utf8.reduce(0) { $0 + ($1 == 0x2F ? 1 : 0) })
    }

    /// A directory-style absolute URL (`…/signals/D/C/ID/`) for sitemaps and feeds.
    static func pretty(_ page: String) -> String {
        page == "index.html" ? "" : page.hasSuffix("/index.html") ? String(page.dropLast("index.html".count)) : page
    }
}
