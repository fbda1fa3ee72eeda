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
///
/// Immutable, and its fields live in one shared object: mappings are copied each time one is read out of
/// an array or a dictionary (tens of thousands of times per build), and a copy is then one reference
/// count instead of one per string.
public struct Mapping: Sendable, Hashable, Identifiable {
    /// The stored values; equality and hashing are theirs.
    private struct Values: Sendable, Hashable {
        let id: String, source: String, target: MappingTarget
        let relationship: Relationship, provenance: Provenance, confidence: Double?
        let justification: String?, reference: String?, reviewed: String?, status: String
        let range: SourceRange, frameworkRange: SourceRange?
    }

    /// One shared, immutable copy of the values.
    private final class Fields: Sendable {
        let values: Values
        init(_ values: Values) { self.values = values }
    }

    private let fields: Fields

    public init(
        id: String, source: String, target: MappingTarget, relationship: Relationship, provenance: Provenance,
        confidence: Double? = nil, justification: String? = nil, reference: String? = nil, reviewed: String? = nil,
        status: String, range: SourceRange, frameworkRange: SourceRange? = nil
    ) {
        fields = Fields(
            Values(
                id: id, source: source, target: target, relationship: relationship, provenance: provenance,
                confidence: confidence, justification: justification, reference: reference, reviewed: reviewed,
                status: status, range: range, frameworkRange: frameworkRange))
    }

    /// `MAP-<signal>-TO-<framework>-<control>` or `EQ-<signal>-TO-<signal>`.
    public var id: String { fields.values.id }
    public var source: String { fields.values.source }
    public var target: MappingTarget { fields.values.target }
    public var relationship: Relationship { fields.values.relationship }
    public var provenance: Provenance { fields.values.provenance }
    public var confidence: Double? { fields.values.confidence }
    public var justification: String? { fields.values.justification }
    public var reference: String? { fields.values.reference }
    public var reviewed: String? { fields.values.reviewed }
    public var status: String { fields.values.status }
    /// Where the mapping's target (control or signal ID) is written.
    public var range: SourceRange { fields.values.range }
    /// Where the framework code is written, for control mappings.
    public var frameworkRange: SourceRange? { fields.values.frameworkRange }

    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.fields === b.fields || a.fields.values == b.fields.values
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fields.values) }

    /// The mapping ID for a source and target, as mapping-format-v1.0 §5.2 spells it.
    public static func makeID(source: String, target: MappingTarget) -> String {
        switch target {
        case .control(let framework, let control): "MAP-\(source)-TO-\(framework)-\(control)"
        case .signal(let other): "EQ-\(source)-TO-\(other)"
        }
    }
}
