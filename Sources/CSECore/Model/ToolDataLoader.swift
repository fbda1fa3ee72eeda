import CSEDiagnostics
import CSEYAML

/// Builds artifact types (`artifact-types/*.yaml`) and security tools (`tools/*.yaml`) from their parsed
/// documents, and checks them against each other and against the signals.
///
/// Extraction is lenient like `ModelBuilder`: entries that miss a required field are skipped, because the
/// schema diagnostics already describe them.
struct ToolDataLoader {
    static func artifactType(from doc: SourceDocument) -> ArtifactType? {
        guard let node = doc.node, let id = node["id"]?.string else { return nil }
        func range(_ n: Node?) -> SourceRange { SourceRange(file: doc.path, span: (n ?? node).span) }
        let resources: [ArtifactType.ResourceType] = (node["resource_types"]?.array ?? []).compactMap { r in
            guard let type = r["type"]?.string else { return nil }
            return ArtifactType.ResourceType(
                type: type, provider: r["provider"]?.string ?? "", format: r["format"]?.string ?? "", range: range(r["type"]))
        }
        return ArtifactType(
            id: id, name: node["name"]?.string ?? id, description: node["description"]?.string ?? "",
            findingArtifactType: node["finding_artifact_type"]?.string ?? "other", examples: ModelBuilder.strings(node["examples"]),
            resourceTypes: resources, file: doc.path, idRange: range(node["id"]))
    }

    static func tool(from doc: SourceDocument) -> SecurityTool? {
        guard let node = doc.node, let id = node["id"]?.string else { return nil }
        func range(_ n: Node?) -> SourceRange { SourceRange(file: doc.path, span: (n ?? node).span) }
        let rules: [SecurityTool.Rule] = (node["rules"]?.array ?? []).compactMap { r in
            guard let rule = ModelBuilder.scalarText(r["rule"]) else { return nil }
            let signals = r["signals"]?.array ?? []
            let resources = r["resource_types"]?.array ?? []
            return SecurityTool.Rule(
                rule: rule, title: r["title"]?.string ?? "", signals: signals.compactMap(\.string),
                resourceTypes: resources.compactMap(\.string), range: range(r["rule"]),
                signalRanges: signals.filter { $0.string != nil }.map(range),
                resourceTypeRanges: resources.filter { $0.string != nil }.map(range))
        }
        return SecurityTool(
            id: id, name: node["name"]?.string ?? id, vendor: node["vendor"]?.string ?? "", url: node["url"]?.string ?? "",
            kind: node["kind"]?.string ?? "", description: node["description"]?.string, rulesURL: node["rules_url"]?.string,
            rules: rules, file: doc.path, idRange: range(node["id"]))
    }
}
