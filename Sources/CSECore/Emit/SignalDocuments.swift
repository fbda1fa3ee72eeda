import CSEDiagnostics

/// JSON shapes of signals: the full normalized definition and the registry index entry.
enum SignalDocuments {
    /// The full definition in canonical key order (signal-format-v1.0 field order), `definition_ref` filled.
    static func full(_ s: Signal) -> JSONValue {
        .object(dropping: [
            ("id", .string(s.id)),
            ("canonical_name", .string(s.canonicalName)),
            ("description", .string(s.description)),
            ("domain", .string(s.domain)),
            ("category", .string(s.category)),
            ("applicability", .string(s.applicability)),
            ("introduced_in", .string(s.introducedIn)),
            ("status", .string(s.status.rawValue)),
            ("deprecated_in", s.deprecatedIn.map(JSONValue.string)),
            ("replaced_by", s.replacedBy.map(JSONValue.string)),
            ("tags", s.tags.isEmpty ? nil : .array(s.tags.map(JSONValue.string))),
            ("metadata", s.metadata.map(metadata)),
            ("definition_ref", .string(s.definitionRef)),
        ])
    }

    static func metadata(_ m: SignalMetadata) -> JSONValue {
        func list(_ items: [String]) -> JSONValue? { items.isEmpty ? nil : .array(items.map(JSONValue.string)) }
        return .object(dropping: [
            ("suggested_severity", m.suggestedSeverity.map { .string($0.rawValue) }),
            ("risk_domains", list(m.riskDomains)),
            ("related_controls", list(m.relatedControls)),
            ("detection_notes", m.detectionNotes.map(JSONValue.string)),
            ("artifact_types", list(m.artifactTypes)),
            ("remediation_hint", m.remediationHint.map(JSONValue.string)),
            (
                "sources",
                m.sources.isEmpty
                    ? nil
                    : .array(
                        m.sources.map { src in
                            .object(dropping: [
                                ("url", .string(src.url)), ("type", .string(src.type)), ("title", .string(src.title)),
                                ("authority", src.authority.map(JSONValue.string)), ("section", src.section.map(JSONValue.string)),
                            ])
                        })
            ),
        ])
    }

    /// The registry index entry (registry-format-v1.0 §6-7).
    static func indexEntry(_ s: Signal) -> JSONValue {
        .object(dropping: [
            ("id", .string(s.id)),
            ("domain", .string(s.domain)),
            ("category", .string(s.category)),
            ("name", .string(s.canonicalName)),
            ("definition_ref", .string(s.definitionRef)),
            ("introduced_in", .string(s.introducedIn)),
            ("status", .string(s.status.rawValue)),
            ("deprecated_in", s.deprecatedIn.map(JSONValue.string)),
            ("replaced_by", s.replacedBy.map(JSONValue.string)),
            ("tags", s.tags.isEmpty ? nil : .array(s.tags.map(JSONValue.string))),
        ])
    }
}
