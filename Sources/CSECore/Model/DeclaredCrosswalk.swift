public import CSEDiagnostics
import CSEYAML

/// An authoritative control-to-control crosswalk, read from `crosswalks/<A>-to-<B>.yaml`.
public struct DeclaredCrosswalk: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var source: String
        public var target: String
        public var relationship: SetRelationship
        public var provenance: Provenance
        public var justification: String?
        public var reference: String?
        /// Where the source and target control IDs and the relationship are written.
        public var sourceRange: SourceRange
        public var targetRange: SourceRange
        public var relationshipRange: SourceRange
    }

    public var file: String
    public var sourceFramework: String
    public var targetFramework: String
    public var title: String?
    public var rows: [Row]
    public var sourceFrameworkRange: SourceRange
    public var targetFrameworkRange: SourceRange

    /// Reads a crosswalk leniently (rows without a usable source, target or relationship are skipped; the
    /// schema diagnostics describe them).
    static func build(from doc: SourceDocument) -> DeclaredCrosswalk? {
        guard let node = doc.node, let source = node["source_framework"]?.string, let target = node["target_framework"]?.string
        else { return nil }
        func range(_ n: Node?) -> SourceRange { SourceRange(file: doc.path, span: (n ?? node).span) }
        let defaultProvenance = node["provenance"]?.string.flatMap(Provenance.init(rawValue:)) ?? .authoritative
        let defaultReference = node["reference"]?.string
        var rows: [Row] = []
        for entry in node["rows"]?.array ?? [] {
            guard let s = ModelBuilder.scalarText(entry["source"]), let t = ModelBuilder.scalarText(entry["target"]),
                let rel = entry["relationship"]?.string.flatMap(SetRelationship.init(rawValue:))
            else { continue }
            rows.append(
                Row(
                    source: s, target: t, relationship: rel,
                    provenance: entry["provenance"]?.string.flatMap(Provenance.init(rawValue:)) ?? defaultProvenance,
                    justification: entry["justification"]?.string, reference: entry["reference"]?.string ?? defaultReference,
                    sourceRange: range(entry["source"]), targetRange: range(entry["target"]),
                    relationshipRange: range(entry["relationship"])))
        }
        return DeclaredCrosswalk(
            file: doc.path, sourceFramework: source, targetFramework: target, title: node["title"]?.string, rows: rows,
            sourceFrameworkRange: range(node["source_framework"]), targetFrameworkRange: range(node["target_framework"]))
    }

    /// The declared rows as crosswalk links (only rows whose controls exist are meaningful; run the rules first).
    public var links: [CrosswalkLink] {
        rows.map { r in
            CrosswalkLink(
                source: ControlKey(sourceFramework, r.source), target: ControlKey(targetFramework, r.target),
                relationship: r.relationship, derivation: .declared, strength: nil, provenance: r.provenance,
                justification: r.justification, reference: r.reference, range: r.sourceRange)
        }
    }
}
