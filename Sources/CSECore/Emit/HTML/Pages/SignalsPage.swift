/// `signals/index.html` (template `signals`): every signal in one table, with filters for domain, category,
/// severity, status and framework. The filters are a form that `assets/site.js` applies as they change
/// (and from the page's query string, so a filtered view has a URL); without the script the page lists
/// every signal and links to the domain, category and framework pages, which are the static filters.
struct SignalsPage: TemplateContext {
    struct Row: TemplateContext {
        var signal: SignalRow
        var domain: String
        var category: String
        /// The frameworks its active mappings reach, space-separated.
        var frameworks: String

        func publish(into m: inout TemplateMembers) {
            m.include(signal)
            m.set("domain", domain)
            m.set("category", category)
            m.set("frameworks", frameworks)
        }
    }

    struct Option: TemplateContext {
        var value: String
        var label: String
        var url: String?

        func publish(into m: inout TemplateMembers) {
            m.set("value", value)
            m.set("label", label)
            m.set("url", url)
        }
    }

    var rows: [Row]
    var domains: [Option]
    var categories: [Option]
    var severities: [Option]
    var statuses: [Option]
    var frameworks: [Option]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "Signals")
        m.flag("nav_signals", true)
        m.set("page_description", "Every signal of the registry, filtered by domain, category, severity, status and framework.")
        m.set("rows", rows)
        m.set("signal_count", rows.count)
        m.set("domains", domains)
        m.set("categories", categories)
        m.set("severities", severities)
        m.set("statuses", statuses)
        m.set("frameworks", frameworks)
    }
}

extension Site {
    func signalsPage() -> SignalsPage {
        let page = SitePaths.signals
        let root = SitePaths.root(of: page)
        let reached = registry.frameworksReached()
        let rows = registry.signals.map { s in
            SignalsPage.Row(
                signal: signalRow(s, from: page), domain: s.domain, category: "\(s.domain)/\(s.category)",
                frameworks: (reached[s.id] ?? []).joined(separator: " "))
        }
        return SignalsPage(
            rows: rows,
            domains: stats.domains.map { SignalsPage.Option(value: $0.name, label: $0.name, url: root + SitePaths.domain($0.name)) },
            categories: stats.domains.flatMap { d in
                d.categories.map { c in
                    SignalsPage.Option(value: "\(d.name)/\(c.name)", label: "\(d.name) / \(c.name)", url: root + SitePaths.category(d.name, c.name))
                }
            },
            severities: (Severity.allCases.map(\.rawValue) + ["unspecified"]).map { SignalsPage.Option(value: $0, label: $0, url: nil) },
            statuses: SignalStatus.allCases.map { SignalsPage.Option(value: $0.rawValue, label: $0.rawValue, url: nil) },
            frameworks: registry.frameworks.map {
                SignalsPage.Option(value: $0.code, label: "\($0.code): \($0.name)", url: root + SitePaths.framework($0.code))
            })
    }
}
