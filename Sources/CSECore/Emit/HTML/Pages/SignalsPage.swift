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
///
/// A registry of more than ``Site/allSignalsPageLimit`` signals gets the Signals page in pages of
/// ``Site/filterPageSize`` rows instead (`signals/page/<n>/`), without the form: filtering in the browser
/// needs every row on one page, which at 10,000 signals was 6 MB of HTML (and 60 MB at 100,000, near the
/// renderer's limit on a page). The static filters and search remain.
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
    /// Set on a static filter page whose signals take more than one page.
    var pagination: Pagination?
    var rows: [Row]
    /// Every signal the page's filter matches (the rows are one page of them).
    var total: Int
    var domains: [Option]
    var categories: [Option]
    var severities: [Option]
    var statuses: [Option]
    var frameworks: [Option]

    func publish(into m: inout TemplateMembers) {
        if let filter {
            let pageNote = pagination.map { " (page \($0.page) of \($0.pages))" } ?? ""
            m.set("page_title", "Signals: \(filter.label)" + pageNote)
            m.set(
                "page_description",
                "The \(total) signals of the registry whose \(filter.facet) is \(filter.label), with their severity, status and frameworks\(pageNote).")
            m.set("filter", filter)
            m.set("pagination", pagination)
        } else if let pagination {
            m.set("page_title", "Signals (page \(pagination.page) of \(pagination.pages))")
            m.set("page_description", "Every signal of the registry, \(Site.filterPageSize) to a page (page \(pagination.page) of \(pagination.pages)).")
            m.set("pagination", pagination)
        } else {
            m.set("page_title", "Signals")
            m.set("page_description", "Every signal of the registry, filtered by domain, category, severity, status and framework.")
        }
        m.flag("nav_signals", true)
        m.set("rows", rows)
        m.set("signal_count", total)
        m.set("domains", domains)
        m.set("categories", categories)
        m.set("severities", severities)
        m.set("statuses", statuses)
        m.set("frameworks", frameworks)
    }
}

extension Site {
    /// The static filters (every severity, status and framework that at least one signal has) and the
    /// signals of each, in registry order.
    static func filters(of registry: Registry, reached: [String: [String]]) -> ([SignalFilter], [SignalFilter: [Int]]) {
        var members: [SignalFilter: [Int]] = [:]
        for (i, s) in registry.signals.enumerated() {
            members[.severity(s.metadata?.suggestedSeverity?.rawValue ?? "unspecified"), default: []].append(i)
            members[.status(s.status.rawValue), default: []].append(i)
            for code in reached[s.id] ?? [] { members[.framework(code), default: []].append(i) }
        }
        let order =
            severityOrder.map(SignalFilter.severity) + SignalStatus.allCases.map { SignalFilter.status($0.rawValue) }
            + registry.frameworks.map { SignalFilter.framework($0.code) }
        return (order.filter { members[$0] != nil }, members)
    }

    /// Rows per static filter page. A filter's signals grow with the registry (at 10,000 signals, those
    /// that are active made a 6 MB page); pages of 250 rows stay near 150 KB.
    static let filterPageSize = 250

    func filterPageCount(_ f: SignalFilter) -> Int { Pagination.count(total: filterMembers[f]?.count ?? 0, size: Self.filterPageSize) }

    /// The most signals the Signals page lists on one page, with the script's filters; a larger registry's
    /// is paginated like the static filters. About 1.3 MB of HTML at this size.
    static let allSignalsPageLimit = 2_000

    /// The Signals page's pages: one, or the registry's signals in pages of ``filterPageSize``.
    var allSignalsPageCount: Int {
        registry.signals.count <= Self.allSignalsPageLimit ? 1 : Pagination.count(total: registry.signals.count, size: Self.filterPageSize)
    }

    static var severityOrder: [String] { Severity.allCases.map(\.rawValue) + ["unspecified"] }

    /// Page `number` of the Signals page, or of a static filter's.
    func signalsPage(_ filter: SignalFilter? = nil, page number: Int = 1) -> SignalsPage {
        let page = filter.map { SitePaths.signals($0, page: number) } ?? SitePaths.signals(page: number)
        let root = SitePaths.root(of: page)
        func option(_ f: SignalFilter, label: String) -> SignalsPage.Option {
            SignalsPage.Option(value: f.value, label: label, url: filterMembers[f] != nil ? root + SitePaths.signals(f) : nil)
        }
        var positions = Array(registry.signals.indices)
        var pagination: Pagination?
        if let filter {
            let all = filterMembers[filter] ?? []
            let start = (number - 1) * Self.filterPageSize
            positions = Array(all[min(start, all.count)..<min(start + Self.filterPageSize, all.count)])
            pagination = Pagination.of("Signals", page: number, total: all.count, size: Self.filterPageSize) { root + SitePaths.signals(filter, page: $0) }
        } else if allSignalsPageCount > 1 {
            let start = (number - 1) * Self.filterPageSize
            positions = Array(positions[min(start, positions.count)..<min(start + Self.filterPageSize, positions.count)])
            pagination = Pagination.of("Signals", page: number, total: registry.signals.count, size: Self.filterPageSize) { root + SitePaths.signals(page: $0) }
        }
        let rows = positions.map { i -> SignalsPage.Row in
            let s = registry.signals[i]
            return SignalsPage.Row(
                signal: signalRow(s, from: page), domain: s.domain, category: "\(s.domain)/\(s.category)",
                frameworks: (frameworksReached[s.id] ?? []).joined(separator: " "))
        }
        let total = filter.map { filterMembers[$0]?.count ?? 0 } ?? registry.signals.count
        return SignalsPage(
            filter: filter.map { f in
                let label =
                    if case .framework(let code) = f, let fw = registry.framework(code) { "\(code): \(fw.name)" } else { f.value }
                return SignalsPage.Filter(facet: f.facet, value: f.value, label: label, allURL: root + SitePaths.signals)
            },
            pagination: pagination,
            rows: rows,
            total: total,
            domains: stats.domains.map { SignalsPage.Option(value: $0.name, label: $0.name, url: root + SitePaths.domain($0.name)) },
            categories: stats.domains.flatMap { d in
                d.categories.map { c in
                    SignalsPage.Option(value: "\(d.name)/\(c.name)", label: "\(d.name) / \(c.name)", url: root + SitePaths.category(d.name, c.name))
                }
            },
            severities: Self.severityOrder.map { option(.severity($0), label: $0) },
            statuses: SignalStatus.allCases.map { option(.status($0.rawValue), label: $0.rawValue) },
            frameworks: registry.frameworks.map { option(.framework($0.code), label: "\($0.code): \($0.name)") })
    }
}
