import CSEDiagnostics
import CSEMarkdown
import CSETemplate
import Foundation

/// Everything the pages are built from: the registry, the compute stage's results, and the templates.
///
/// Built once, single-threaded; read concurrently by ``render(_:)``.
struct Site: Sendable {
    let context: BuildContext
    let templates: SiteTemplates
    let schemas: SchemaCatalog
    let index: MappingIndex
    let crosswalks: CrosswalkSet
    let coverage: Coverage
    let stats: RegistryStatistics
    /// Every mapping written on a signal (all statuses), by signal.
    let mappingsBySignal: [String: [Mapping]]
    /// Every crosswalk row, oriented from its source control, by that control.
    let linksByControl: [ControlKey: [CrosswalkLink]]
    /// Signals naming each signal as their `replaced_by`.
    let replacements: [String: [String]]
    /// The frameworks each signal's active mappings reach (``Registry/frameworksReached()``).
    let frameworksReached: [String: [String]]
    /// Each static filter page's signals (positions in the registry), for the filters that have signals.
    let filterMembers: [SignalFilter: [Int]]
    /// The filters with a page, in the order the Signals page lists them.
    let signalFilters: [SignalFilter]

    var registry: Registry { context.registry }
    var config: RegistryConfig { context.config }

    init(context: BuildContext, templates: SiteTemplates, results: ComputeResults, schemas: SchemaCatalog) {
        self.context = context
        self.templates = templates
        self.schemas = schemas
        let registry = context.registry
        index = results.index
        crosswalks = results.crosswalks
        coverage = results.coverage
        stats = results.stats
        mappingsBySignal = Dictionary(grouping: registry.mappings, by: \.source)
        var byControl: [ControlKey: [CrosswalkLink]] = [:]
        let codes = registry.frameworks.map(\.code)
        for a in codes {
            for b in codes where b != a {
                for link in crosswalks.links(from: a, to: b) { byControl[link.source, default: []].append(link) }
            }
        }
        linksByControl = byControl
        var replaced: [String: [String]] = [:]
        for s in registry.signals { if let r = s.replacedBy { replaced[r, default: []].append(s.id) } }
        replacements = replaced
        frameworksReached = registry.frameworksReached()
        (signalFilters, filterMembers) = Self.filters(of: registry, reached: frameworksReached)
    }

    // MARK: - Rendering

    /// A page's bytes; `location` is the page's ``location(_:)``, which the emitter has already made.
    /// - Throws: the `template.output-too-large` diagnostic for a page past the renderer's limit.
    func render(_ page: HTMLEmitter.Page, at location: (path: String, template: String)) throws(OutputFile.RenderFailure) -> [UInt8] {
        let (path, template) = location
        var members = TemplateMembers()
        common(path: path).publish(into: &members)
        // The page's own members win over the common ones.
        pageContext(page).publish(into: &members)
        let rendered: String?
        do { rendered = try templates.render(members.values, template: template) } catch {
            throw OutputFile.RenderFailure(
                Diagnostic(
                    .templateOutputTooLarge, range: .file("\(templates.directory)/\(template).mustache"),
                    summary: "page '\(path)' would be larger than \(TemplateLibrary.maximumOutput >> 20) MiB when rendered from template '\(template)'",
                    hint: "a partial included more than once at each level multiplies the page; include each partial once"))
        }
        // ``HTMLEmitter`` checks that every page's template exists before it plans any page.
        return Array((rendered ?? "").utf8)
    }

    /// A page's path and template.
    func location(_ page: HTMLEmitter.Page) -> (path: String, template: String) {
        switch page {
        case .home: (SitePaths.home, "home")
        case .signals(let n): (SitePaths.signals(page: n), "signals")
        case .filteredSignals(let f, let n): (SitePaths.signals(f, page: n), "signals")
        case .frameworks: (SitePaths.frameworks, "frameworks")
        case .crosswalks: (SitePaths.crosswalks, "crosswalks")
        case .search: (SitePaths.search, "search")
        case .gapAnalysis: (SitePaths.gapAnalysis, "gap-analysis")
        case .releases: (SitePaths.releases, "releases")
        case .spec: (SitePaths.spec(config), "spec")
        case .notFound: ("404.html", "not-found")
        case .domain(let d): (SitePaths.domain(d), "domain")
        case .category(let d, let c): (SitePaths.category(d, c), "category")
        case .signal(let i): (SitePaths.signal(registry.signals[i]), "signal")
        case .framework(let i): (SitePaths.framework(registry.frameworks[i].code), "framework")
        case .control(let key): (SitePaths.control(key), "control")
        case .crosswalk(let a, let b, let n): (SitePaths.crosswalk(a, b, page: n), "crosswalk")
        }
    }

    /// A page's own context.
    func pageContext(_ page: HTMLEmitter.Page) -> any TemplateContext {
        switch page {
        case .home: home()
        case .signals(let n): signalsPage(page: n)
        case .filteredSignals(let f, let n): signalsPage(f, page: n)
        case .frameworks: frameworksPage()
        case .crosswalks: crosswalksPage()
        case .search: searchPage()
        case .gapAnalysis: gapAnalysisPage()
        case .releases: releasesPage()
        case .spec: specPage()
        case .notFound: NotFoundPage()
        case .domain(let d): domainPage(d)
        case .category(let d, let c): categoryPage(d, c)
        case .signal(let i): signalPage(registry.signals[i])
        case .framework(let i): frameworkPage(i)
        case .control(let key): controlPage(key)
        case .crosswalk(let a, let b, let n): crosswalkPage(a, b, page: n)
        }
    }

    // MARK: - Markdown

    func markdown(_ text: String, from page: String, file: String? = nil, topHeadingLevel: Int? = nil, reserved: Set<String> = []) -> String {
        let root = SitePaths.root(of: page)
        let registry = self.registry
        let renderer = MarkdownRenderer(
            allowRawHTML: config.allowRawHTML, topHeadingLevel: topHeadingLevel, reservedAnchors: reserved,
            resolveLink: { destination in
                switch ReadmeLinkTarget(destination, in: file ?? "") {
                case .external: return .keep
                case .fragment, .signalID: return .unlink
                case .signalFolder(let id):
                    return registry.signal(id).map { .replace(root + SitePaths.signal($0)) } ?? .unlink
                case .framework(let code):
                    return registry.framework(code) != nil ? .replace(root + SitePaths.framework(code)) : .unlink
                case .file, .outsideRoot: return .unlink
                }
            },
            signalURL: { id in registry.signal(id).map { root + SitePaths.signal($0) } })
        return renderer.html(text)
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }

    static func number(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension SignalFolder {
    /// The README's root-relative path, from which its relative links are resolved.
    var readmePath: String { "signals/\(domain)/\(category)/\(id)/README.md" }
}
