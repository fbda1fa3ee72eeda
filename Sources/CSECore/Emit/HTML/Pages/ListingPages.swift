/// `index.html` (template `home`): totals, domains, frameworks with coverage, this release's new and
/// deprecated signals.
struct HomePage: TemplateContext {
    /// A file of the build people download whole.
    struct Download: TemplateContext {
        var label: String
        var url: String
        var format: String

        func publish(into m: inout TemplateMembers) {
            m.set("label", label)
            m.set("url", url)
            m.set("format", format)
        }
    }

    struct Domain: TemplateContext {
        var name: String
        var url: String
        var signalCount: Int
        var categoryCount: Int

        func publish(into m: inout TemplateMembers) {
            m.set("name", name)
            m.set("url", url)
            m.set("signal_count", signalCount)
            m.set("category_count", categoryCount)
        }
    }

    struct Framework: TemplateContext {
        var code: String
        var name: String
        var version: String
        var url: String
        /// Mapped controls as a whole percentage (`42%`).
        var coverage: String
        var mapped: Int
        var controls: Int

        func publish(into m: inout TemplateMembers) {
            m.set("code", code)
            m.set("name", name)
            m.set("version", version)
            m.set("url", url)
            m.set("coverage", coverage)
            m.set("mapped", mapped)
            m.set("controls", controls)
        }
    }

    var pageTitle: String
    var signalCount: Int
    var activeCount: Int
    var deprecatedCount: Int
    var domainCount: Int
    var frameworkCount: Int
    var controlCount: Int
    var mappingCount: Int
    var equivalenceCount: Int
    var crosswalkCount: Int
    var domains: [Domain]
    var frameworks: [Framework]
    var addedCount: Int
    var deprecatedInReleaseCount: Int
    /// The first signals introduced in this version.
    var added: [SignalRow]
    /// How many more were introduced than `added` lists; nil when none.
    var addedMore: Int?
    var deprecatedInRelease: [SignalRow]
    var downloads: [Download] = []

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", pageTitle)
        m.flag("is_home", true)
        m.flag("nav_home", true)
        m.set("signal_count", signalCount)
        m.set("active_count", activeCount)
        m.set("deprecated_count", deprecatedCount)
        m.set("domain_count", domainCount)
        m.set("framework_count", frameworkCount)
        m.set("control_count", controlCount)
        m.set("mapping_count", mappingCount)
        m.set("equivalence_count", equivalenceCount)
        m.set("crosswalk_count", crosswalkCount)
        m.set("domains", domains)
        m.set("frameworks", frameworks)
        m.set("added_count", addedCount)
        m.set("deprecated_in_release_count", deprecatedInReleaseCount)
        m.set("added", added)
        m.set("added_more", addedMore)
        m.set("deprecated_in_release", deprecatedInRelease)
        m.set("downloads", downloads)
    }
}

/// `domains/<D>/index.html` (template `domain`).
struct DomainPage: TemplateContext {
    struct SeverityCount: TemplateContext {
        var severity: String
        var count: Int

        func publish(into m: inout TemplateMembers) {
            m.set("severity", severity)
            m.set("count", count)
        }
    }

    struct Category: TemplateContext {
        var name: String
        var url: String
        var signalCount: Int
        var signals: [SignalRow]

        func publish(into m: inout TemplateMembers) {
            m.set("name", name)
            m.set("url", url)
            m.set("signal_count", signalCount)
            m.set("signals", signals)
        }
    }

    var pageTitle: String
    var domain: String
    var signalCount: Int
    var activeCount: Int
    var deprecatedCount: Int
    /// Signals per suggested severity, in severity order, then `unspecified`; severities without signals left out.
    var severities: [SeverityCount]
    var categories: [Category]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", pageTitle)
        m.set("domain", domain)
        m.set("signal_count", signalCount)
        m.set("active_count", activeCount)
        m.set("deprecated_count", deprecatedCount)
        m.flag("nav_domains", true)
        m.set("severities", severities)
        m.set("categories", categories)
    }
}

/// `domains/<D>/<C>/index.html` (template `category`).
struct CategoryPage: TemplateContext {
    var pageTitle: String
    var domain: String
    var category: String
    var domainURL: String
    var signals: [SignalRow]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", pageTitle)
        m.set("domain", domain)
        m.set("category", category)
        m.flag("nav_domains", true)
        m.set("domain_url", domainURL)
        m.set("signal_count", signals.count)
        m.set("signals", signals)
    }
}

/// `search/index.html` (template `search`): without JavaScript, a list of domains, categories and frameworks.
struct SearchPage: TemplateContext {
    struct Category: TemplateContext {
        var name: String
        var url: String
        var signalCount: Int

        func publish(into m: inout TemplateMembers) {
            m.set("name", name)
            m.set("url", url)
            m.set("signal_count", signalCount)
        }
    }

    struct Domain: TemplateContext {
        var name: String
        var url: String
        var signalCount: Int
        var categories: [Category]

        func publish(into m: inout TemplateMembers) {
            m.set("name", name)
            m.set("url", url)
            m.set("signal_count", signalCount)
            m.set("categories", categories)
        }
    }

    struct Framework: TemplateContext {
        var code: String
        var name: String
        var url: String

        func publish(into m: inout TemplateMembers) {
            m.set("code", code)
            m.set("name", name)
            m.set("url", url)
        }
    }

    var domains: [Domain]
    var frameworks: [Framework]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "Search")
        m.flag("nav_search", true)
        m.flag("is_search", true)
        m.set("domains", domains)
        m.set("frameworks", frameworks)
    }
}

/// `gap-analysis/index.html` (template `gap-analysis`): how to run `cse gap-analysis`.
struct GapAnalysisPage: TemplateContext {
    struct Framework: TemplateContext {
        var code: String
        var name: String

        func publish(into m: inout TemplateMembers) {
            m.set("code", code)
            m.set("name", name)
        }
    }

    var frameworks: [Framework]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "Gap analysis")
        m.flag("nav_gap", true)
        m.set("frameworks", frameworks)
    }
}

/// `404.html` (template `not-found`).
struct NotFoundPage: TemplateContext {
    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "Page not found")
    }
}

extension Site {
    func home() -> HomePage {
        let page = SitePaths.home
        let t = stats.totals
        let added = registry.signals.filter { $0.introducedIn == config.version }
        let deprecated = registry.signals.filter { $0.deprecatedIn == config.version }
        return HomePage(
            pageTitle: config.name, signalCount: t.signalCount, activeCount: t.active, deprecatedCount: t.deprecated,
            domainCount: stats.domains.count, frameworkCount: stats.frameworkCount, controlCount: stats.controlCount,
            mappingCount: stats.controlMappings, equivalenceCount: stats.equivalenceMappings,
            crosswalkCount: stats.declaredCrosswalkRows + stats.derivedCrosswalkLinks + stats.transitiveCrosswalkLinks,
            domains: stats.domains.map {
                HomePage.Domain(name: $0.name, url: SitePaths.domain($0.name), signalCount: $0.signalCount, categoryCount: $0.categories.count)
            },
            frameworks: coverage.frameworks.map { f in
                HomePage.Framework(
                    code: f.framework.code, name: f.framework.name, version: f.framework.version, url: SitePaths.framework(f.framework.code),
                    coverage: Self.percent(f.tally.share), mapped: f.tally.mapped, controls: f.tally.controls)
            },
            addedCount: added.count, deprecatedInReleaseCount: deprecated.count, added: added.prefix(12).map { signalRow($0, from: page) },
            addedMore: added.count > 12 ? added.count - 12 : nil, deprecatedInRelease: deprecated.map { signalRow($0, from: page) },
            downloads: downloads())
    }

    /// The whole-registry files of the outputs this build writes, for the home page's Downloads section.
    func downloads() -> [HomePage.Download] {
        let outputs = config.outputs
        var out: [HomePage.Download] = []
        if outputs.contains(.bundle) {
            out.append(HomePage.Download(label: "Every signal, one row each", url: CSVDownloads.registryPath, format: "CSV"))
            out.append(HomePage.Download(label: "The registry bundle", url: "cse-registry.json", format: "JSON"))
        }
        if outputs.contains(.compute) {
            out.append(HomePage.Download(label: "Coverage of every control of every framework", url: CSVDownloads.coveragePath, format: "CSV"))
        }
        if outputs.contains(.mappings) {
            for fw in registry.frameworks {
                out.append(HomePage.Download(label: "\(fw.name): mappings", url: CSVDownloads.mappingsPath(fw.code), format: "CSV"))
            }
        }
        return out
    }

    func domainPage(_ d: String) -> DomainPage {
        let page = SitePaths.domain(d)
        let group = stats.domains.first { $0.name == d }!
        let byCategory = Dictionary(grouping: registry.signals.filter { $0.domain == d }, by: \.category)
        return DomainPage(
            pageTitle: "Domain \(d)", domain: d, signalCount: group.signalCount, activeCount: group.active, deprecatedCount: group.deprecated,
            severities: (Severity.allCases.map(\.rawValue) + ["unspecified"]).compactMap { s in
                group.severities[s].map { DomainPage.SeverityCount(severity: s, count: $0) }
            },
            categories: group.categories.map { c in
                DomainPage.Category(
                    name: c.name, url: SitePaths.root(of: page) + SitePaths.category(d, c.name), signalCount: c.signalCount,
                    signals: (byCategory[c.name] ?? []).map { signalRow($0, from: page) })
            })
    }

    func categoryPage(_ d: String, _ c: String) -> CategoryPage {
        let page = SitePaths.category(d, c)
        return CategoryPage(
            pageTitle: "\(d) · \(c)", domain: d, category: c, domainURL: SitePaths.root(of: page) + SitePaths.domain(d),
            signals: registry.signals.filter { $0.domain == d && $0.category == c }.map { signalRow($0, from: page) })
    }

    func searchPage() -> SearchPage {
        SearchPage(
            domains: stats.domains.map { d in
                SearchPage.Domain(
                    name: d.name, url: SitePaths.domain(d.name), signalCount: d.signalCount,
                    categories: d.categories.map { SearchPage.Category(name: $0.name, url: SitePaths.category(d.name, $0.name), signalCount: $0.signalCount) })
            },
            frameworks: registry.frameworks.map { SearchPage.Framework(code: $0.code, name: $0.name, url: SitePaths.framework($0.code)) })
    }

    func gapAnalysisPage() -> GapAnalysisPage {
        GapAnalysisPage(frameworks: registry.frameworks.map { GapAnalysisPage.Framework(code: $0.code, name: $0.name) })
    }
}
