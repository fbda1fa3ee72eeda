public import CSEDiagnostics
import CSEYAML

/// One control (requirement, safeguard, practice, article…) of a framework.
public struct Control: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var framework: String
    public var family: String
    public var parent: String?
    public var kind: String?
    public var requirement: String?
    public var levels: [Int] = []
    public var implementationGroups: [Int] = []
    public var baselines: [String] = []
    public var withdrawn: Bool = false
    public var sourceReference: String?
    /// Where the control's `id` is written.
    public var range: SourceRange

    public init(id: String, title: String, framework: String, family: String, range: SourceRange) {
        self.id = id
        self.title = title
        self.framework = framework
        self.family = family
        self.range = range
    }
}

/// A group of controls (a family, a theme, a chapter, a requirement).
public struct ControlFamily: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var technical: Bool
    /// IDs of the family's controls, in catalog order.
    public var controlIDs: [String]
}

/// An external framework whose controls signals map to.
public struct Framework: Sendable, Hashable, Identifiable {
    public var id: String { code }
    public var code: String
    public var name: String
    public var version: String
    public var publisher: String
    public var url: String
    public var domain: String
    public var effectiveDate: String?
    public var description: String?
    public var basedOn: String?
    public var licensingNote: String?
    public var families: [ControlFamily]
    /// Controls in catalog order.
    public var controls: [Control]
    /// The metadata file, for diagnostics.
    public var file: String
    /// The regulated data or system the framework governs, for a regime (HIPAA's ePHI, PCI DSS's cardholder
    /// data); nil for a general control set.
    public var regimeScope: String? = nil

    /// Control lookup by ID.
    public func control(_ id: String) -> Control? { controlIndex[id].map { controls[$0] } }

    var controlIndex: [String: Int] = [:]

    mutating func reindex() {
        controlIndex = [:]
        for (i, c) in controls.enumerated() where controlIndex[c.id] == nil { controlIndex[c.id] = i }
    }
}
