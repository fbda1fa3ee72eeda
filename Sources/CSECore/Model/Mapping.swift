public import CSEDiagnostics

/// The set-theoretic relationship a mapping asserts (mapping-format-v1.0 §6), read "source is <rel> of target".
public enum Relationship: String, Sendable, Hashable, CaseIterable, Comparable {
    case equivalent, subset, superset, intersects, related

    /// Strongest first: equivalent, subset, superset, intersects, related.
    public static func < (a: Relationship, b: Relationship) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The relationship read from the target's side.
    public var inverse: Relationship {
        switch self {
        case .subset: .superset
        case .superset: .subset
        default: self
        }
    }
}

/// Where a mapping comes from (mapping-format-v1.0 §7).
public enum Provenance: String, Sendable, Hashable, CaseIterable {
    case authoritative, expert, derived, community

    /// The confidence band the spec gives this provenance, and the default when a mapping gives none
    /// (the band's midpoint rounded down to two decimals).
    public var band: ClosedRange<Double> {
        switch self {
        case .authoritative: 0.95...1.0
        case .expert: 0.80...0.94
        case .derived: 0.60...0.79
        case .community: 0.40...0.59
        }
    }
}

/// What a mapping points at.
public enum MappingTarget: Sendable, Hashable {
    case control(framework: String, control: String)
    case signal(String)
}

/// One mapping from a signal to a control or to another signal.
public struct Mapping: Sendable, Hashable, Identifiable {
    /// `MAP-<signal>-TO-<framework>-<control>` or `EQ-<signal>-TO-<signal>`.
    public var id: String
    public var source: String
    public var target: MappingTarget
    public var relationship: Relationship
    public var provenance: Provenance
    public var confidence: Double?
    public var justification: String?
    public var reference: String?
    public var reviewed: String?
    public var status: String
    /// Where the mapping's target (control or signal ID) is written.
    public var range: SourceRange
    /// Where the framework code is written, for control mappings.
    public var frameworkRange: SourceRange?

    /// The mapping ID for a source and target, as mapping-format-v1.0 §5.2 spells it.
    public static func makeID(source: String, target: MappingTarget) -> String {
        switch target {
        case .control(let framework, let control): "MAP-\(source)-TO-\(framework)-\(control)"
        case .signal(let other): "EQ-\(source)-TO-\(other)"
        }
    }
}
