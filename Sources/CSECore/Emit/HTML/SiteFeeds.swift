import CSEDiagnostics

/// `sitemap.xml`, `feed.xml` (Atom: this release's new and deprecated signals) and `releases/feed.xml` (Atom:
/// every published release), with absolute URLs from the config's base URL.
///
/// The times are the build's publication time and the releases' own, so two builds of one release are identical.
struct SiteFeeds {
    var site: Site

    func files(pages: [String]) -> [OutputFile] {
        [
            OutputFile(path: "sitemap.xml", bytes: Array(sitemap(pages).utf8)), OutputFile(path: "feed.xml", bytes: Array(feed().utf8)),
            OutputFile(path: SitePaths.releasesFeed, bytes: Array(releases().utf8)),
        ]
    }

    func sitemap(_ pages: [String]) -> String {
        let context = site.context
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted(by: { $0.utf8Precedes($1) }) {
            out += "  <url><loc>\(Escaping.markup(context.absoluteURL(SitePaths.pretty(page))))</loc><lastmod>\(context.publishedAt)</lastmod></url>\n"
        }
        return out + "</urlset>\n"
    }

    /// Signals added (`introduced_in` = the registry version) or deprecated (`deprecated_in` = it) in this release.
    func feed() -> String {
        let context = site.context, config = context.config
        var out = header(
            title: "\(config.name) \(config.version): new and deprecated signals", path: "feed.xml", alternate: "", updated: context.publishedAt)
        for s in context.registry.signals {
            var events: [(String, String)] = []
            if s.introducedIn == config.version { events.append(("added", "Added")) }
            if s.deprecatedIn == config.version { events.append(("deprecated", "Deprecated")) }
            for (key, label) in events {
                let url = context.absoluteURL(SitePaths.pretty(SitePaths.signal(s)))
                out += Self.entry(
                    title: "\(label): \(s.canonicalName) (\(s.id))", id: "\(url)#\(key)-\(config.version)", link: url, updated: context.publishedAt,
                    category: key, summary: s.description)
            }
        }
        return out + "</feed>\n"
    }

    /// `releases/feed.xml`: one entry per release, newest first, dated by its publication.
    func releases() -> String {
        let context = site.context, config = context.config
        let entries = context.history?.releases.entries ?? []
        let pageURL = context.absoluteURL(SitePaths.pretty(SitePaths.releases))
        // Updated with the newest release; a registry never released has only its build's time.
        var out = header(
            title: "\(config.name) releases", path: SitePaths.releasesFeed, alternate: SitePaths.pretty(SitePaths.releases),
            updated: entries.first?.publishedAt ?? context.publishedAt)
        for e in entries {
            let url = pageURL + "#" + SitePaths.releaseAnchor(e.version)
            var summary = "\(e.level) release: \(e.added) signals added, \(e.changed) changed, \(e.deprecated) deprecated, \(e.removed) removed"
            summary += "; \(e.signals) signals and \(e.mappings) mappings in all."
            for d in e.declarations { summary += " Declared \(d.kind.rawValue) of \(d.signal): \(d.reason)" }
            out += Self.entry(
                title: "\(config.name) \(e.version)", id: url, link: url, updated: e.publishedAt, category: e.level, summary: summary)
        }
        return out + "</feed>\n"
    }

    /// One Atom entry, every value escaped.
    private static func entry(title: String, id: String, link: String, updated: String, category: String, summary: String) -> String {
        let esc = Escaping.markup
        var out = "  <entry>\n"
        out += "    <title>\(esc(title))</title>\n"
        out += "    <id>\(esc(id))</id>\n"
        out += "    <link href=\"\(esc(link))\"/>\n"
        out += "    <updated>\(esc(updated))</updated>\n"
        out += "    <category term=\"\(esc(category))\"/>\n"
        out += "    <summary>\(esc(summary))</summary>\n"
        return out + "  </entry>\n"
    }

    /// An Atom feed's opening and its metadata: `path` is the feed's own, `alternate` the page it follows.
    private func header(title: String, path: String, alternate: String, updated: String) -> String {
        let context = site.context
        let esc = Escaping.markup
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <title>\(esc(title))</title>\n"
        out += "  <id>\(esc(context.absoluteURL(path)))</id>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(context.absoluteURL(path)))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(context.absoluteURL(alternate)))\"/>\n"
        out += "  <updated>\(esc(updated))</updated>\n"
        out += "  <author><name>\(esc(context.config.name))</name></author>\n"
        return out
    }
}
