import CSEDiagnostics

/// Checks declared crosswalks against the framework catalogs, against each other and against the signal
/// evidence (docs/compute.md §3).
struct CrosswalkRules {
    var crosswalks: [DeclaredCrosswalk]
    var frameworks: [Framework]
    var mappings: [Mapping]

    func run() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let byCode = Dictionary(frameworks.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var valid: [(DeclaredCrosswalk.Row, DeclaredCrosswalk)] = []
        for cw in crosswalks {
            let name = cw.file.split(separator: "/").last.map(String.init) ?? cw.file
            let expected = "\(cw.sourceFramework)-to-\(cw.targetFramework).yaml"
            if name != expected {
                out.append(
                    Diagnostic(
                        .crosswalkFileName, range: cw.sourceFrameworkRange,
                        summary: "crosswalk from \(cw.sourceFramework) to \(cw.targetFramework) is in '\(name)'",
                        hint: "name the file '\(expected)' so that each framework pair has one place"))
            }
            if cw.sourceFramework == cw.targetFramework {
                out.append(
                    Diagnostic(
                        .crosswalkSameFramework, range: cw.targetFrameworkRange,
                        summary: "crosswalk maps \(cw.sourceFramework) to itself",
                        hint: "a crosswalk links controls of two different frameworks"))
                continue
            }
            var known = true
            for (code, range) in [(cw.sourceFramework, cw.sourceFrameworkRange), (cw.targetFramework, cw.targetFrameworkRange)]
            where byCode[code] == nil {
                known = false
                let suggestion = Suggestions.closest(to: code, in: byCode.keys)
                out.append(
                    Diagnostic(
                        .crosswalkUnknownFramework, range: range,
                        summary: "framework '\(code)' has no catalog in frameworks/" + Suggestions.didYouMean(suggestion),
                        hint: "known frameworks: \(byCode.keys.sorted().joined(separator: ", "))"))
            }
            guard known, let sf = byCode[cw.sourceFramework], let tf = byCode[cw.targetFramework] else { continue }
            var seen: [String: DeclaredCrosswalk.Row] = [:]
            var indexes: [String: SuggestionIndex] = [:]
            for row in cw.rows {
                var ok = true
                for (fw, id, range) in [(sf, row.source, row.sourceRange), (tf, row.target, row.targetRange)] where fw.control(id) == nil {
                    ok = false
                    if indexes[fw.code] == nil { indexes[fw.code] = SuggestionIndex(fw.controls.map(\.id)) }
                    let suggestion = indexes[fw.code]?.closest(to: id)
                    out.append(
                        Diagnostic(
                            .crosswalkUnknownControl, range: range,
                            summary: "control '\(id)' does not exist in \(fw.code)" + Suggestions.didYouMean(suggestion),
                            hint: "use a control ID exactly as frameworks/\(fw.code)/controls.yaml writes it"))
                }
                let key = row.source + "\u{0}" + row.target
                if let first = seen[key] {
                    out.append(
                        Diagnostic(
                            .crosswalkDuplicateRow, range: row.sourceRange,
                            summary: "row '\(row.source)' to '\(row.target)' is listed twice",
                            hint: "keep one row per pair of controls", notes: [.init(range: first.sourceRange, message: "first listed here")]))
                    continue
                }
                seen[key] = row
                if ok { valid.append((row, cw)) }
            }
        }

        // A row and the row declared in the other direction must be inverses.
        var byDirection: [String: (DeclaredCrosswalk.Row, DeclaredCrosswalk)] = [:]
        for (row, cw) in valid {
            byDirection["\(cw.sourceFramework)\u{0}\(row.source)\u{0}\(cw.targetFramework)\u{0}\(row.target)"] = (row, cw)
        }
        for (row, cw) in valid {
            let reverseKey = "\(cw.targetFramework)\u{0}\(row.target)\u{0}\(cw.sourceFramework)\u{0}\(row.source)"
            guard let (other, otherCW) = byDirection[reverseKey], other.relationship != row.relationship.inverse else { continue }
            // Report once, on the row whose file sorts later.
            guard (cw.file, row.sourceRange.start) > (otherCW.file, other.sourceRange.start) else { continue }
            out.append(
                Diagnostic(
                    .crosswalkInverseContradiction, range: row.relationshipRange,
                    summary: "\(cw.sourceFramework) '\(row.source)' is declared \(row.relationship.rawValue) \(cw.targetFramework) '\(row.target)', "
                        + "but the inverse row says \(other.relationship.rawValue) (expected \(row.relationship.inverse.rawValue))",
                    hint: "a row and its inverse must agree: subset-of reverses to superset-of, equal and intersects-with to themselves",
                    notes: [.init(range: other.relationshipRange, message: "inverse row declared here")]))
        }

        // Declared against derived: warn when the signal evidence excludes the declared relationship.
        // An `equal` row between a framework and the one it is `based_on`, for the same identifier, is an
        // identity (FedRAMP's AC-2 is SP 800-53's AC-2), not a claim the signals could contradict: one-sided
        // mappings there measure mapping coverage, which coverage and gap analysis report.
        let evidenced = valid.filter { row, cw in
            let identity =
                row.relationship == .equal && row.source == row.target
                && (byCode[cw.sourceFramework]?.basedOn == cw.targetFramework || byCode[cw.targetFramework]?.basedOn == cw.sourceFramework)
            return !identity
        }
        // Only the mappings a derivation reads: those to the rows' controls, and every signal-to-signal
        // mapping (they form the equivalence classes). Indexing all of them costs more than the rules.
        guard !evidenced.isEmpty else { return out }
        var rowControls: Set<ControlKey> = []
        for (row, cw) in evidenced {
            rowControls.insert(ControlKey(cw.sourceFramework, row.source))
            rowControls.insert(ControlKey(cw.targetFramework, row.target))
        }
        let relevant = mappings.filter { m in m.controlKey.map(rowControls.contains) ?? true }
        let registry = Registry(config: RegistryConfig(), signals: [], frameworks: [], mappings: relevant)
        let deriver = CrosswalkDeriver(index: MappingIndex(registry))
        for (row, cw) in evidenced {
            guard
                let derived = deriver.derive(
                    ControlKey(cw.sourceFramework, row.source), ControlKey(cw.targetFramework, row.target)),
                CrosswalkDeriver.evidenceContradicts(row.relationship, sourceOnly: derived.sourceOnly, targetOnly: derived.targetOnly)
            else { continue }
            out.append(
                Diagnostic(
                    .crosswalkDerivedDisagrees, range: row.relationshipRange,
                    summary: "\(cw.sourceFramework) '\(row.source)' is declared \(row.relationship.rawValue) \(cw.targetFramework) '\(row.target)', "
                        + "but their signals derive \(derived.relationship.rawValue) (\(derived.sourceOnly) signal(s) only on '\(row.source)', "
                        + "\(derived.targetOnly) only on '\(row.target)')",
                    hint: "check the declared relationship, or map the one-sided signals to the other control too"))
        }
        return out
    }
}
