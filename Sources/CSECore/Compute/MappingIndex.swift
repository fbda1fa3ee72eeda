/// The registry's mappings indexed both ways: per control, per signal, and signal-to-signal equivalences.
///
/// Only `active` mappings are indexed. Equivalence classes join signals linked by an `equivalent`
/// signal-to-signal mapping (in either direction, transitively); every other compute stage treats a class
/// as one signal so that a GEN signal and the domain signals equivalent to it bridge each other's controls.
public struct MappingIndex: Sendable {
    /// Control mappings per control, sorted by signal ID.
    public private(set) var byControl: [ControlKey: [Mapping]] = [:]
    /// Control mappings per signal, sorted by framework then control.
    public private(set) var bySignal: [String: [Mapping]] = [:]
    /// Signal-to-signal mappings per signal, in both directions (the reverse direction with the inverse
    /// relationship), sorted by the other signal's ID.
    public private(set) var equivalents: [String: [Equivalent]] = [:]
    /// Equivalence class representative (the smallest ID of the class) per signal that is in a class of two
    /// or more; a signal missing here is its own class.
    public private(set) var classOf: [String: String] = [:]
    /// Members of each class of two or more, sorted.
    public private(set) var members: [String: [String]] = [:]

    /// One signal-to-signal link as seen from one side.
    public struct Equivalent: Sendable, Hashable {
        public var signal: String
        public var relationship: Relationship
        /// True when the mapping is written on the other signal (this entry is its inverse).
        public var inverse: Bool
        public var mapping: Mapping
    }

    public init(_ registry: Registry) {
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for m in registry.mappings where m.status == "active" {
            switch m.target {
            case .control(let fw, let c):
                byControl[ControlKey(fw, c), default: []].append(m)
                bySignal[m.source, default: []].append(m)
            case .signal(let other):
                equivalents[m.source, default: []].append(Equivalent(signal: other, relationship: m.relationship, inverse: false, mapping: m))
                equivalents[other, default: []].append(
                    Equivalent(signal: m.source, relationship: m.relationship.inverse, inverse: true, mapping: m))
                if m.relationship == .equivalent, other != m.source {
                    let a = find(m.source), b = find(other)
                    if a != b {
                        // The smaller ID becomes the root, so the representative is the class minimum.
                        if a < b { parent[b] = a } else { parent[a] = b }
                    }
                    if parent[m.source] == nil { parent[m.source] = m.source }
                    if parent[other] == nil { parent[other] = other }
                }
            }
        }
        for key in byControl.keys { byControl[key]!.sort { $0.source < $1.source } }
        for key in bySignal.keys { bySignal[key]!.sort { Self.controlKey($0) < Self.controlKey($1) } }
        for key in equivalents.keys {
            equivalents[key]!.sort { ($0.signal, $0.inverse ? 1 : 0) < ($1.signal, $1.inverse ? 1 : 0) }
        }
        for s in parent.keys {
            let root = find(s)
            classOf[s] = root
            members[root, default: []].append(s)
        }
        for key in members.keys { members[key]!.sort() }
    }

    static func controlKey(_ m: Mapping) -> ControlKey {
        if case .control(let fw, let c) = m.target { return ControlKey(fw, c) }
        return ControlKey("", "")
    }

    /// The class representative of a signal (itself when it has no equivalents).
    public func representative(_ signal: String) -> String { classOf[signal] ?? signal }

    /// The signals of a signal's equivalence class, itself included, sorted.
    public func equivalenceClass(_ signal: String) -> [String] { members[representative(signal)] ?? [signal] }

    /// The mappings to a control.
    public func mappings(to key: ControlKey) -> [Mapping] { byControl[key] ?? [] }

    /// The control mappings of a signal.
    public func mappings(from signal: String) -> [Mapping] { bySignal[signal] ?? [] }
}

extension Mapping {
    /// The confidence given, or the provenance band's default (its midpoint rounded down to two decimals).
    public var effectiveConfidence: Double {
        if let confidence { return confidence }
        let mid = (provenance.band.lowerBound + provenance.band.upperBound) / 2
        return (mid * 100).rounded(.down) / 100
    }

    /// The control a control mapping targets.
    public var controlKey: ControlKey? {
        if case .control(let fw, let c) = target { return ControlKey(fw, c) }
        return nil
    }
}

extension Registry {
    /// The frameworks each signal's active control mappings reach, by signal ID, codes sorted: what the API's
    /// `signals/by-framework/` lists, `cse-registry.csv` and the site's Signals page all say of a signal.
    func frameworksReached() -> [String: [String]] {
        var reached: [String: Set<String>] = [:]
        for m in mappings where m.status == "active" {
            if let key = m.controlKey { reached[m.source, default: []].insert(key.framework) }
        }
        return reached.mapValues { $0.sorted() }
    }
}
