public import CSEDiagnostics

/// One observed signal: a CSE finding (finding-set.schema.json) or a line of a plain signal-ID list.
public struct Finding: Sendable, Hashable {
    public var id: String
    public var signal: String
    /// open, in_progress, resolved, accepted, false_positive, duplicate or suppressed.
    public var status: String
    /// `severity_override`, else `severity.level`, else the signal's suggested severity (filled by the analysis).
    public var severity: String?
    /// Where the signal ID is written.
    public var range: SourceRange

    /// Open and in-progress findings affect controls; every other status does not.
    public var isOpen: Bool { status == "open" || status == "in_progress" }
}
