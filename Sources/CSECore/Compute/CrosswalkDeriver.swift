/// Derives control-to-control links from the signals that map to both controls (docs/compute.md §2).
///
/// Work is indexed by signal class: the candidate pairs are the pairs of controls (in different
/// frameworks) that one class maps to, so the cost is the sum over classes of (controls per class)², never
/// controls² × signals.
public struct CrosswalkDeriver: Sendable {
    /// One signal class's aggregated mapping to one control.
    struct Entry: Sendable {
        /// The class's representative, as its position in ``representatives``.
        var representative: Int
        var relationship: Relationship
        var confidence: Double
        var signals: [String]
    }

    /// The controls any class maps to, sorted; a control is known below by its position here, so that the
    /// pair and class bookkeeping compares integers instead of hashing strings.
    let controls: [ControlKey]
    let controlNumbers: [ControlKey: Int]
    /// The class representatives (smallest signal ID of each class), sorted.
    let representatives: [String]
    /// Per control: its classes, sorted by representative.
    let controlClasses: [[Entry]]
    /// Per class: the controls it maps to, sorted.
    let classControls: [[Int]]

    public init(index: MappingIndex) {
        var byControl: [ControlKey: [String: Entry]] = [:]
        for (key, mappings) in index.byControl {
            var classes: [String: Entry] = [:]
            // `related` asserts no set relationship, so it bridges nothing.
            for m in mappings where m.relationship != .related {
                let rep = index.representative(m.source)
                if var e = classes[rep] {
                    e.relationship = min(e.relationship, m.relationship)
                    e.confidence = max(e.confidence, m.effectiveConfidence)
                    if !e.signals.contains(m.source) { e.signals.append(m.source) }
                    classes[rep] = e
                } else {
                    classes[rep] = Entry(representative: 0, relationship: m.relationship, confidence: m.effectiveConfidence, signals: [m.source])
                }
            }
            if !classes.isEmpty { byControl[key] = classes }
        }
        let controls = byControl.keys.sorted()
        var allRepresentatives = Set<String>()
        for classes in byControl.values { allRepresentatives.formUnion(classes.keys) }
        let representatives = allRepresentatives.sorted()
        let numbers = Dictionary(uniqueKeysWithValues: representatives.enumerated().map { ($1, $0) })
        var classControls = [[Int]](repeating: [], count: representatives.count)
        var controlClasses: [[Entry]] = []
        controlClasses.reserveCapacity(controls.count)
        for (c, key) in controls.enumerated() {
            var entries: [Entry] = []
            for (rep, entry) in byControl[key]! {
                var e = entry
                e.representative = numbers[rep]!
                entries.append(e)
            }
            entries.sort { $0.representative < $1.representative }
            // Controls are visited in order, so each class's list comes out sorted.
            for e in entries { classControls[e.representative].append(c) }
            controlClasses.append(entries)
        }
        self.controls = controls
        self.controlNumbers = Dictionary(uniqueKeysWithValues: controls.enumerated().map { ($1, $0) })
        self.representatives = representatives
        self.controlClasses = controlClasses
        self.classControls = classControls
    }

    /// Every pair of controls in different frameworks that some signal class bridges, with the source in the
    /// framework whose code sorts first; sorted.
    public func candidatePairs() -> [(ControlKey, ControlKey)] {
        numberedPairs().map { (controls[$0.0], controls[$0.1]) }
    }

    /// ``candidatePairs()`` as control positions. Positions follow the controls' order, so sorting the
    /// positions sorts the controls.
    private func numberedPairs() -> [(Int, Int)] {
        let n = controls.count
        var pairs = Set<Int>()
        for list in classControls where list.count > 1 {
            for i in list.indices {
                for j in (i + 1)..<list.count where controls[list[i]].framework != controls[list[j]].framework {
                    pairs.insert(list[i] * n + list[j])
                }
            }
        }
        return pairs.sorted().map { ($0 / n, $0 % n) }
    }

    /// Every derived link, one per bridged pair, source framework sorting first; sorted by source then target.
    public func allLinks() -> [CrosswalkLink] {
        numberedPairs().concurrentMap(minimumBatch: 256) { pair in derive(pair.0, pair.1)! }
    }

    /// The derived link between two controls, or nil when no signal class maps to both.
    public func derive(_ a: ControlKey, _ b: ControlKey) -> CrosswalkLink? {
        guard let na = controlNumbers[a], let nb = controlNumbers[b] else { return nil }
        return derive(na, nb)
    }

    /// Walks both controls' classes in representative order, so the confidence sums are always added in the
    /// same order (floating-point addition is not associative; a hash order would make the strength depend
    /// on the process).
    private func derive(_ a: Int, _ b: Int) -> CrosswalkLink? {
        let sa = controlClasses[a], sb = controlClasses[b]
        var bridges: [Bridge] = []
        var minSum = 0.0, maxSum = 0.0
        var i = 0, j = 0
        while i < sa.count || j < sb.count {
            if j == sb.count || (i < sa.count && sa[i].representative < sb[j].representative) {
                maxSum += sa[i].confidence
                i += 1
            } else if i == sa.count || sb[j].representative < sa[i].representative {
                maxSum += sb[j].confidence
                j += 1
            } else {
                let ea = sa[i], eb = sb[j]
                bridges.append(
                    Bridge(
                        signal: representatives[ea.representative], signals: Array(Set(ea.signals + eb.signals)).sorted(),
                        sourceRelationship: ea.relationship, sourceConfidence: ea.confidence,
                        targetRelationship: eb.relationship, targetConfidence: eb.confidence))
                minSum += min(ea.confidence, eb.confidence)
                maxSum += max(ea.confidence, eb.confidence)
                i += 1
                j += 1
            }
        }
        guard !bridges.isEmpty else { return nil }
        let sourceOnly = sa.count - bridges.count, targetOnly = sb.count - bridges.count
        return CrosswalkLink(
            source: controls[a], target: controls[b],
            relationship: Self.relationship(bridges: bridges, sourceOnly: sourceOnly, targetOnly: targetOnly),
            derivation: .directSignalBridge, strength: Self.round(minSum / maxSum), bridges: bridges,
            sourceOnly: sourceOnly, targetOnly: targetOnly)
    }

    /// The relationship rule of docs/compute.md §2.2.
    static func relationship(bridges: [Bridge], sourceOnly: Int, targetOnly: Int) -> SetRelationship {
        switch (sourceOnly > 0, targetOnly > 0) {
        case (false, true): return .subsetOf
        case (true, false): return .supersetOf
        case (true, true): return .intersectsWith
        case (false, false):
            if bridges.allSatisfy({ $0.sourceRelationship == $0.targetRelationship }) { return .equal }
            // Same signals, but related differently: what the signals imply through composition, when all
            // bridges that imply something agree.
            var implied = Set<SetRelationship>()
            for b in bridges {
                guard let toSource = SetRelationship(b.sourceRelationship), let toTarget = SetRelationship(b.targetRelationship),
                    let r = toSource.inverse.compose(toTarget)
                else { continue }
                implied.insert(r)
            }
            if implied.count == 1, let r = implied.first, r != .equal { return r }
            return .intersectsWith
        }
    }

    /// Four decimals, so that outputs do not depend on floating-point noise.
    static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// Whether the derived link's evidence excludes a declared relationship (docs/compute.md §3.3): a class on
    /// one side only is evidence that this side has content the other lacks.
    static func evidenceContradicts(_ declared: SetRelationship, sourceOnly: Int, targetOnly: Int) -> Bool {
        switch declared {
        case .equal: sourceOnly > 0 || targetOnly > 0
        case .subsetOf: sourceOnly > 0
        case .supersetOf: targetOnly > 0
        case .intersectsWith: false
        }
    }
}
