/// One facet of the Signals page that has a static page of its own: the signals of one severity, status or
/// framework (`signals/severity/high/index.html`). Domain and category have theirs already (`domains/`).
enum SignalFilter: Hashable, Sendable {
    case severity(String)
    case status(String)
    case framework(String)

    /// The facet's name: the path segment, the query parameter `assets/site.js` reads, and the row's
    /// `data-` attribute.
    var facet: String {
        switch self {
        case .severity: "severity"
        case .status: "status"
        case .framework: "framework"
        }
    }

    var value: String {
        switch self {
        case .severity(let v), .status(let v), .framework(let v): v
        }
    }
}

/// `signals/index.html` (template `signals`): every signal in one table, with filters for domain, category,
/// severity, status and framework. The filters are a form that `assets/site.js` applies as they change
/// (and from the page's query string, so a filtered view has a URL). Without the script the form stays
/// hidden and the page links to the static filters: the domain and category pages, and one page per
/// severity, status and framework (``SignalFilter``), rendered from the same template with `filter` set
/// and only the matching rows.
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
        /// Its static filter page, when it has one.
        var url: String?

        func publish(into m: inout TemplateMembers) {
            m.set("value", value)
            m.set("label", label)
            m.set("url", url)
        }
    }

    /// What a static filter page shows, and the way back to every signal.
    struct Filter: TemplateContext {
        var facet: String
        var value: String
        var label: String
        var allURL: String

        func publish(into m: inout TemplateMembers) {
            m.set("facet", facet)
            m.set("value", value)
            m.set("label", label)
            m.set("all_url", allURL)
        }
    }

    var filter: Filter?
    var rows: [Row]
    var domains: [Option]
    var categories: [Option]
    var severities: [Option]
    var statuses: [Option]
    var frameworks: [Option]

    func publish(into m: inout TemplateMembers) {
        if let filter {
            m.set("page_title", "Signals: \(filter.label)")
            m.set(
                "page_description",
                "The \(rows.count) signals of the registry whose \(filter.facet) is \(filter.label), with their severity, status and frameworks.")
            m.set("filter", filter)
        } else {
            m.set("page_title", "Signals")
            m.set("page_description", "Every signal of the registry, filtered by domain, category, severity, status and framework.")
        }
        m.flag("nav_signals", true)
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
    /// The static filter pages: every severity, status and framework that at least one signal has.
    func signalFilters() -> [SignalFilter] {
        let severities = Set(registry.signals.map { $0.metadata?.suggestedSeverity?.rawValue ?? "unspecified" })
        let statuses = Set(registry.signals.map(\.status.rawValue))
        let reached = Set(frameworksReached.values.joined())
        return severityOrder.filter(severities.contains).map(SignalFilter.severity)
            + SignalStatus.allCases.map(\.rawValue).filter(statuses.contains).map(SignalFilter.status)
            + registry.frameworks.map(\.code).filter(reached.contains).map(SignalFilter.framework)
    }

    private var severityOrder: [String] { Severity.allCases.map(\.rawValue) + ["unspecified"] }

    func signalsPage(_ filter: SignalFilter? = nil) -> SignalsPage {
        let page = filter.map(SitePaths.signals) ?? SitePaths.signals
        let root = SitePaths.root(of: page)
        let filters = Set(signalFilters())
        func option(_ f: SignalFilter, label: String) -> SignalsPage.Option {
            SignalsPage.Option(value: f.value, label: label, url: filters.contains(f) ? root + SitePaths.signals(f) : nil)
        }
        let rows = registry.signals.compactMap { s -> SignalsPage.Row? in
            let reached = frameworksReached[s.id] ?? []
            switch filter {
            case .severity(let v) where (s.metadata?.suggestedSeverity?.rawValue ?? "unspecified") != v: return nil
            case .status(let v) where s.status.rawValue != v: return nil
            case .framework(let v) where !reached.contains(v): return nil
            default: break
            }
            return SignalsPage.Row(
                signal: signalRow(s, from: page), domain: s.domain, category: "\(s.domain)/\(s.category)",
                frameworks: reached.joined(separator: " "))
        }
        return SignalsPage(
            filter: filter.map { f in
                let label =
                    if case .framework(let code) = f, let fw = registry.framework(code) { "\(code): \(fw.name)" } else { f.value }
                return SignalsPage.Filter(facet: f.facet, value: f.value, label: label, allURL: root + SitePaths.signals)
            },
            rows: rows,
            domains: stats.domains.map { SignalsPage.Option(value: $0.name, label: $0.name, url: root + SitePaths.domain($0.name)) },
            categories: stats.domains.flatMap { d in
                d.categories.map { c in
                    SignalsPage.Option(value: "\(d.name)/\(c.name)", label: "\(d.name) / \(c.name)", url: root + SitePaths.category(d.name, c.name))
                }
            },
            severities: severityOrder.map { option(.severity($0), label: $0) },
            statuses: SignalStatus.allCases.map { option(.status($0.rawValue), label: $0.rawValue) },
            frameworks: registry.frameworks.map { option(.framework($0.code), label: "\($0.code): \($0.name)") })
    }
}
