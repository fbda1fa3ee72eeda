public import CSEDiagnostics
public import CSEYAML

/// Whether a signal is current.
public enum SignalStatus: String, Sendable, Hashable, CaseIterable {
    case active, deprecated
}

/// The suggested severity of a signal (informative metadata).
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case critical, high, medium, low, info

    /// Most severe first.
    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One authoritative source behind a signal.
public struct SignalSource: Sendable, Hashable {
    public var url: String
    public var type: String
    public var title: String
    public var authority: String?
    public var section: String?
}

/// Informative metadata of a signal; it never changes the signal's meaning.
public struct SignalMetadata: Sendable, Hashable {
    public var suggestedSeverity: Severity?
    public var riskDomains: [String] = []
    public var relatedControls: [String] = []
    public var detectionNotes: String?
    public var artifactTypes: [String] = []
    public var remediationHint: String?
    public var sources: [SignalSource] = []
}

/// One Compliance Signal: a stable identifier for an observable, compliance-relevant condition.
public struct Signal: Sendable, Hashable, Identifiable {
    public var id: String
    public var canonicalName: String
    public var description: String
    public var domain: String
    public var category: String
    public var applicability: String
    public var introducedIn: String
    public var status: SignalStatus
    public var deprecatedIn: String?
    public var replacedBy: String?
    public var tags: [String]
    public var metadata: SignalMetadata?
    /// The folder the signal was read from.
    public var folder: SignalFolder
    /// The definition file (`signal.yaml` or `signal.json`), relative to the root.
    public var file: String
    /// The README's markdown, when the folder has one.
    public var readme: String?
    /// The definition as read, for positions in diagnostics.
    public var node: Node

    /// `/signals/<D>/<C>/<ID>/`, the definition folder's path in the published tree.
    public var definitionRef: String { "/signals/\(domain)/\(category)/\(id)/" }

    /// The trailing serial (`004` in `CSE-HIPAA-TECH-NO-ENCRYPTION-004`).
    public var serial: String? {
        let utf8 = id.utf8
        let start = utf8.lastIndex(of: UInt8(ascii: "-")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let digits = utf8[start...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(id[start...])
    }

    /// The range of a member's value (or of the whole document when absent), for diagnostics.
    public func range(of key: String) -> SourceRange {
        SourceRange(file: file, span: node[key]?.span ?? node.span)
    }
}
