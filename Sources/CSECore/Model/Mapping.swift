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
    private final class Fields: Sendable {
        let id: String, source: String, target: MappingTarget
        let relationship: Relationship, provenance: Provenance, confidence: Double?
        let justification: String?, reference: String?, reviewed: String?, status: String
        let range: SourceRange, frameworkRange: SourceRange?

        init(
            id: String, source: String, target: MappingTarget, relationship: Relationship, provenance: Provenance,
            confidence: Double?, justification: String?, reference: String?, reviewed: String?, status: String,
            range: SourceRange, frameworkRange: SourceRange?
        ) {
            self.id = id
            self.source = source
            self.target = target
            self.relationship = relationship
            self.provenance = provenance
            self.confidence = confidence
            self.justification = justification
            self.reference = reference
            self.reviewed = reviewed
            self.status = status
            self.range = range
            self.frameworkRange = frameworkRange
        }
    }

    private let fields: Fields

    public init(
        id: String, source: String, target: MappingTarget, relationship: Relationship, provenance: Provenance,
        confidence: Double? = nil, justification: String? = nil, reference: String? = nil, reviewed: String? = nil,
        status: String, range: SourceRange, frameworkRange: SourceRange? = nil
    ) {
        fields = Fields(
            id: id, source: source, target: target, relationship: relationship, provenance: provenance,
            confidence: confidence, justification: justification, reference: reference, reviewed: reviewed,
            status: status, range: range, frameworkRange: frameworkRange)
    }

    /// `MAP-<signal>-TO-<framework>-<control>` or `EQ-<signal>-TO-<signal>`.
    public var id: String { fields.id }
    public var source: String { fields.source }
    public var target: MappingTarget { fields.target }
    public var relationship: Relationship { fields.relationship }
    public var provenance: Provenance { fields.provenance }
    public var confidence: Double? { fields.confidence }
    public var justification: String? { fields.justification }
    public var reference: String? { fields.reference }
    public var reviewed: String? { fields.reviewed }
    public var status: String { fields.status }
    /// Where the mapping's target (control or signal ID) is written.
    public var range: SourceRange { fields.range }
    /// Where the framework code is written, for control mappings.
    public var frameworkRange: SourceRange? { fields.frameworkRange }

    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.fields === b.fields
            || (a.id == b.id && a.source == b.source && a.target == b.target && a.relationship == b.relationship
                && a.provenance == b.provenance && a.confidence == b.confidence && a.justification == b.justification
                && a.reference == b.reference && a.reviewed == b.reviewed && a.status == b.status && a.range == b.range
                && a.frameworkRange == b.frameworkRange)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(source)
        hasher.combine(target)
        hasher.combine(relationship)
        hasher.combine(provenance)
        hasher.combine(confidence)
        hasher.combine(justification)
        hasher.combine(reference)
        hasher.combine(reviewed)
        hasher.combine(status)
        hasher.combine(range)
        hasher.combine(frameworkRange)
    }

    /// The mapping ID for a source and target, as mapping-format-v1.0 §5.2 spells it.
    public static func makeID(source: String, target: MappingTarget) -> String {
        switch target {
        case .control(let framework, let control): "MAP-\(source)-TO-\(framework)-\(control)"
        case .signal(let other): "EQ-\(source)-TO-\(other)"
        }
    }
}
