import CSEDiagnostics
import CSEMarkdown
import Foundation

/// Everything the pages are built from: the registry, the compute stage's results, and the templates.
///
/// Built once, single-threaded; read concurrently by ``render(_:)``.
struct Site: Sendable {
    let context: BuildContext
    let templates: SiteTemplates
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

    var registry: Registry { context.registry }
    var config: RegistryConfig { context.config }

    init(context: BuildContext, templates: SiteTemplates, results: ComputeResults) {
        self.context = context
        self.templates = templates
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
    }

    // MARK: - Rendering

    func render(_ page: HTMLEmitter.Page) -> (OutputFile?, Diagnostic?) {
        let (path, template, ctx) = build(page)
        var full = ctx
        full.merge(common(path: path)) { mine, _ in mine }
        guard let html = templates.render(TemplateObject(full), template: template) else {
            return (
                nil,
                Diagnostic(
                    .templateMissing, range: .file(templates.directory),
                    summary: "the site has no '\(templates.directory)/\(template).mustache' template", hint: "add the template"))
        }
        return (OutputFile(path: path, bytes: Array(html.utf8)), nil)
    }

    /// Keys every template can use.
    func common(path: String) -> [String: Any] {
        let root = SitePaths.root(of: path)
        var c: [String: Any] = [
            "root": root,
            "registry_name": config.name,
            "registry_version": config.version,
            "registry_status": config.status,
            "published_date": String(context.publishedAt.prefix(10)),
            "published_at": context.publishedAt,
            "spec_name": config.specName, "spec_version": config.specVersion, "spec_url": config.specURL,
            "canonical_url": context.absoluteURL(SitePaths.pretty(path)),
            "search_url": root + SitePaths.search,
            "has_bundle": config.outputs.contains(.bundle),
        ]
        if path == "404.html" {
            // The 404 page is served from any depth: its links go to the absolute site root.
            c["root"] = context.absoluteURL("")
            c["search_url"] = context.absoluteURL(SitePaths.search)
        }
        return c
    }

    func build(_ page: HTMLEmitter.Page) -> (String, String, [String: Any]) {
        switch page {
        case .home: (SitePaths.home, "home", home())
        case .frameworks: (SitePaths.frameworks, "frameworks", frameworksPage())
        case .crosswalks: (SitePaths.crosswalks, "crosswalks", crosswalksPage())
        case .search: (SitePaths.search, "search", searchPage())
        case .gapAnalysis: (SitePaths.gapAnalysis, "gap-analysis", ["page_title": "Gap analysis", "nav_gap": true, "frameworks": registry.frameworks.map { ["code": $0.code, "name": $0.name] }])
        case .notFound: ("404.html", "not-found", ["page_title": "Page not found"])
        case .domain(let d): (SitePaths.domain(d), "domain", domainPage(d))
        case .category(let d, let c): (SitePaths.category(d, c), "category", categoryPage(d, c))
        case .signal(let i): (SitePaths.signal(registry.signals[i]), "signal", signalPage(registry.signals[i]))
        case .framework(let i): (SitePaths.framework(registry.frameworks[i].code), "framework", frameworkPage(i))
        case .control(let key): (SitePaths.control(key), "control", controlPage(key))
        case .crosswalk(let a, let b): (SitePaths.crosswalk(a, b), "crosswalk", crosswalkPage(a, b))
        }
    }

    // MARK: - Markdown

    /// Anchors the signal template uses; README headings never take them.
    static let signalAnchors: Set<String> = ["main", "definition", "metadata", "documentation", "mappings", "equivalents", "lifecycle", "json", "search-q", "site-search"]

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

    // MARK: - Shared pieces

    func signalRow(_ s: Signal, from page: String) -> [String: Any] {
        var row: [String: Any] = [
            "id": s.id, "name": s.canonicalName, "url": SitePaths.root(of: page) + SitePaths.signal(s), "status": s.status.rawValue,
            "severity": s.metadata?.suggestedSeverity?.rawValue ?? "unspecified",
        ]
        if s.status == .deprecated { row["deprecated"] = true }
        return row
    }

    func controlLink(_ key: ControlKey, from page: String) -> [String: Any] {
        let title = registry.framework(key.framework)?.control(key.control)?.title ?? ""
        return [
            "framework": key.framework, "control": key.control, "title": title,
            "url": SitePaths.root(of: page) + SitePaths.control(key),
            "framework_url": SitePaths.root(of: page) + SitePaths.framework(key.framework),
        ]
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }

    static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    // MARK: - Pages

    func home() -> [String: Any] {
        let page = SitePaths.home
        let t = stats.totals
        let added = registry.signals.filter { $0.introducedIn == config.version }
        let deprecated = registry.signals.filter { $0.deprecatedIn == config.version }
        return [
            "page_title": config.name, "is_home": true, "nav_home": true,
            "signal_count": t.signalCount, "active_count": t.active, "deprecated_count": t.deprecated,
            "domain_count": stats.domains.count, "framework_count": stats.frameworkCount, "control_count": stats.controlCount,
            "mapping_count": stats.controlMappings, "equivalence_count": stats.equivalenceMappings,
            "crosswalk_count": stats.declaredCrosswalkRows + stats.derivedCrosswalkLinks + stats.transitiveCrosswalkLinks,
            "domains": stats.domains.map { d in
                ["name": d.name, "url": SitePaths.domain(d.name), "signal_count": d.signalCount, "category_count": d.categories.count] as [String: Any]
            },
            "frameworks": coverage.frameworks.map { f in
                [
                    "code": f.framework.code, "name": f.framework.name, "version": f.framework.version,
                    "url": SitePaths.framework(f.framework.code), "coverage": Self.percent(f.tally.share),
                    "mapped": f.tally.mapped, "controls": f.tally.controls,
                ] as [String: Any]
            },
            "added_count": added.count, "deprecated_in_release_count": deprecated.count,
            "added": added.prefix(12).map { signalRow($0, from: page) },
            "added_more": added.count > 12 ? added.count - 12 : 0,
            "deprecated_in_release": deprecated.map { signalRow($0, from: page) },
        ].filter { !($0.value is Int && $0.key == "added_more" && ($0.value as! Int) == 0) }
    }

    func domainPage(_ d: String) -> [String: Any] {
        let page = SitePaths.domain(d)
        let group = stats.domains.first { $0.name == d }!
        let signals = registry.signals.filter { $0.domain == d }
        let byCategory = Dictionary(grouping: signals, by: \.category)
        return [
            "page_title": "Domain \(d)", "domain": d, "signal_count": group.signalCount, "active_count": group.active,
            "deprecated_count": group.deprecated, "nav_domains": true,
            "severities": Self.severityMix(group.severities),
            "categories": group.categories.map { c in
                [
                    "name": c.name, "url": SitePaths.root(of: page) + SitePaths.category(d, c.name), "signal_count": c.signalCount,
                    "signals": (byCategory[c.name] ?? []).map { signalRow($0, from: page) },
                ] as [String: Any]
            },
        ]
    }

    static func severityMix(_ counts: [String: Int]) -> [[String: Any]] {
        (Severity.allCases.map(\.rawValue) + ["unspecified"]).compactMap { s in
            counts[s].map { ["severity": s, "count": $0] as [String: Any] }
        }
    }

    func categoryPage(_ d: String, _ c: String) -> [String: Any] {
        let page = SitePaths.category(d, c)
        let signals = registry.signals.filter { $0.domain == d && $0.category == c }
        return [
            "page_title": "\(d) · \(c)", "domain": d, "category": c, "nav_domains": true,
            "domain_url": SitePaths.root(of: page) + SitePaths.domain(d),
            "signal_count": signals.count, "signals": signals.map { signalRow($0, from: page) },
        ]
    }

    func signalPage(_ s: Signal) -> [String: Any] {
        let page = SitePaths.signal(s)
        let root = SitePaths.root(of: page)
        var c: [String: Any] = [
            "page_title": "\(s.canonicalName) (\(s.id))", "nav_domains": true,
            "id": s.id, "name": s.canonicalName, "status": s.status.rawValue, "domain": s.domain, "category": s.category,
            "domain_url": root + SitePaths.domain(s.domain), "category_url": root + SitePaths.category(s.domain, s.category),
            "introduced_in": s.introducedIn,
            "severity": s.metadata?.suggestedSeverity?.rawValue ?? "unspecified",
            "description_html": markdown(s.description, from: page),
            "applicability_html": markdown(s.applicability, from: page),
            "definition_ref": s.definitionRef,
            "api_url": root + "v1/signals/\(s.id)/index.json",
        ]
        if config.outputs.contains(.signals) { c["json_url"] = "signal.json" }
        if s.status == .deprecated { c["deprecated"] = true }
        if let v = s.deprecatedIn { c["deprecated_in"] = v }
        if let r = s.replacedBy {
            var replacement: [String: Any] = ["id": r]
            if let target = registry.signal(r) {
                replacement["url"] = root + SitePaths.signal(target)
                replacement["name"] = target.canonicalName
            }
            c["replaced_by"] = replacement
        }
        let replacing = (replacements[s.id] ?? []).compactMap(registry.signal)
        if !replacing.isEmpty { c["replaces"] = replacing.map { signalRow($0, from: page) } }
        if !s.tags.isEmpty { c["tags"] = s.tags }
        if let m = s.metadata {
            var meta: [String: Any] = [:]
            if !m.riskDomains.isEmpty { meta["risk_domains"] = m.riskDomains }
            if !m.relatedControls.isEmpty { meta["related_controls"] = m.relatedControls }
            if !m.artifactTypes.isEmpty { meta["artifact_types"] = m.artifactTypes }
            if let d = m.detectionNotes { meta["detection_notes_html"] = markdown(d, from: page) }
            if let r = m.remediationHint { meta["remediation_html"] = markdown(r, from: page) }
            if !m.sources.isEmpty {
                meta["sources"] = m.sources.map { src -> [String: Any] in
                    var o: [String: Any] = ["url": src.url, "title": src.title, "type": src.type]
                    if let a = src.authority { o["authority"] = a }
                    if let sec = src.section { o["section"] = sec }
                    return o
                }
            }
            if !meta.isEmpty { c["metadata"] = meta }
        }
        if let readme = s.readme {
            c["readme_html"] = markdown(
                readme, from: page, file: s.folder.readmePath, topHeadingLevel: 3, reserved: Self.signalAnchors)
        }
        // Mappings grouped by framework, every status.
        let mappings = mappingsBySignal[s.id] ?? []
        var groups: [String: [[String: Any]]] = [:]
        var equivalents: [[String: Any]] = []
        for m in mappings {
            switch m.target {
            case .control(let fw, let control):
                var row = controlLink(ControlKey(fw, control), from: page)
                row["relationship"] = m.relationship.rawValue
                row["provenance"] = m.provenance.rawValue
                row["confidence"] = Self.number(m.effectiveConfidence)
                if m.status != "active" { row["inactive_status"] = m.status }
                if registry.framework(fw)?.control(control) == nil { row["url"] = nil }
                if let j = m.justification { row["justification_html"] = markdown(j, from: page) }
                if let r = m.reference { row["reference"] = r }
                groups[fw, default: []].append(row)
            case .signal: break
            }
        }
        c["mapping_count"] = mappings.count
        c["mapping_groups"] = groups.keys.sorted().map { fw -> [String: Any] in
            [
                "framework": fw, "framework_name": registry.framework(fw)?.name ?? fw,
                "framework_url": root + SitePaths.framework(fw), "mappings": groups[fw]!,
            ]
        }
        for e in index.equivalents[s.id] ?? [] {
            var row: [String: Any] = ["id": e.signal, "relationship": e.relationship.rawValue]
            if let other = registry.signal(e.signal) {
                row["url"] = root + SitePaths.signal(other)
                row["name"] = other.canonicalName
            }
            if e.inverse { row["inverse"] = true }
            if let j = e.mapping.justification { row["justification_html"] = markdown(j, from: page) }
            equivalents.append(row)
        }
        if !equivalents.isEmpty { c["equivalents"] = equivalents }
        return c
    }

    func frameworksPage() -> [String: Any] {
        [
            "page_title": "Frameworks", "nav_frameworks": true,
            "frameworks": coverage.frameworks.map { f in
                [
                    "code": f.framework.code, "name": f.framework.name, "version": f.framework.version,
                    "publisher": f.framework.publisher, "url": "../" + SitePaths.framework(f.framework.code),
                    "coverage": Self.percent(f.tally.share), "mapped": f.tally.mapped, "controls": f.tally.controls,
                    "signal_count": f.signalCount,
                ] as [String: Any]
            },
        ]
    }

    func frameworkPage(_ i: Int) -> [String: Any] {
        let fw = registry.frameworks[i]
        let page = SitePaths.framework(fw.code)
        let root = SitePaths.root(of: page)
        let cov = coverage.frameworks.first { $0.framework.code == fw.code }!
        var c: [String: Any] = [
            "page_title": "\(fw.name) (\(fw.code))", "nav_frameworks": true,
            "code": fw.code, "name": fw.name, "version": fw.version, "publisher": fw.publisher, "source_url": fw.url,
            "domain": fw.domain,
            "coverage": Self.percent(cov.tally.share), "mapped": cov.tally.mapped, "controls": cov.tally.controls,
            "signal_count": cov.signalCount, "mapping_count": cov.mappingCount,
            "chart_svg": CoverageChart.svg(cov),
            "crosswalks_url": root + SitePaths.crosswalks,
        ]
        if cov.technical.controls > 0 {
            c["technical"] = ["coverage": Self.percent(cov.technical.share), "mapped": cov.technical.mapped, "controls": cov.technical.controls]
        }
        if let e = fw.effectiveDate { c["effective_date"] = e }
        if let d = fw.description { c["description_html"] = markdown(d, from: page) }
        if let l = fw.licensingNote { c["licensing_note"] = l }
        c["families"] = cov.families.map { f -> [String: Any] in
            [
                "id": f.family.id, "title": f.family.title, "anchor": "family-" + SitePaths.segment(f.family.id),
                "coverage": Self.percent(f.tally.share), "mapped": f.tally.mapped, "controls_count": f.tally.controls,
                "technical": f.family.technical,
                "controls": f.controls.map { cc -> [String: Any] in
                    let key = ControlKey(fw.code, cc.control.id)
                    var row = controlLink(key, from: page)
                    if cc.control.withdrawn { row["withdrawn"] = true }
                    let signals = Array(Set(index.mappings(to: key).map(\.source))).sorted().compactMap(registry.signal)
                    if !signals.isEmpty { row["signals"] = signals.map { signalRow($0, from: page) } }
                    return row
                },
            ]
        }
        return c
    }

    func controlPage(_ key: ControlKey) -> [String: Any] {
        let page = SitePaths.control(key)
        let root = SitePaths.root(of: page)
        let fw = registry.framework(key.framework)!
        let control = fw.control(key.control)!
        let family = fw.families.first { $0.id == control.family }
        var c: [String: Any] = [
            "page_title": "\(key.control) · \(fw.name)", "nav_frameworks": true,
            "framework": fw.code, "framework_name": fw.name, "framework_url": root + SitePaths.framework(fw.code),
            "id": control.id, "title": control.title, "family": control.family,
            "family_title": family?.title ?? "",
            "family_url": root + SitePaths.framework(fw.code) + "#family-" + SitePaths.segment(control.family),
        ]
        if let r = control.requirement { c["requirement_html"] = markdown(r, from: page) }
        if let k = control.kind { c["kind"] = k }
        if let p = control.parent, fw.control(p) != nil { c["parent"] = controlLink(ControlKey(fw.code, p), from: page) }
        if control.withdrawn { c["withdrawn"] = true }
        if let s = control.sourceReference { c["source_reference"] = s }
        let mappings = index.mappings(to: key)
        c["signals"] = mappings.compactMap { m -> [String: Any]? in
            guard let position = registry.signalPosition(m.source) else { return nil }
            var row = signalRow(registry.signals[position], from: page)
            row["relationship"] = m.relationship.rawValue
            row["confidence"] = Self.number(m.effectiveConfidence)
            row["provenance"] = m.provenance.rawValue
            return row
        }
        let links = linksByControl[key] ?? []
        let byFramework = Dictionary(grouping: links, by: \.target.framework)
        c["crosswalks"] = byFramework.keys.sorted().map { other -> [String: Any] in
            [
                "framework": other, "framework_name": registry.framework(other)?.name ?? other,
                "pair_url": root + SitePaths.crosswalk(key.framework, other),
                "links": byFramework[other]!.map { crosswalkRow($0, from: page, showSource: false) },
            ]
        }
        return c
    }

    func crosswalkRow(_ l: CrosswalkLink, from page: String, showSource: Bool) -> [String: Any] {
        let root = SitePaths.root(of: page)
        var row: [String: Any] = [
            "source": controlLink(l.source, from: page), "target": controlLink(l.target, from: page),
            "relationship": l.relationship.rawValue, "derivation": l.derivation.description,
        ]
        if let s = l.strength { row["strength"] = String(format: "%.2f", s) }
        if let v = l.via { row["via"] = controlLink(v, from: page) }
        if let j = l.justification { row["justification"] = j }
        let bridges = l.bridges.flatMap(\.signals).compactMap(registry.signal)
        if !bridges.isEmpty {
            row["bridges"] = bridges.map { ["id": $0.id, "name": $0.canonicalName, "url": root + SitePaths.signal($0)] }
        }
        return row
    }

    func crosswalksPage() -> [String: Any] {
        let codes = registry.frameworks.map(\.code)
        var pairs: [[String: Any]] = []
        for i in codes.indices {
            for j in codes.indices where j > i {
                let links = crosswalks.links(from: codes[i], to: codes[j])
                pairs.append([
                    "source": codes[i], "target": codes[j], "url": "../" + SitePaths.crosswalk(codes[i], codes[j]), "count": links.count,
                    "declared": links.filter { $0.derivation == .declared || $0.derivation == .inverseOfDeclared }.count,
                    "derived": links.filter { $0.derivation == .directSignalBridge }.count,
                ])
            }
        }
        return ["page_title": "Crosswalks", "nav_crosswalks": true, "pairs": pairs]
    }

    func crosswalkPage(_ a: String, _ b: String) -> [String: Any] {
        let page = SitePaths.crosswalk(a, b)
        let root = SitePaths.root(of: page)
        let links = crosswalks.links(from: a, to: b)
        var c: [String: Any] = [
            "page_title": "Crosswalk \(a) ↔ \(b)", "nav_crosswalks": true, "source": a, "target": b,
            "source_name": registry.framework(a)?.name ?? a, "target_name": registry.framework(b)?.name ?? b,
            "source_url": root + SitePaths.framework(a), "target_url": root + SitePaths.framework(b),
            "count": links.count, "links": links.map { crosswalkRow($0, from: page, showSource: true) },
        ]
        if config.outputs.contains(.compute) { c["json_url"] = root + "crosswalks/\(a)--\(b).json" }
        return c
    }

    func searchPage() -> [String: Any] {
        [
            "page_title": "Search", "nav_search": true, "is_search": true,
            "domains": stats.domains.map { d in
                [
                    "name": d.name, "url": SitePaths.domain(d.name), "signal_count": d.signalCount,
                    "categories": d.categories.map { ["name": $0.name, "url": SitePaths.category(d.name, $0.name), "signal_count": $0.signalCount] as [String: Any] },
                ] as [String: Any]
            },
            "frameworks": registry.frameworks.map { ["code": $0.code, "name": $0.name, "url": SitePaths.framework($0.code)] },
        ]
    }
}

extension SignalFolder {
    /// The README's root-relative path, from which its relative links are resolved.
    var readmePath: String { "signals/\(domain)/\(category)/\(id)/README.md" }
}
