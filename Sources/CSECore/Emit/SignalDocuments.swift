import CSEDiagnostics

/// JSON shapes of signals: the full normalized definition and the registry index entry.
///
/// Both are written straight to bytes (`JSONStream`): there is one of each per signal, and several forms of
/// the index entry are spliced into the bundle, its minified and NDJSON forms and the domain files.
enum SignalDocuments {
    /// The full definition in canonical key order (signal-format-v1.0 field order), `definition_ref` filled,
    /// as a pretty document (or a compact one, for a line of `signals.ndjson`).
    static func full(_ s: Signal, style: JSONWriter.Style = .pretty) -> [UInt8] {
        var out = JSONStream(style: style, capacity: 2048)
        out.beginObject()
        out.member("id", s.id)
        out.member("canonical_name", s.canonicalName)
        out.member("description", s.description)
        out.member("domain", s.domain)
        out.member("category", s.category)
        out.member("applicability", s.applicability)
        out.member("introduced_in", s.introducedIn)
        out.member("status", s.status.rawValue)
        out.optionalMember("deprecated_in", s.deprecatedIn)
        out.optionalMember("replaced_by", s.replacedBy)
        nonEmpty("tags", s.tags, into: &out)
        if let m = s.metadata {
            out.key("metadata")
            metadata(m, into: &out)
        }
        out.member("definition_ref", s.definitionRef)
        out.endObject()
        return out.finish()
    }

    /// A list member, left out when the list is empty.
    private static func nonEmpty(_ name: StaticString, _ items: [String], into out: inout JSONStream) {
        if !items.isEmpty { out.member(name, items) }
    }

    static func metadata(_ m: SignalMetadata, into out: inout JSONStream) {
        out.beginObject()
        out.optionalMember("suggested_severity", m.suggestedSeverity?.rawValue)
        nonEmpty("risk_domains", m.riskDomains, into: &out)
        nonEmpty("related_controls", m.relatedControls, into: &out)
        out.optionalMember("detection_notes", m.detectionNotes)
        nonEmpty("artifact_types", m.artifactTypes, into: &out)
        out.optionalMember("remediation_hint", m.remediationHint)
        if !m.sources.isEmpty {
            out.key("sources")
            sources(m.sources, into: &out)
        }
        out.endObject()
    }

    /// A signal's sources (the same shape in the definition and in the API's signal resource).
    static func sources(_ list: [SignalSource], into out: inout JSONStream) {
        out.beginArray()
        for src in list {
            out.beginObject()
            out.member("url", src.url)
            out.member("type", src.type)
            out.member("title", src.title)
            out.optionalMember("authority", src.authority)
            out.optionalMember("section", src.section)
            out.endObject()
        }
        out.endArray()
    }

    /// The registry index entry (registry-format-v1.0 §6-7).
    static func indexEntry(_ s: Signal, into out: inout JSONStream) {
        out.beginObject()
        out.member("id", s.id)
        out.member("domain", s.domain)
        out.member("category", s.category)
        out.member("name", s.canonicalName)
        out.member("definition_ref", s.definitionRef)
        out.member("introduced_in", s.introducedIn)
        out.member("status", s.status.rawValue)
        out.optionalMember("deprecated_in", s.deprecatedIn)
        out.optionalMember("replaced_by", s.replacedBy)
        nonEmpty("tags", s.tags, into: &out)
        out.endObject()
    }

    /// One signal's index entry, compact and pretty: the pretty form is indented for its place in the
    /// `signals` array of the bundle and the domain files (two levels down).
    struct IndexEntry: Sendable {
        var compact: [UInt8]
        var pretty: [UInt8]

        init(_ s: Signal) {
            var c = JSONStream(capacity: 384)
            SignalDocuments.indexEntry(s, into: &c)
            var p = JSONStream(style: .pretty, depth: 2, capacity: 512)
            SignalDocuments.indexEntry(s, into: &p)
            compact = c.bytes
            pretty = p.bytes
        }

        subscript(style: JSONWriter.Style) -> [UInt8] { style == .pretty ? pretty : compact }
    }
}
