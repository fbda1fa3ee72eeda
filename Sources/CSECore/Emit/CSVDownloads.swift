import CSEDiagnostics

/// The CSV downloads people ask for beside the JSON (docs/build.md "Downloads"): one row per signal for the
/// whole registry, one row per mapping for each framework, one row per control for coverage. RFC 4180
/// (fields quoted only when they hold a comma, a quote or a line break), LF line ends, a header row, rows
/// in the order of the JSON documents they mirror.
enum CSVDownloads {
    /// `cse-registry.csv` (output `bundle`): every signal.
    static let registryPath = "cse-registry.csv"
    /// `mappings/<CODE>.csv` (output `mappings`): the framework's mappings.
    static func mappingsPath(_ code: String) -> String { "mappings/\(code).csv" }
    /// `coverage/controls.csv` (output `compute`): every control of every framework, with its coverage.
    static let coveragePath = "coverage/controls.csv"

    static func registry(_ registry: Registry) -> [UInt8] {
        let activeMappings = Dictionary(grouping: registry.mappings.lazy.filter { $0.status == "active" }) { $0.source }
        let reached = registry.frameworksReached()
        var out = CSV.row([
            "id", "domain", "category", "name", "status", "severity", "introduced_in", "deprecated_in", "replaced_by", "tags",
            "artifact_types", "frameworks", "mapping_count", "description",
        ])
        for s in registry.signals {
            let mappings = activeMappings[s.id] ?? []
            out += CSV.row([
                s.id, s.domain, s.category, s.canonicalName, s.status.rawValue, s.metadata?.suggestedSeverity?.rawValue ?? "", s.introducedIn,
                s.deprecatedIn ?? "", s.replacedBy ?? "", s.tags.joined(separator: " "), (s.metadata?.artifactTypes ?? []).joined(separator: " "),
                (reached[s.id] ?? []).joined(separator: " "), String(mappings.count), s.description,
            ])
        }
        return Array(out.utf8)
    }

    /// The mappings of one framework, at `indices` of `registry.mappings`.
    static func mappings(_ framework: Framework, indices: [Int], registry: Registry) -> [UInt8] {
        var out = CSV.row([
            "mapping_id", "signal_id", "signal_name", "framework", "control_id", "control_title", "relationship", "confidence", "status",
            "provenance", "justification",
        ])
        for i in indices {
            let m = registry.mappings[i]
            guard case .control(_, let control) = m.target else { continue }
            out += CSV.row([
                m.id, m.source, registry.signal(m.source)?.canonicalName ?? "", framework.code, control, framework.control(control)?.title ?? "",
                m.relationship.rawValue, m.confidence.map { String($0) } ?? "", m.status, m.provenance.rawValue, m.justification ?? "",
            ])
        }
        return Array(out.utf8)
    }

    static func coverage(_ coverage: Coverage) -> [UInt8] {
        Array(coverage.csv().utf8)
    }
}

extension Coverage {
    /// One row per control: framework, family, control, title, kind, withdrawn, mapped, signal count and the
    /// strongest relationship a mapping to it claims (`cse coverage --format csv`, `coverage/controls.csv`).
    public func csv() -> String {
        var out = CSV.row(["framework", "family", "control_id", "control_title", "kind", "withdrawn", "mapped", "signal_count", "strongest_relationship"])
        for fw in frameworks {
            for family in fw.families {
                for c in family.controls {
                    out += CSV.row([
                        fw.framework.code, family.family.id, c.control.id, c.control.title, c.control.kind ?? "control", c.control.withdrawn ? "yes" : "no",
                        c.mapped ? "yes" : "no", String(c.signalCount), c.strongest?.rawValue ?? "",
                    ])
                }
            }
        }
        return out
    }
}
