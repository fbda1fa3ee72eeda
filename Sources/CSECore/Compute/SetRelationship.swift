/// A NIST IR 8477 set-theory relationship between two controls, read "source is <rel> target".
public enum SetRelationship: String, Sendable, Hashable, CaseIterable, Comparable {
    case equal
    case subsetOf = "subset-of"
    case supersetOf = "superset-of"
    case intersectsWith = "intersects-with"

    /// Strongest first: equal, subset-of, superset-of, intersects-with.
    public static func < (a: SetRelationship, b: SetRelationship) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The relationship read from the target's side.
    public var inverse: SetRelationship {
        switch self {
        case .subsetOf: .supersetOf
        case .supersetOf: .subsetOf
        default: self
        }
    }

    /// The relationship of A to C given A `self` B and B `next` C, where the algebra determines one:
    /// equal ∘ x = x, x ∘ equal = x, subset-of ∘ subset-of = subset-of, superset-of ∘ superset-of = superset-of.
    /// Everything else (anything through intersects-with, subset-of ∘ superset-of, superset-of ∘ subset-of)
    /// is indeterminate: nil.
    public func compose(_ next: SetRelationship) -> SetRelationship? {
        switch (self, next) {
        case (.equal, let x), (let x, .equal): x
        case (.subsetOf, .subsetOf): .subsetOf
        case (.supersetOf, .supersetOf): .supersetOf
        default: nil
        }
    }

    /// The set relationship a signal-to-control mapping asserts; nil for `related`, which asserts none.
    public init?(_ r: Relationship) {
        switch r {
        case .equivalent: self = .equal
        case .subset: self = .subsetOf
        case .superset: self = .supersetOf
        case .intersects: self = .intersectsWith
        case .related: return nil
        }
    }
}

/// How a crosswalk row came to be.
public enum CrosswalkDerivation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Two controls share bridging signals (docs/compute.md §2).
    case directSignalBridge
    /// Written in a `crosswalks/<A>-to-<B>.yaml` file.
    case declared
    /// The inverse of a declared row (subset-of ↔ superset-of).
    case inverseOfDeclared
    /// Composed from two declared (or inverse) rows through a control of a third framework.
    case transitive(via: String)

    public var description: String {
        switch self {
        case .directSignalBridge: "direct-signal-bridge"
        case .declared: "declared"
        case .inverseOfDeclared: "inverse-of-declared"
        case .transitive(let via): "transitive-via \(via)"
        }
    }

    private var rank: Int {
        switch self {
        case .declared: 0
        case .inverseOfDeclared: 1
        case .transitive: 2
        case .directSignalBridge: 3
        }
    }

    public static func < (a: CrosswalkDerivation, b: CrosswalkDerivation) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.description < b.description
    }
}

/// A control named by framework code and control ID.
public struct ControlKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var framework: String
    public var control: String

    public init(_ framework: String, _ control: String) {
        self.framework = framework
        self.control = control
    }

    public static func < (a: ControlKey, b: ControlKey) -> Bool {
        a.framework != b.framework ? a.framework < b.framework : a.control < b.control
    }

    public var description: String { "\(framework) \(control)" }
}
