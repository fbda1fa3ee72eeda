import CSEDiagnostics

/// `sitemap.xml` and `feed.xml` (Atom), with absolute URLs from the config's base URL.
///
/// The only time in either is the build's publication time, so two builds of one release are identical.
struct SiteFeeds {
    var site: Site

    func files(pages: [String]) -> [OutputFile] {
        [OutputFile(path: "sitemap.xml", bytes: Array(sitemap(pages).utf8)), OutputFile(path: "feed.xml", bytes: Array(feed().utf8))]
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
        let esc = Escaping.markup
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <title>\(esc(config.name)) \(esc(config.version)): new and deprecated signals</title>\n"
        out += "  <id>\(esc(context.absoluteURL("feed.xml")))</id>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(context.absoluteURL("feed.xml")))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(context.absoluteURL("")))\"/>\n"
        out += "  <updated>\(context.publishedAt)</updated>\n"
        out += "  <author><name>\(esc(config.name))</name></author>\n"
        for s in context.registry.signals {
            var events: [(String, String)] = []
            if s.introducedIn == config.version { events.append(("added", "Added")) }
            if s.deprecatedIn == config.version { events.append(("deprecated", "Deprecated")) }
            for (key, label) in events {
                let url = context.absoluteURL(SitePaths.pretty(SitePaths.signal(s)))
                out += "  <entry>\n"
                out += "    <title>\(label): \(esc(s.canonicalName)) (\(s.id))</title>\n"
                out += "    <id>\(esc(url))#\(key)-\(esc(config.version))</id>\n"
                out += "    <link href=\"\(esc(url))\"/>\n"
                out += "    <updated>\(context.publishedAt)</updated>\n"
                out += "    <category term=\"\(key)\"/>\n"
                out += "    <summary>\(esc(s.description))</summary>\n"
                out += "  </entry>\n"
            }
        }
        return out + "</feed>\n"
    }
}
