/// `signals/<D>/<C>/<ID>/index.html` (template `signal`): every field, the README, mappings by framework,
/// equivalent signals, deprecation and replacement.
struct SignalPage: TemplateContext {
    struct Replacement: TemplateContext {
        var id: String
        /// Set when the replacement is a signal of this registry.
        var url: String?
        var name: String?

        func publish(into m: inout TemplateMembers) {
            m.set("id", id)
            m.set("url", url)
            m.set("name", name)
        }
    }

    struct Source: TemplateContext {
        var url: String
        var title: String
        var type: String
        var authority: String?
        var section: String?

        func publish(into m: inout TemplateMembers) {
            m.set("url", url)
            m.set("title", title)
            m.set("type", type)
            m.set("authority", authority)
            m.set("section", section)
        }
    }

    /// The signal's `metadata`, each list present only when non-empty.
    struct Metadata: TemplateContext {
        var riskDomains: [String]?
        var relatedControls: [String]?
        var artifactTypes: [String]?
        var detectionNotesHTML: String?
        var remediationHTML: String?
        var sources: [Source]?

        var isEmpty: Bool {
            riskDomains == nil && relatedControls == nil && artifactTypes == nil && detectionNotesHTML == nil && remediationHTML == nil && sources == nil
        }

        func publish(into m: inout TemplateMembers) {
            m.set("risk_domains", riskDomains)
            m.set("related_controls", relatedControls)
            m.set("artifact_types", artifactTypes)
            m.set("detection_notes_html", detectionNotesHTML)
            m.set("remediation_html", remediationHTML)
            m.set("sources", sources)
        }
    }

    /// A mapping to a control: the control's link and the mapping's fields.
    struct MappingRow: TemplateContext {
        var control: ControlLink
        var relationship: String
        var provenance: String
        /// Two decimals.
        var confidence: String
        /// The mapping's status when it is not `active`.
        var inactiveStatus: String?
        var justificationHTML: String?
        var reference: String?

        func publish(into m: inout TemplateMembers) {
            m.include(control)
            m.set("relationship", relationship)
            m.set("provenance", provenance)
            m.set("confidence", confidence)
            m.set("inactive_status", inactiveStatus)
            m.set("justification_html", justificationHTML)
            m.set("reference", reference)
        }
    }

    /// The mappings to one framework.
    struct MappingGroup: TemplateContext {
        var framework: String
        var frameworkName: String
        var frameworkURL: String
        var mappings: [MappingRow]

        func publish(into m: inout TemplateMembers) {
            m.set("framework", framework)
            m.set("framework_name", frameworkName)
            m.set("framework_url", frameworkURL)
            m.set("mappings", mappings)
        }
    }

    /// A signal this one is equivalent to (either direction of the mapping).
    struct Equivalent: TemplateContext {
        var id: String
        var relationship: String
        var url: String?
        var name: String?
        /// The mapping is written on the other signal.
        var inverse: Bool
        var justificationHTML: String?

        func publish(into m: inout TemplateMembers) {
            m.set("id", id)
            m.set("relationship", relationship)
            m.set("url", url)
            m.set("name", name)
            m.flag("inverse", inverse)
            m.set("justification_html", justificationHTML)
        }
    }

    /// One release's change to the signal.
    struct HistoryRow: TemplateContext {
        var version: String
        var date: String
        /// The release on the Releases page.
        var url: String
        var action: String
        var detail: String?

        func publish(into m: inout TemplateMembers) {
            m.set("version", version)
            m.set("date", date)
            m.set("url", url)
            m.set("action", action)
            m.set("detail", detail)
        }
    }

    var pageTitle: String
    var id: String
    var name: String
    var status: String
    var domain: String
    var category: String
    var domainURL: String
    var categoryURL: String
    var introducedIn: String
    var severity: String
    var descriptionHTML: String
    var applicabilityHTML: String
    var definitionRef: String
    /// The definition as written (markdown), for the page's description.
    var descriptionText: String
    /// The signal's API resource, when the build writes the API.
    var apiURL: String?
    /// `signal.json` beside the page, when the signals output is built.
    var jsonURL: String?
    var deprecated: Bool
    var deprecatedIn: String?
    var replacedBy: Replacement?
    /// Signals naming this one as their replacement.
    var replaces: [SignalRow]?
    var tags: [String]?
    var metadata: Metadata?
    var readmeHTML: String?
    /// Mappings written on the signal, every status.
    var mappingCount: Int
    var mappingGroups: [MappingGroup]
    var equivalents: [Equivalent]?
    /// What each published release did to the signal, oldest first; nil when the registry has no releases.
    var history: [HistoryRow]?
    /// The registry has releases and none of them holds the signal yet.
    var unreleased: Bool

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", pageTitle)
        m.flag("nav_domains", true)
        m.set("id", id)
        m.set("name", name)
        m.set("status", status)
        m.set("domain", domain)
        m.set("category", category)
        m.set("domain_url", domainURL)
        m.set("category_url", categoryURL)
        m.set("introduced_in", introducedIn)
        m.set("severity", severity)
        m.set("description_html", descriptionHTML)
        m.set("applicability_html", applicabilityHTML)
        m.set("definition_ref", definitionRef)
        m.set("api_url", apiURL)
        m.set("page_description", "\(id): " + PageDescription.of(descriptionText))
        m.set("json_url", jsonURL)
        m.flag("deprecated", deprecated)
        m.set("deprecated_in", deprecatedIn)
        m.set("replaced_by", replacedBy)
        m.set("replaces", replaces)
        m.set("tags", tags)
        m.set("metadata", metadata)
        m.set("readme_html", readmeHTML)
        m.set("mapping_count", mappingCount)
        m.set("mapping_groups", mappingGroups)
        m.set("equivalents", equivalents)
        m.set("history", history)
        m.flag("unreleased", unreleased)
    }
}

extension Site {
    /// Anchors the signal template uses; README headings never take them.
    static let signalAnchors: Set<String> = [
        "main", "definition", "metadata", "documentation", "mappings", "equivalents", "lifecycle", "history", "json", "search-q", "site-search",
    ]

    func signalPage(_ s: Signal) -> SignalPage {
        let page = SitePaths.signal(s)
        let root = SitePaths.root(of: page)
        let replacing = (replacements[s.id] ?? []).compactMap(registry.signal)
        let metadata = s.metadata.map { m in
            SignalPage.Metadata(
                riskDomains: m.riskDomains.nonEmpty, relatedControls: m.relatedControls.nonEmpty, artifactTypes: m.artifactTypes.nonEmpty,
                detectionNotesHTML: m.detectionNotes.map { markdown($0, from: page) }, remediationHTML: m.remediationHint.map { markdown($0, from: page) },
                sources: m.sources.map { SignalPage.Source(url: $0.url, title: $0.title, type: $0.type, authority: $0.authority, section: $0.section) }.nonEmpty
            )
        }
        // Mappings to controls grouped by framework, every status.
        let mappings = mappingsBySignal[s.id] ?? []
        var groups: [String: [SignalPage.MappingRow]] = [:]
        // Each framework's rows in the order people read control IDs (AC-2 before AC-10).
        let ordered = mappings.enumerated().sorted { x, y in
            guard case .control(_, let a) = x.element.target, case .control(_, let b) = y.element.target, a != b else { return x.offset < y.offset }
            return NaturalOrder.precedes(a, b)
        }.map(\.element)
        for m in ordered {
            guard case .control(let fw, let control) = m.target else { continue }
            var link = controlLink(ControlKey(fw, control), from: page)
            if registry.framework(fw)?.control(control) == nil { link.url = nil }
            groups[fw, default: []].append(
                SignalPage.MappingRow(
                    control: link, relationship: m.relationship.rawValue, provenance: m.provenance.rawValue,
                    confidence: Self.number(m.effectiveConfidence), inactiveStatus: m.status == "active" ? nil : m.status,
                    justificationHTML: m.justification.map { markdown($0, from: page) }, reference: m.reference))
        }
        let equivalents = (index.equivalents[s.id] ?? []).map { e in
            let other = registry.signal(e.signal)
            return SignalPage.Equivalent(
                id: e.signal, relationship: e.relationship.rawValue, url: other.map { root + SitePaths.signal($0) }, name: other?.canonicalName,
                inverse: e.inverse, justificationHTML: e.mapping.justification.map { markdown($0, from: page) })
        }
        let history = context.history.map { published in
            (published.signalEvents[s.id] ?? []).map { e in
                SignalPage.HistoryRow(
                    version: e.release.version, date: String(e.release.publishedAt.prefix(10)),
                    url: root + SitePaths.releases + "#" + SitePaths.releaseAnchor(e.release.version), action: e.change.action,
                    detail: Self.detail(e.change))
            }
        }
        return SignalPage(
            pageTitle: "\(s.canonicalName) (\(s.id))", id: s.id, name: s.canonicalName, status: s.status.rawValue, domain: s.domain,
            category: s.category, domainURL: root + SitePaths.domain(s.domain), categoryURL: root + SitePaths.category(s.domain, s.category),
            introducedIn: s.introducedIn, severity: s.metadata?.suggestedSeverity?.rawValue ?? "unspecified",
            descriptionHTML: markdown(s.description, from: page), applicabilityHTML: markdown(s.applicability, from: page),
            definitionRef: s.definitionRef, descriptionText: s.description,
            apiURL: config.outputs.contains(.api) ? root + "v1/signals/\(APIPath.encode(s.id))/index.json" : nil,
            jsonURL: config.outputs.contains(.signals) ? "signal.json" : nil, deprecated: s.status == .deprecated, deprecatedIn: s.deprecatedIn,
            replacedBy: s.replacedBy.map { r in
                let target = registry.signal(r)
                return SignalPage.Replacement(id: r, url: target.map { root + SitePaths.signal($0) }, name: target?.canonicalName)
            },
            replaces: replacing.map { signalRow($0, from: page) }.nonEmpty, tags: s.tags.nonEmpty,
            metadata: metadata.flatMap { $0.isEmpty ? nil : $0 },
            readmeHTML: s.readme.map { markdown($0, from: page, file: s.folder.readmePath, topHeadingLevel: 3, reserved: Self.signalAnchors) },
            mappingCount: mappings.count,
            mappingGroups: groups.keys.sorted().map { fw in
                SignalPage.MappingGroup(
                    framework: fw, frameworkName: registry.framework(fw)?.name ?? fw, frameworkURL: root + SitePaths.framework(fw), mappings: groups[fw]!)
            },
            equivalents: equivalents.nonEmpty, history: history?.nonEmpty, unreleased: history?.isEmpty == true)
    }
}

extension Array {
    /// nil for an empty array: a list the page leaves out rather than shows empty.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}
