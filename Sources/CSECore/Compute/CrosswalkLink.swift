public import CSEDiagnostics

/// One control-to-control row of a crosswalk, whatever its origin.
public struct CrosswalkLink: Sendable, Hashable {
    public var source: ControlKey
    public var target: ControlKey
    public var relationship: SetRelationship
    public var derivation: CrosswalkDerivation
    /// Weighted Jaccard overlap of the two controls' signal classes (direct-signal-bridge rows only).
    public var strength: Double?
    /// The signal classes that map to both controls (direct-signal-bridge rows only), sorted.
    public var bridges: [Bridge] = []
    /// How many signal classes map to the source only / the target only (direct-signal-bridge rows only).
    public var sourceOnly: Int = 0
    public var targetOnly: Int = 0
    /// Declared rows and rows built from them.
    public var provenance: Provenance?
    public var justification: String?
    public var reference: String?
    /// The middle control of a transitive row.
    public var via: ControlKey?
    /// Where the declared row (or the declared row behind an inverse) is written.
    public var range: SourceRange?

    /// The same row read from the target's side.
    public var inverted: CrosswalkLink {
        var l = self
        l.source = target
        l.target = source
        l.relationship = relationship.inverse
        l.bridges = bridges.map(\.inverted)
        l.sourceOnly = targetOnly
        l.targetOnly = sourceOnly
        if derivation == .declared { l.derivation = .inverseOfDeclared }
        return l
    }
}

/// A signal class that maps to both controls of a derived row.
public struct Bridge: Sendable, Hashable, Comparable {
    /// The class representative (smallest signal ID of the equivalence class).
    public var signal: String
    /// The class's signals that carry the mappings, sorted (more than one only through equivalences).
    public var signals: [String]
    /// The class's strongest relationship and highest confidence to the source and to the target control.
    public var sourceRelationship: Relationship
    public var sourceConfidence: Double
    public var targetRelationship: Relationship
    public var targetConfidence: Double

    public var inverted: Bridge {
        Bridge(
            signal: signal, signals: signals, sourceRelationship: targetRelationship, sourceConfidence: targetConfidence,
            targetRelationship: sourceRelationship, targetConfidence: sourceConfidence)
    }

    public static func < (a: Bridge, b: Bridge) -> Bool { a.signal < b.signal }
}
