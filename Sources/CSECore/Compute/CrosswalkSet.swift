/// Every crosswalk row between every pair of frameworks: derived from signals, declared, inverses of declared
/// rows, and one-hop transitive compositions of those (docs/compute.md §2-4).
public struct CrosswalkSet: Sendable {
    /// Rows from signal bridges, source framework sorting first.
    public private(set) var derived: [CrosswalkLink] = []
    /// Declared rows whose frameworks and controls exist, as written.
    public private(set) var declared: [CrosswalkLink] = []
    /// Inverses of declared rows that have no declared row in the other direction.
    public private(set) var inverses: [CrosswalkLink] = []
    /// Compositions of two declared or inverse rows through a control of a third framework.
    public private(set) var transitive: [CrosswalkLink] = []

    /// Rows per ordered framework pair (both orientations), sorted.
    private var byPair: [OrderedPair: [CrosswalkLink]] = [:]

    struct OrderedPair: Hashable { var source: String, target: String }

    public init(registry: Registry, index: MappingIndex) {
        derived = CrosswalkDeriver(index: index).allLinks()
        for cw in registry.crosswalks {
            guard let sf = registry.framework(cw.sourceFramework), let tf = registry.framework(cw.targetFramework), sf.code != tf.code
            else { continue }
            declared += cw.links.filter { sf.control($0.source.control) != nil && tf.control($0.target.control) != nil }
        }
        declared.sort(by: Self.order)
        let declaredKeys = Set(declared.map { DirectedKey(source: $0.source, target: $0.target) })
        for d in declared where !declaredKeys.contains(DirectedKey(source: d.target, target: d.source)) {
            inverses.append(d.inverted)
        }
        inverses.sort(by: Self.order)
        transitive = Self.compose(declared + inverses)
        for l in derived {
            byPair[OrderedPair(source: l.source.framework, target: l.target.framework), default: []].append(l)
            byPair[OrderedPair(source: l.target.framework, target: l.source.framework), default: []].append(l.inverted)
        }
        for l in declared + inverses + transitive {
            byPair[OrderedPair(source: l.source.framework, target: l.target.framework), default: []].append(l)
        }
        for k in byPair.keys { byPair[k]!.sort(by: Self.order) }
    }

    struct DirectedKey: Hashable { var source: ControlKey, target: ControlKey }

    /// Source, target, then derivation (declared first).
    static func order(_ a: CrosswalkLink, _ b: CrosswalkLink) -> Bool {
        if a.source != b.source { return a.source < b.source }
        if a.target != b.target { return a.target < b.target }
        return a.derivation < b.derivation
    }

    /// One-hop composition: A→B and B→C (C in a third framework) give A→C when the algebra determines the
    /// relationship and every path agrees, and no declared or inverse row already links A to C.
    static func compose(_ edges: [CrosswalkLink]) -> [CrosswalkLink] {
        let existing = Set(edges.map { DirectedKey(source: $0.source, target: $0.target) })
        let bySource = Dictionary(grouping: edges, by: \.source)
        var candidates: [DirectedKey: [(SetRelationship?, CrosswalkLink, CrosswalkLink)]] = [:]
        for first in edges {
            for second in bySource[first.target] ?? []
            where second.target.framework != first.source.framework && second.target.framework != first.target.framework {
                let key = DirectedKey(source: first.source, target: second.target)
                if existing.contains(key) { continue }
                candidates[key, default: []].append((first.relationship.compose(second.relationship), first, second))
            }
        }
        var out: [CrosswalkLink] = []
        for (key, paths) in candidates {
            let results = Set(paths.map(\.0))
            guard results.count == 1, let r = results.first!, r != .intersectsWith else { continue }
            let (_, first, second) = paths.min { $0.1.target < $1.1.target }!
            out.append(
                CrosswalkLink(
                    source: key.source, target: key.target, relationship: r,
                    derivation: .transitive(via: first.target.framework), strength: nil, provenance: .derived,
                    justification: "\(first.source) \(first.relationship.rawValue) \(first.target) (\(first.derivation)); "
                        + "\(second.source) \(second.relationship.rawValue) \(second.target) (\(second.derivation))",
                    reference: nil, via: first.target, range: first.range))
        }
        return out.sorted(by: order)
    }

    /// Every row from framework `a` to framework `b`, oriented a→b, sorted by source, target, derivation.
    public func links(from a: String, to b: String) -> [CrosswalkLink] {
        byPair[OrderedPair(source: a, target: b)] ?? []
    }
}
