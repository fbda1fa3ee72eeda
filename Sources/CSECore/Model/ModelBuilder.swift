import CSEDiagnostics
import CSEYAML

/// Builds the registry model from parsed documents.
///
/// Extraction is lenient: a document that failed its schema still contributes whatever well-typed fields
/// it has, so that cross-file rules (duplicate IDs, unknown controls) also see it. The schema diagnostics
/// already describe what is wrong with it.
struct ModelBuilder {
    var config: RegistryConfig

    func signal(from doc: SourceDocument, folder: SignalFolder) -> Signal? {
        guard let node = doc.node, let id = node["id"]?.string else { return nil }
        let metadata = node["metadata"].flatMap(Self.metadata)
        return Signal(
            id: id,
            canonicalName: node["canonical_name"]?.string ?? "",
            description: node["description"]?.string ?? "",
            domain: node["domain"]?.string ?? "",
            category: node["category"]?.string ?? "",
            applicability: node["applicability"]?.string ?? "",
            introducedIn: node["introduced_in"]?.string ?? "",
            status: node["status"]?.string.flatMap(SignalStatus.init(rawValue:)) ?? .active,
            deprecatedIn: node["deprecated_in"]?.string,
            replacedBy: node["replaced_by"]?.string,
            tags: Self.strings(node["tags"]),
            metadata: metadata,
            folder: folder,
            file: doc.path,
            readme: nil,
            spans: SourceSpans(document: node.span, members: (node.members ?? []).map { ($0.key, $0.value.span) })
        )
    }

    static func strings(_ node: Node?) -> [String] { node?.array?.compactMap(\.string) ?? [] }

    static func metadata(_ node: Node) -> SignalMetadata? {
        guard node.members != nil else { return nil }
        var m = SignalMetadata()
        m.suggestedSeverity = node["suggested_severity"]?.string.flatMap(Severity.init(rawValue:))
        m.riskDomains = strings(node["risk_domains"])
        m.relatedControls = strings(node["related_controls"])
        m.detectionNotes = node["detection_notes"]?.string
        m.artifactTypes = strings(node["artifact_types"])
        m.remediationHint = node["remediation_hint"]?.string
        m.sources = (node["sources"]?.array ?? []).compactMap { s in
            guard let url = s["url"]?.string, let title = s["title"]?.string else { return nil }
            return SignalSource(
                url: url, type: s["type"]?.string ?? "", title: title, authority: s["authority"]?.string,
                section: s["section"]?.string)
        }
        return m
    }

    /// Mappings authored in a signal folder's `mappings.yaml`.
    func mappings(from doc: SourceDocument, signalID: String) -> [Mapping] {
        guard let entries = doc.node?["mappings"]?.array else { return [] }
        return entries.compactMap { entry in
            let target: MappingTarget
            if let framework = entry["framework"]?.string, let control = Self.scalarText(entry["control"]) {
                target = .control(framework: framework, control: control)
            } else if let other = entry["signal"]?.string {
                target = .signal(other)
            } else {
                return nil
            }
            guard let relationship = entry["relationship"]?.string.flatMap(Relationship.init(rawValue:)),
                let provenance = entry["provenance"]?.string.flatMap(Provenance.init(rawValue:))
            else { return nil }
            return Mapping(
                id: Mapping.makeID(source: signalID, target: target),
                source: signalID, target: target, relationship: relationship, provenance: provenance,
                confidence: entry["confidence"]?.number?.doubleValue,
                justification: entry["justification"]?.string,
                reference: entry["reference"]?.string, reviewed: entry["reviewed"]?.string,
                status: entry["status"]?.string ?? "active",
                range: SourceRange(file: doc.path, span: (entry["control"] ?? entry["signal"])?.span ?? entry.span),
                frameworkRange: entry["framework"].map { SourceRange(file: doc.path, span: $0.span) }
            )
        }
    }

    /// A scalar's text; numbers keep their written form so that an unquoted `1.2` still names control "1.2".
    static func scalarText(_ node: Node?) -> String? {
        switch node?.value {
        case .string(let s)?: s
        case .number(let n)?: n.description
        default: nil
        }
    }

    /// Integers of an array member (levels, implementation groups).
    static func ints(_ node: Node?) -> [Int] {
        var out: [Int] = []
        for item in node?.array ?? [] {
            if let n = item.number { out.append(Int(n.doubleValue)) }
        }
        return out
    }

    static func control(_ c: Node, id: String, framework: String, family: String, file: String) -> Control {
        var control = Control(
            id: id, title: c["title"]?.string ?? "", framework: framework, family: family,
            range: SourceRange(file: file, span: c["id"]?.span ?? c.span))
        control.parent = scalarText(c["parent"])
        control.kind = c["kind"]?.string
        control.requirement = c["requirement"]?.string
        control.levels = ints(c["levels"])
        control.implementationGroups = ints(c["implementation_groups"])
        control.baselines = strings(c["baselines"])
        control.withdrawn = c["withdrawn"]?.bool ?? false
        control.sourceReference = c["source_reference"]?.string
        return control
    }

    func framework(metadata: SourceDocument, controls: SourceDocument?, code: String) -> Framework? {
        guard let node = metadata.node, node.members != nil else { return nil }
        var families: [ControlFamily] = []
        var list: [Control] = []
        let controlsFile = controls?.path ?? metadata.path
        for family in controls?.node?["families"]?.array ?? [] {
            guard let familyID = Self.scalarText(family["id"]) else { continue }
            var ids: [String] = []
            for c in family["controls"]?.array ?? [] {
                guard let id = Self.scalarText(c["id"]) else { continue }
                ids.append(id)
                list.append(Self.control(c, id: id, framework: code, family: familyID, file: controlsFile))
            }
            families.append(
                ControlFamily(
                    id: familyID, title: family["title"]?.string ?? "", technical: family["technical"]?.bool ?? false,
                    controlIDs: ids))
        }
        var framework = Framework(
            code: node["code"]?.string ?? code, name: node["name"]?.string ?? code, version: Self.scalarText(node["version"]) ?? "",
            publisher: node["publisher"]?.string ?? "", url: node["url"]?.string ?? "", domain: node["domain"]?.string ?? "",
            effectiveDate: node["effective_date"]?.string, description: node["description"]?.string,
            basedOn: node["based_on"]?.string, licensingNote: node["licensing_note"]?.string,
            families: families, controls: list, file: metadata.path
        )
        framework.regimeScope = node["regime_scope"]?.string
        framework.reindex()
        return framework
    }
}
