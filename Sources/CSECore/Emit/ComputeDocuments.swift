public import CSEDiagnostics
import Foundation

/// JSON, CSV and markdown shapes of the compute stage's results, shared by `cse build` and the commands.
public enum ComputeDocuments {
    /// A signal's signal-to-signal mappings, both directions, as the mapping index and the API publish them.
    static func equivalents(of id: String, index: MappingIndex) -> JSONValue {
        .array(
            (index.equivalents[id] ?? []).map { e in
                .object([
                    ("signal", .string(e.signal)), ("relationship", .string(e.relationship.rawValue)),
                    ("direction", .string(e.inverse ? "incoming" : "outgoing")),
                ])
            })
    }

    static func frameworkRef(_ fw: Framework) -> JSONValue {
        .object([("code", .string(fw.code)), ("name", .string(fw.name)), ("version", .string(fw.version))])
    }

    static func controlRef(_ key: ControlKey, registry: Registry) -> JSONValue {
        .object(dropping: [
            ("framework", .string(key.framework)), ("id", .string(key.control)),
            ("title", registry.framework(key.framework)?.control(key.control).map { .string($0.title) }),
        ])
    }

    // MARK: Crosswalks

    public static func link(_ l: CrosswalkLink, registry: Registry) -> JSONValue {
        var evidence: JSONValue?
        if l.derivation == .directSignalBridge {
            evidence = .object([
                (
                    "bridging_signals",
                    .array(
                        l.bridges.map { b in
                            .object([
                                ("id", .string(b.signal)), ("signals", .array(b.signals.map(JSONValue.string))),
                                ("source_relationship", .string(b.sourceRelationship.rawValue)), ("source_confidence", .double(b.sourceConfidence)),
                                ("target_relationship", .string(b.targetRelationship.rawValue)), ("target_confidence", .double(b.targetConfidence)),
                            ])
                        })
                ),
                ("source_only_signals", .int(l.sourceOnly)), ("target_only_signals", .int(l.targetOnly)),
            ])
        }
        return .object(dropping: [
            ("source", controlRef(l.source, registry: registry)),
            ("target", controlRef(l.target, registry: registry)),
            ("relationship", .string(l.relationship.rawValue)),
            ("derivation", .string(l.derivation.description)),
            ("strength", l.strength.map(JSONValue.double)),
            ("via", l.via.map { controlRef($0, registry: registry) }),
            ("provenance", l.provenance.map { .string($0.rawValue) }),
            ("justification", l.justification.map(JSONValue.string)),
            ("reference", l.reference.map(JSONValue.string)),
            ("evidence", evidence),
        ])
    }

    static func counts(_ links: [CrosswalkLink]) -> JSONValue {
        var derivations: [String: Int] = ["declared": 0, "inverse-of-declared": 0, "transitive": 0, "direct-signal-bridge": 0]
        var relationships: [String: Int] = Dictionary(uniqueKeysWithValues: SetRelationship.allCases.map { ($0.rawValue, 0) })
        for l in links {
            let d: String
            if case .transitive = l.derivation { d = "transitive" } else { d = l.derivation.description }
            derivations[d, default: 0] += 1
            relationships[l.relationship.rawValue, default: 0] += 1
        }
        return .object([
            ("links", .int(links.count)),
            ("by_derivation", .sortedObject(derivations.mapValues(JSONValue.int))),
            ("by_relationship", .sortedObject(relationships.mapValues(JSONValue.int))),
        ])
    }

    /// `crosswalks/<A>--<B>.json` and `cse crosswalk A B --format json`.
    public static func crosswalk(from a: Framework, to b: Framework, links: [CrosswalkLink], registry: Registry) -> JSONValue {
        .object([
            ("schema_version", "1.0"),
            ("registry_version", .string(registry.config.version)),
            ("source_framework", frameworkRef(a)),
            ("target_framework", frameworkRef(b)),
            ("counts", counts(links)),
            ("links", .array(links.map { link($0, registry: registry) })),
        ])
    }

    public static func crosswalkCSV(_ links: [CrosswalkLink]) -> String {
        var out = "source_framework,source_control,target_framework,target_control,relationship,derivation,strength,bridging_signals,via,provenance,reference\n"
        for l in links {
            out += CSV.row([
                l.source.framework, l.source.control, l.target.framework, l.target.control, l.relationship.rawValue, l.derivation.description,
                l.strength.map { String($0) } ?? "", l.bridges.map(\.signal).joined(separator: ";"), l.via.map(\.description) ?? "",
                l.provenance?.rawValue ?? "", l.reference ?? "",
            ])
        }
        return out
    }

    public static func crosswalkMarkdown(from a: Framework, to b: Framework, links: [CrosswalkLink], registry: Registry) -> String {
        var out = "# Crosswalk \(a.code) to \(b.code)\n\n\(Escaping.markdownInline(a.name)) to \(Escaping.markdownInline(b.name)): \(links.count) link(s).\n\n"
        out += "| \(a.code) | \(b.code) | Relationship | Derivation | Strength | Evidence |\n|---|---|---|---|---|---|\n"
        for l in links {
            let evidence = l.derivation == .directSignalBridge ? l.bridges.map(\.signal).joined(separator: ", ") : (l.reference ?? l.justification ?? "")
            out += Markdown.row([
                l.source.control, l.target.control, l.relationship.rawValue, l.derivation.description,
                l.strength.map { String(format: "%.2f", $0) } ?? "", evidence,
            ])
        }
        return out
    }

    // MARK: Mapping index

    static func mappingEntry(_ m: Mapping) -> [(String, JSONValue?)] {
        [
            ("relationship", .string(m.relationship.rawValue)), ("provenance", .string(m.provenance.rawValue)),
            ("confidence", .double(m.effectiveConfidence)), ("justification", m.justification.map(JSONValue.string)),
        ]
    }

    /// `mappings/by-control/<FW>.json`.
    static func byControl(_ fw: Framework, index: MappingIndex, registry: Registry) -> JSONValue {
        .object([
            ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)), ("framework", frameworkRef(fw)),
            (
                "controls",
                .array(
                    fw.controls.map { c in
                        .object(dropping: [
                            ("id", .string(c.id)), ("title", .string(c.title)), ("family", .string(c.family)),
                            ("parent", c.parent.map(JSONValue.string)), ("withdrawn", c.withdrawn ? .bool(true) : nil),
                            (
                                "mappings",
                                .array(
                                    index.mappings(to: ControlKey(fw.code, c.id)).map { m in
                                        .object(dropping: [("signal", .string(m.source))] + mappingEntry(m))
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    /// `mappings/by-signal.json`.
    static func bySignal(index: MappingIndex, registry: Registry) -> JSONValue {
        .object([
            ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)),
            (
                "signals",
                .array(
                    registry.signals.map { s in
                        let grouped = Dictionary(grouping: index.mappings(from: s.id)) { $0.controlKey!.framework }
                        return .object([
                            ("id", .string(s.id)),
                            (
                                "controls",
                                .sortedObject(
                                    grouped.mapValues { list in
                                        .array(list.map { m in .object(dropping: [("control", .string(m.controlKey!.control))] + mappingEntry(m)) })
                                    })
                            ),
                            ("equivalents", equivalents(of: s.id, index: index)),
                        ])
                    })
            ),
        ])
    }

    // MARK: Coverage and statistics

    static func tally(_ t: Coverage.Tally) -> [(String, JSONValue)] {
        [("control_count", .int(t.controls)), ("mapped_count", .int(t.mapped)), ("share", .double(t.share))]
    }

    /// `coverage/index.json`; `file` is each framework's coverage document as a link from the document that
    /// holds the index (by default `coverage/index.json` itself).
    public static func coverageIndex(_ coverage: Coverage, registry: Registry, file: (String) -> String = { "\($0).json" }) -> JSONValue {
        .object([
            ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)),
            (
                "frameworks",
                .array(
                    coverage.frameworks.map { f in
                        .object(
                            [("code", .string(f.framework.code)), ("name", .string(f.framework.name))] + tally(f.tally) + [
                                ("technical", .object(tally(f.technical))), ("signal_count", .int(f.signalCount)),
                                ("mapping_count", .int(f.mappingCount)), ("withdrawn_count", .int(f.withdrawnCount)),
                                ("file", .string(file(f.framework.code))),
                            ])
                    })
            ),
        ])
    }

    public static func coverage(_ f: Coverage.FrameworkCoverage, registry: Registry) -> JSONValue {
        .object([
            ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)), ("framework", frameworkRef(f.framework)),
            ("summary", .object(tally(f.tally) + [("technical", .object(tally(f.technical))), ("signal_count", .int(f.signalCount))])),
            (
                "families",
                .array(
                    f.families.map { fam in
                        .object(
                            [("id", .string(fam.family.id)), ("title", .string(fam.family.title)), ("technical", .bool(fam.family.technical))]
                                + tally(fam.tally) + [
                                    (
                                        "controls",
                                        .array(
                                            fam.controls.map { c in
                                                .object(dropping: [
                                                    ("id", .string(c.control.id)), ("title", .string(c.control.title)), ("mapped", .bool(c.mapped)),
                                                    ("signal_count", .int(c.signalCount)),
                                                    ("strongest_relationship", c.strongest.map { .string($0.rawValue) }),
                                                    ("withdrawn", c.control.withdrawn ? .bool(true) : nil),
                                                ])
                                            })
                                    )
                                ])
                    })
            ),
        ])
    }

    public static func coverageMarkdown(_ coverage: Coverage) -> String {
        var out = "# Coverage\n"
        for f in coverage.frameworks {
            out += "\n## \(f.framework.code): \(Escaping.markdownInline(f.framework.name))\n\n"
            out += "\(f.tally.mapped) of \(f.tally.controls) controls have at least one mapped signal (\(String(format: "%.1f", f.tally.share * 100))%)"
            if f.technical.controls > 0 {
                out += "; technical families \(f.technical.mapped) of \(f.technical.controls) (\(String(format: "%.1f", f.technical.share * 100))%)"
            }
            out += ".\n\n| Family | Title | Technical | Mapped | Controls | Share |\n|---|---|---|---|---|---|\n"
            for fam in f.families {
                out += Markdown.row([
                    fam.family.id, fam.family.title, fam.family.technical ? "yes" : "no", String(fam.tally.mapped), String(fam.tally.controls),
                    String(format: "%.1f%%", fam.tally.share * 100),
                ])
            }
        }
        return out
    }

    static func severities(_ counts: [String: Int]) -> JSONValue {
        .object((Severity.allCases.map(\.rawValue) + ["unspecified"]).map { ($0, .int(counts[$0] ?? 0)) })
    }

    static func group(_ g: RegistryStatistics.Group) -> [(String, JSONValue)] {
        [
            ("name", .string(g.name)), ("signal_count", .int(g.signalCount)), ("active", .int(g.active)), ("deprecated", .int(g.deprecated)),
            ("severities", severities(g.severities)),
        ]
    }

    public static func stats(_ s: RegistryStatistics, context: BuildContext) -> JSONValue {
        .object([
            ("schema_version", "1.0"), ("registry_version", .string(context.config.version)), ("published_at", .string(context.publishedAt)),
            (
                "totals",
                .object([
                    ("signals", .int(s.totals.signalCount)), ("active", .int(s.totals.active)), ("deprecated", .int(s.totals.deprecated)),
                    ("severities", severities(s.totals.severities)), ("domains", .int(s.domains.count)),
                    ("frameworks", .int(s.frameworkCount)), ("controls", .int(s.controlCount)),
                    ("control_mappings", .int(s.controlMappings)), ("equivalence_mappings", .int(s.equivalenceMappings)),
                    ("signals_mapped", .int(s.signalsMapped)), ("declared_crosswalk_rows", .int(s.declaredCrosswalkRows)),
                    ("derived_crosswalk_links", .int(s.derivedCrosswalkLinks)), ("transitive_crosswalk_links", .int(s.transitiveCrosswalkLinks)),
                ])
            ),
            ("domains", .array(s.domains.map { d in .object(group(d) + [("categories", .array(d.categories.map { .object(group($0)) }))]) })),
        ])
    }
}
