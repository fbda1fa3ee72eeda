public import CSEDiagnostics
import Foundation

/// Which controls of chosen frameworks open findings reach, and which controls no signal reaches
/// (docs/compute.md §6).
public struct GapAnalysis: Sendable {
    public struct AffectedControl: Sendable, Hashable {
        public var control: Control
        /// Open findings whose signal (or a signal equivalent to it) maps to the control, sorted by ID.
        public var findings: [Finding]
        /// The signals carrying those mappings, sorted.
        public var signals: [String]
        public var strongest: Relationship
        /// Most severe severity among the findings, when any has one.
        public var maxSeverity: Severity?
    }

    public struct FamilySummary: Sendable, Hashable {
        public var family: ControlFamily
        public var controls: Int
        public var affected: Int
        public var blindSpots: Int
    }

    public struct FrameworkGaps: Sendable, Hashable {
        public var framework: Framework
        public var controls: Int
        public var mapped: Int
        public var affected: [AffectedControl]
        /// Non-withdrawn controls with no mapped signal, in catalog order.
        public var blindSpots: [Control]
        public var families: [FamilySummary]
    }

    public var input: String
    public var registryVersion: String
    public var findingCount: Int
    public var openFindingCount: Int
    public var openSignals: [String]
    public var frameworks: [FrameworkGaps]

    /// Unknown framework codes, as diagnostics with suggestions.
    public static func checkFrameworks(_ codes: [String], registry: Registry) -> [Diagnostic] {
        codes.filter { registry.framework($0) == nil }.map { code in
            let suggestion = Suggestions.closest(to: code, in: registry.frameworks.map(\.code))
            return Diagnostic(
                .gapUnknownFramework, range: nil,
                summary: "framework '\(code)' has no catalog in frameworks/" + Suggestions.didYouMean(suggestion),
                hint: "known frameworks: \(registry.frameworks.map(\.code).joined(separator: ", "))")
        }
    }

    /// Analyses known frameworks only (check them first with `checkFrameworks`).
    public init(registry: Registry, index: MappingIndex, findings: [Finding], frameworks codes: [String], input: String) {
        self.input = input
        registryVersion = registry.config.version
        var findings = findings
        for i in findings.indices where findings[i].severity == nil {
            findings[i].severity = registry.signal(findings[i].signal)?.metadata?.suggestedSeverity?.rawValue
        }
        let open = findings.filter(\.isOpen).sorted { $0.id < $1.id }
        findingCount = findings.count
        openFindingCount = open.count
        openSignals = Array(Set(open.map(\.signal))).sorted()
        var seenCodes = Set<String>()
        frameworks = codes.filter { seenCodes.insert($0).inserted }.compactMap(registry.framework).map { fw in
            var hits: [String: (findings: [Finding], signals: Set<String>, strongest: Relationship)] = [:]
            for f in open {
                for s in index.equivalenceClass(f.signal) {
                    for m in index.mappings(from: s) {
                        guard let key = m.controlKey, key.framework == fw.code else { continue }
                        var h = hits[key.control] ?? ([], [], m.relationship)
                        if !h.findings.contains(f) { h.findings.append(f) }
                        h.signals.insert(s)
                        h.strongest = min(h.strongest, m.relationship)
                        hits[key.control] = h
                    }
                }
            }
            var affected: [AffectedControl] = []
            var blind: [Control] = []
            var families: [FamilySummary] = []
            var controls = 0, mapped = 0
            for family in fw.families {
                var summary = FamilySummary(family: family, controls: 0, affected: 0, blindSpots: 0)
                for control in family.controlIDs.compactMap(fw.control) where !control.withdrawn {
                    summary.controls += 1
                    controls += 1
                    if let h = hits[control.id] {
                        summary.affected += 1
                        affected.append(
                            AffectedControl(
                                control: control, findings: h.findings, signals: h.signals.sorted(), strongest: h.strongest,
                                maxSeverity: h.findings.compactMap { $0.severity.flatMap(Severity.init(rawValue:)) }.min()))
                    }
                    if index.mappings(to: ControlKey(fw.code, control.id)).isEmpty {
                        summary.blindSpots += 1
                        blind.append(control)
                    } else {
                        mapped += 1
                    }
                }
                families.append(summary)
            }
            return FrameworkGaps(framework: fw, controls: controls, mapped: mapped, affected: affected, blindSpots: blind, families: families)
        }
    }

    // MARK: - Output

    public func json() -> JSONValue {
        .object([
            ("schema_version", "1.0"),
            ("registry_version", .string(registryVersion)),
            (
                "input",
                .object([
                    ("file", .string(input)), ("findings", .int(findingCount)), ("open_findings", .int(openFindingCount)),
                    ("open_signals", .array(openSignals.map(JSONValue.string))),
                ])
            ),
            (
                "frameworks",
                .array(
                    frameworks.map { fw in
                        .object([
                            ("code", .string(fw.framework.code)), ("name", .string(fw.framework.name)),
                            ("version", .string(fw.framework.version)),
                            (
                                "summary",
                                .object([
                                    ("controls", .int(fw.controls)), ("mapped", .int(fw.mapped)), ("affected", .int(fw.affected.count)),
                                    ("blind_spots", .int(fw.blindSpots.count)),
                                ])
                            ),
                            (
                                "affected_controls",
                                .array(
                                    fw.affected.map { a in
                                        .object(dropping: [
                                            ("id", .string(a.control.id)), ("title", .string(a.control.title)),
                                            ("family", .string(a.control.family)),
                                            ("strongest_relationship", .string(a.strongest.rawValue)),
                                            ("max_severity", a.maxSeverity.map { .string($0.rawValue) }),
                                            ("signals", .array(a.signals.map(JSONValue.string))),
                                            (
                                                "findings",
                                                .array(
                                                    a.findings.map { f in
                                                        .object(dropping: [
                                                            ("id", .string(f.id)), ("signal", .string(f.signal)), ("status", .string(f.status)),
                                                            ("severity", f.severity.map(JSONValue.string)),
                                                        ])
                                                    })
                                            ),
                                        ])
                                    })
                            ),
                            (
                                "blind_spots",
                                .array(
                                    fw.blindSpots.map {
                                        .object([("id", .string($0.id)), ("title", .string($0.title)), ("family", .string($0.family))])
                                    })
                            ),
                            (
                                "families",
                                .array(
                                    fw.families.map { f in
                                        .object([
                                            ("id", .string(f.family.id)), ("title", .string(f.family.title)),
                                            ("technical", .bool(f.family.technical)), ("controls", .int(f.controls)),
                                            ("affected", .int(f.affected)), ("blind_spots", .int(f.blindSpots)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    /// One row per affected control and per blind spot.
    public func csv() -> String {
        var out = "framework,family,control,title,status,max_severity,signals,findings\n"
        for fw in frameworks {
            let affected = Dictionary(fw.affected.map { ($0.control.id, $0) }, uniquingKeysWith: { a, _ in a })
            let blind = Set(fw.blindSpots.map(\.id))
            for family in fw.framework.families {
                for control in family.controlIDs.compactMap(fw.framework.control) {
                    if let a = affected[control.id] {
                        out += CSV.row([
                            fw.framework.code, control.family, control.id, control.title, "affected", a.maxSeverity?.rawValue ?? "",
                            a.signals.joined(separator: ";"), a.findings.map(\.id).joined(separator: ";"),
                        ])
                    }
                    if blind.contains(control.id) {
                        out += CSV.row([fw.framework.code, control.family, control.id, control.title, "blind-spot", "", "", ""])
                    }
                }
            }
        }
        return out
    }

    public func markdown() -> String {
        var out = "# Gap analysis\n\n"
        out += "Input `\(input)`: \(findingCount) finding(s), \(openFindingCount) open, on \(openSignals.count) signal(s).\n"
        for fw in frameworks {
            out += "\n## \(fw.framework.code): \(Escaping.markdownInline(fw.framework.name))\n\n"
            out += "\(fw.affected.count) of \(fw.controls) controls are affected by open findings; "
            out += "\(fw.blindSpots.count) have no mapped signal (blind spots).\n"
            out += "\n### Affected controls\n\n"
            if fw.affected.isEmpty {
                out += "None.\n"
            } else {
                out += "| Control | Title | Family | Severity | Findings | Signals |\n|---|---|---|---|---|---|\n"
                for a in fw.affected {
                    out += Markdown.row([
                        a.control.id, a.control.title, a.control.family, a.maxSeverity?.rawValue ?? "",
                        a.findings.map(\.id).joined(separator: ", "), a.signals.joined(separator: ", "),
                    ])
                }
            }
            out += "\n### Blind spots\n\n"
            if fw.blindSpots.isEmpty {
                out += "None.\n"
            } else {
                out += "| Control | Title | Family |\n|---|---|---|\n"
                for c in fw.blindSpots { out += Markdown.row([c.id, c.title, c.family]) }
            }
            out += "\n### By family\n\n| Family | Title | Controls | Affected | Blind spots |\n|---|---|---|---|---|\n"
            for f in fw.families {
                out += Markdown.row([f.family.id, f.family.title, String(f.controls), String(f.affected), String(f.blindSpots)])
            }
        }
        return out
    }
}

/// RFC 4180 rows.
enum CSV {
    static func row(_ fields: [String]) -> String { fields.map(Escaping.csvField).joined(separator: ",") + "\n" }
}

/// GitHub-flavoured markdown table rows.
enum Markdown {
    static func row(_ cells: [String]) -> String { "| " + cells.map(Escaping.markdownInline).joined(separator: " | ") + " |\n" }
}
