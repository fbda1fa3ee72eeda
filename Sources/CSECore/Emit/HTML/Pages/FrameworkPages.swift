/// `frameworks/index.html` (template `frameworks`).
struct FrameworksPage: TemplateContext {
    struct Framework: TemplateContext {
        var code: String
        var name: String
        var version: String
        var publisher: String
        var url: String
        var coverage: String
        var mapped: Int
        var controls: Int
        var signalCount: Int

        func publish(into m: inout TemplateMembers) {
            m.set("code", code)
            m.set("name", name)
            m.set("version", version)
            m.set("publisher", publisher)
            m.set("url", url)
            m.set("coverage", coverage)
            m.set("mapped", mapped)
            m.set("controls", controls)
            m.set("signal_count", signalCount)
        }
    }

    var frameworks: [Framework]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "Frameworks")
        m.flag("nav_frameworks", true)
        m.set("frameworks", frameworks)
    }
}

/// `frameworks/<CODE>/index.html` (template `framework`): metadata, the coverage chart, controls by family.
struct FrameworkPage: TemplateContext {
    struct Coverage: TemplateContext {
        var coverage: String
        var mapped: Int
        var controls: Int

        func publish(into m: inout TemplateMembers) {
            m.set("coverage", coverage)
            m.set("mapped", mapped)
            m.set("controls", controls)
        }
    }

    /// A control of a family: its link, and the signals mapped to it.
    struct ControlRow: TemplateContext {
        var control: ControlLink
        var withdrawn: Bool
        var signals: [SignalRow]?

        func publish(into m: inout TemplateMembers) {
            m.include(control)
            m.flag("withdrawn", withdrawn)
            m.set("signals", signals)
        }
    }

    struct Family: TemplateContext {
        var id: String
        var title: String
        var anchor: String
        var coverage: String
        var mapped: Int
        var controlsCount: Int
        var technical: Bool
        var controls: [ControlRow]

        func publish(into m: inout TemplateMembers) {
            m.set("id", id)
            m.set("title", title)
            m.set("anchor", anchor)
            m.set("coverage", coverage)
            m.set("mapped", mapped)
            m.set("controls_count", controlsCount)
            // Published when false too, so that it hides the page's `technical` inside a family.
            m.set("technical", technical)
            m.set("controls", controls)
        }
    }

    var pageTitle: String
    var code: String
    var name: String
    var version: String
    var publisher: String
    var sourceURL: String
    var domain: String
    var coverage: Coverage
    var signalCount: Int
    var mappingCount: Int
    var chartSVG: String
    var crosswalksURL: String
    /// Coverage of the technical families; nil when the catalog marks none technical.
    var technical: Coverage?
    var effectiveDate: String?
    var descriptionHTML: String?
    var licensingNote: String?
    var families: [Family]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", pageTitle)
        m.flag("nav_frameworks", true)
        m.set("code", code)
        m.set("name", name)
        m.set("version", version)
        m.set("publisher", publisher)
        m.set("source_url", sourceURL)
        m.set("domain", domain)
        m.include(coverage)
        m.set("signal_count", signalCount)
        m.set("mapping_count", mappingCount)
        m.set("chart_svg", chartSVG)
        m.set("crosswalks_url", crosswalksURL)
        m.set("technical", technical)
        m.set("effective_date", effectiveDate)
        m.set("description_html", descriptionHTML)
        m.set("licensing_note", licensingNote)
        m.set("families", families)
    }
}

/// `controls/<CODE>/<CONTROL>/index.html` (template `control`): the control, its signals, its crosswalks.
struct ControlPage: TemplateContext {
    /// A signal mapped to the control, with the mapping's fields.
    struct MappedSignal: TemplateContext {
        var signal: SignalRow
        var relationship: String
        var confidence: String
        var provenance: String

        func publish(into m: inout TemplateMembers) {
            m.include(signal)
            m.set("relationship", relationship)
            m.set("confidence", confidence)
            m.set("provenance", provenance)
        }
    }

    /// The control's crosswalk rows to one other framework.
    struct CrosswalkGroup: TemplateContext {
        var framework: String
        var frameworkName: String
        var pairURL: String
        var links: [CrosswalkRow]

        func publish(into m: inout TemplateMembers) {
            m.set("framework", framework)
            m.set("framework_name", frameworkName)
            m.set("pair_url", pairURL)
            m.set("links", links)
        }
    }

    var pageTitle: String
    var framework: String
    var frameworkName: String
    var frameworkURL: String
    var id: String
    var title: String
    var family: String
    var familyTitle: String
    var familyURL: String
    var requirementHTML: String?
    var kind: String?
    var parent: ControlLink?
    var withdrawn: Bool
    var sourceReference: String?
    /// The baselines the catalog puts the control in: FedRAMP Low/Moderate/High, CIS implementation groups,
    /// CMMC levels (none for other catalogs).
    var baselines: [String]?
    var signals: [MappedSignal]
    var crosswalks: [CrosswalkGroup]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", pageTitle)
        m.flag("nav_frameworks", true)
        m.set("framework", framework)
        m.set("framework_name", frameworkName)
        m.set("framework_url", frameworkURL)
        m.set("id", id)
        m.set("title", title)
        m.set("family", family)
        m.set("family_title", familyTitle)
        m.set("family_url", familyURL)
        m.set("requirement_html", requirementHTML)
        m.set("kind", kind)
        m.set("parent", parent)
        m.flag("withdrawn", withdrawn)
        m.set("source_reference", sourceReference)
        m.set("baselines", baselines)
        m.set(
            "page_description",
            "\(frameworkName) \(id) \(title): "
                + (signals.isEmpty ? "no signal maps to it yet." : "\(signals.count) signal\(signals.count == 1 ? "" : "s") map to it, and how.")
        )
        m.set("signals", signals)
        m.set("crosswalks", crosswalks)
    }
}

/// `crosswalks/index.html` (template `crosswalks`): every framework pair.
struct CrosswalksPage: TemplateContext {
    struct Pair: TemplateContext {
        var source: String
        var target: String
        var url: String
        var count: Int
        /// Declared rows and their inverses.
        var declared: Int
        /// Links derived through a signal mapped to both controls.
        var derived: Int

        func publish(into m: inout TemplateMembers) {
            m.set("source", source)
            m.set("target", target)
            m.set("url", url)
            m.set("count", count)
            m.set("declared", declared)
            m.set("derived", derived)
        }
    }

    var pairs: [Pair]

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "Crosswalks")
        m.flag("nav_crosswalks", true)
        m.set("pairs", pairs)
    }
}

/// `crosswalks/<A>--<B>/index.html` (template `crosswalk`).
struct CrosswalkPage: TemplateContext {
    var source: String
    var target: String
    var sourceName: String
    var targetName: String
    var sourceURL: String
    var targetURL: String
    /// One page of the rows.
    var links: [CrosswalkRow]
    /// Every row of the pair.
    var count: Int
    /// Set when the rows take more than one page.
    var pagination: Pagination?
    /// The pair's JSON file, when the compute output is built.
    var jsonURL: String?

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "Crosswalk \(source) ↔ \(target)" + (pagination.map { " (page \($0.page) of \($0.pages))" } ?? ""))
        m.set("pagination", pagination)
        m.flag("nav_crosswalks", true)
        m.set("source", source)
        m.set("target", target)
        m.set("source_name", sourceName)
        m.set("target_name", targetName)
        m.set("source_url", sourceURL)
        m.set("target_url", targetURL)
        m.set("count", count)
        m.set("links", links)
        m.set("json_url", jsonURL)
    }
}

extension Site {
    func frameworksPage() -> FrameworksPage {
        FrameworksPage(
            frameworks: coverage.frameworks.map { f in
                FrameworksPage.Framework(
                    code: f.framework.code, name: f.framework.name, version: f.framework.version, publisher: f.framework.publisher,
                    url: "../" + SitePaths.framework(f.framework.code), coverage: Self.percent(f.tally.share), mapped: f.tally.mapped,
                    controls: f.tally.controls, signalCount: f.signalCount)
            })
    }

    func frameworkPage(_ i: Int) -> FrameworkPage {
        let fw = registry.frameworks[i]
        let page = SitePaths.framework(fw.code)
        let root = SitePaths.root(of: page)
        let cov = coverage.frameworks.first { $0.framework.code == fw.code }!
        return FrameworkPage(
            pageTitle: "\(fw.name) (\(fw.code))", code: fw.code, name: fw.name, version: fw.version, publisher: fw.publisher, sourceURL: fw.url,
            domain: fw.domain, coverage: .init(coverage: Self.percent(cov.tally.share), mapped: cov.tally.mapped, controls: cov.tally.controls),
            signalCount: cov.signalCount, mappingCount: cov.mappingCount, chartSVG: CoverageChart.svg(cov), crosswalksURL: root + SitePaths.crosswalks,
            technical: cov.technical.controls > 0
                ? .init(coverage: Self.percent(cov.technical.share), mapped: cov.technical.mapped, controls: cov.technical.controls) : nil,
            effectiveDate: fw.effectiveDate, descriptionHTML: fw.description.map { markdown($0, from: page) }, licensingNote: fw.licensingNote,
            families: cov.families.map { f in
                FrameworkPage.Family(
                    id: f.family.id, title: f.family.title, anchor: "family-" + SitePaths.segment(f.family.id), coverage: Self.percent(f.tally.share),
                    mapped: f.tally.mapped, controlsCount: f.tally.controls, technical: f.family.technical,
                    controls: f.controls.map { cc in
                        let key = ControlKey(fw.code, cc.control.id)
                        let signals = Array(Set(index.mappings(to: key).map(\.source))).sorted().compactMap(registry.signal)
                        return FrameworkPage.ControlRow(
                            control: controlLink(key, from: page), withdrawn: cc.control.withdrawn, signals: signals.map { signalRow($0, from: page) }.nonEmpty)
                    })
            })
    }

    /// `FedRAMP Moderate`, `IG2`, `Level 2`: the catalog's baseline membership in words.
    static func baselines(of control: Control) -> [String] {
        control.baselines.map { "FedRAMP " + $0.prefix(1).uppercased() + $0.dropFirst() } + control.implementationGroups.map { "IG\($0)" }
            + control.levels.map { "Level \($0)" }
    }

    func controlPage(_ key: ControlKey) -> ControlPage {
        let page = SitePaths.control(key)
        let root = SitePaths.root(of: page)
        let fw = registry.framework(key.framework)!
        let control = fw.control(key.control)!
        let byFramework = Dictionary(grouping: linksByControl[key] ?? [], by: \.target.framework)
        return ControlPage(
            pageTitle: "\(key.control) · \(fw.name)", framework: fw.code, frameworkName: fw.name, frameworkURL: root + SitePaths.framework(fw.code),
            id: control.id, title: control.title, family: control.family, familyTitle: fw.families.first { $0.id == control.family }?.title ?? "",
            familyURL: root + SitePaths.framework(fw.code) + "#family-" + SitePaths.segment(control.family),
            requirementHTML: control.requirement.map { markdown($0, from: page) }, kind: control.kind,
            parent: control.parent.flatMap { fw.control($0) != nil ? controlLink(ControlKey(fw.code, $0), from: page) : nil },
            withdrawn: control.withdrawn, sourceReference: control.sourceReference, baselines: Self.baselines(of: control).nonEmpty,
            signals: index.mappings(to: key).compactMap { m in
                registry.signalPosition(m.source).map { position in
                    ControlPage.MappedSignal(
                        signal: signalRow(registry.signals[position], from: page), relationship: m.relationship.rawValue,
                        confidence: Self.number(m.effectiveConfidence), provenance: m.provenance.rawValue)
                }
            },
            crosswalks: byFramework.keys.sorted().map { other in
                ControlPage.CrosswalkGroup(
                    framework: other, frameworkName: registry.framework(other)?.name ?? other, pairURL: root + SitePaths.crosswalk(key.framework, other),
                    links: byFramework[other]!.map { crosswalkRow($0, from: page) })
            })
    }

    func crosswalksPage() -> CrosswalksPage {
        let codes = registry.frameworks.map(\.code)
        var pairs: [CrosswalksPage.Pair] = []
        for i in codes.indices {
            for j in codes.indices where j > i {
                let links = crosswalks.links(from: codes[i], to: codes[j])
                pairs.append(
                    CrosswalksPage.Pair(
                        source: codes[i], target: codes[j], url: "../" + SitePaths.crosswalk(codes[i], codes[j]), count: links.count,
                        declared: links.filter { $0.derivation == .declared || $0.derivation == .inverseOfDeclared }.count,
                        derived: links.filter { $0.derivation == .directSignalBridge }.count))
            }
        }
        return CrosswalksPage(pairs: pairs)
    }

    /// Rows per crosswalk page. A pair's derived rows grow with the registry (FedRAMP ↔ SP 800-53 has 1,300
    /// here), and a page of them all took axe-core five minutes to check; 300 rows stay near 200 KB.
    static let crosswalkPageSize = 300

    func crosswalkPageCount(_ a: String, _ b: String) -> Int {
        Pagination.count(total: crosswalks.links(from: a, to: b).count, size: Self.crosswalkPageSize)
    }

    /// Page `number` of the pair's rows.
    func crosswalkPage(_ a: String, _ b: String, page number: Int = 1) -> CrosswalkPage {
        let page = SitePaths.crosswalk(a, b, page: number)
        let root = SitePaths.root(of: page)
        // Sorted as people read control IDs (AC-2 before AC-10), then by derivation, as the pair file is.
        let sorted = crosswalks.links(from: a, to: b).enumerated().sorted { x, y in
            if x.element.source != y.element.source { return ControlKey.naturallyPrecedes(x.element.source, y.element.source) }
            if x.element.target != y.element.target { return ControlKey.naturallyPrecedes(x.element.target, y.element.target) }
            return x.offset < y.offset
        }
        let start = min(sorted.count, (number - 1) * Self.crosswalkPageSize)
        return CrosswalkPage(
            source: a, target: b, sourceName: registry.framework(a)?.name ?? a, targetName: registry.framework(b)?.name ?? b,
            sourceURL: root + SitePaths.framework(a), targetURL: root + SitePaths.framework(b),
            links: sorted[start..<min(sorted.count, start + Self.crosswalkPageSize)].map { crosswalkRow($0.element, from: page) },
            count: sorted.count,
            pagination: Pagination.of("Rows", page: number, total: sorted.count, size: Self.crosswalkPageSize) { root + SitePaths.crosswalk(a, b, page: $0) },
            jsonURL: config.outputs.contains(.compute) ? root + SitePaths.crosswalkJSON(a, b) : nil)
    }
}
