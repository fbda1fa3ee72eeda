/// Derives control-to-control links from the signals that map to both controls (docs/compute.md §2).
///
/// Work is indexed by signal class: the candidate pairs are the pairs of controls (in different
/// frameworks) that one class maps to, so the cost is the sum over classes of (controls per class)², never
/// controls² × signals.
public struct CrosswalkDeriver: Sendable {
    /// One signal class's aggregated mapping to one control.
    struct Entry: Sendable, Hashable {
        var relationship: Relationship
        var confidence: Double
        var signals: [String]
    }

    /// Per control: its signal classes (by representative).
    let controlClasses: [ControlKey: [String: Entry]]
    /// Per class: the controls it maps to, sorted.
    let classControls: [String: [ControlKey]]

    public init(index: MappingIndex) {
        var controlClasses: [ControlKey: [String: Entry]] = [:]
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
                    classes[rep] = Entry(relationship: m.relationship, confidence: m.effectiveConfidence, signals: [m.source])
                }
            }
            if !classes.isEmpty { controlClasses[key] = classes }
        }
        var classControls: [String: [ControlKey]] = [:]
        for (key, classes) in controlClasses {
            for rep in classes.keys { classControls[rep, default: []].append(key) }
        }
        for k in classControls.keys { classControls[k]!.sort() }
        self.controlClasses = controlClasses
        self.classControls = classControls
    }

    /// Every pair of controls in different frameworks that some signal class bridges, with the source in the
    /// framework whose code sorts first; sorted.
    public func candidatePairs() -> [(ControlKey, ControlKey)] {
        var pairs = Set<Pair>()
        for controls in classControls.values where controls.count > 1 {
            for i in controls.indices {
                for j in (i + 1)..<controls.count where controls[i].framework != controls[j].framework {
                    pairs.insert(Pair(a: controls[i], b: controls[j]))
                }
            }
        }
        return pairs.sorted { ($0.a, $0.b) < ($1.a, $1.b) }.map { ($0.a, $0.b) }
    }

    struct Pair: Hashable { var a: ControlKey, b: ControlKey }

    /// Every derived link, one per bridged pair, source framework sorting first; sorted by source then target.
    public func allLinks() -> [CrosswalkLink] {
        candidatePairs().concurrentMap(minimumBatch: 256) { pair in derive(pair.0, pair.1)! }
    }

    /// The derived link between two controls, or nil when no signal class maps to both.
    public func derive(_ a: ControlKey, _ b: ControlKey) -> CrosswalkLink? {
        guard let sa = controlClasses[a], let sb = controlClasses[b] else { return nil }
        var bridges: [Bridge] = []
        var minSum = 0.0, maxSum = 0.0
        for (rep, ea) in sa {
            if let eb = sb[rep] {
                bridges.append(
                    Bridge(
                        signal: rep, signals: Array(Set(ea.signals + eb.signals)).sorted(), sourceRelationship: ea.relationship,
                        sourceConfidence: ea.confidence, targetRelationship: eb.relationship, targetConfidence: eb.confidence))
                minSum += min(ea.confidence, eb.confidence)
                maxSum += max(ea.confidence, eb.confidence)
            } else {
                maxSum += ea.confidence
            }
        }
        guard !bridges.isEmpty else { return nil }
        for (rep, eb) in sb where sa[rep] == nil { maxSum += eb.confidence }
        bridges.sort()
        let sourceOnly = sa.count - bridges.count, targetOnly = sb.count - bridges.count
        return CrosswalkLink(
            source: a, target: b,
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
