import CSEDiagnostics

/// Rules of the `strict` profile, for registries that promise complete metadata (this repository's own).
struct StrictRules {
    var signals: [Signal]
    var mappings: [Mapping]
    var folders: [SignalFolder]

    func run() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let mapped = Set(mappings.map(\.source))
        for s in signals {
            var missing: [String] = []
            let m = s.metadata
            if m?.suggestedSeverity == nil { missing.append("suggested_severity") }
            if m?.riskDomains.isEmpty ?? true { missing.append("risk_domains") }
            if m?.detectionNotes == nil { missing.append("detection_notes") }
            if m?.sources.isEmpty ?? true { missing.append("sources") }
            if m?.artifactTypes.isEmpty ?? true { missing.append("artifact_types") }
            if !missing.isEmpty {
                out.append(
                    Diagnostic(
                        .signalIncompleteMetadata,
                        range: s.range(of: s.metadata == nil ? "id" : "metadata"),
                        summary: "metadata lacks \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                        hint: "the strict profile (cse.yaml validation.profile) asks every signal for complete metadata"))
            }
            if !mapped.contains(s.id) {
                out.append(
                    Diagnostic(
                        .signalUnmapped, range: s.range(of: "id"),
                        summary: "'\(s.id)' maps to no control",
                        hint: "add a mappings.yaml beside the signal with at least one control mapping"))
            }
        }
        return out
    }
}
