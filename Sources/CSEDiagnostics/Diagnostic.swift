/// How serious a diagnostic is.
public enum DiagnosticSeverity: Int, Comparable, Sendable, CustomStringConvertible, CaseIterable {
    case error = 1
    case warning = 2
    case note = 3

    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}

/// A stable, dotted identifier for a kind of problem, grouped by stage (`yaml.syntax`, `schema.required`).
///
/// IDs are part of the tool's public contract: CI configurations and `--Werror` flags name them, so an ID
/// is never renamed once released. The catalogue is `docs/diagnostics.md`.
public struct DiagnosticID: Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: DiagnosticID, rhs: DiagnosticID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One problem found in the inputs: a value with a position, a stable ID and a hint.
///
/// Validators collect diagnostics and do not throw; throwing is kept for environment failures.
public struct Diagnostic: Hashable, Sendable {
    /// A secondary position that explains the primary one ("first defined here").
    public struct Note: Hashable, Sendable {
        public var range: SourceRange?
        public var message: String
        public init(range: SourceRange?, message: String) {
            self.range = range
            self.message = message
        }
    }

    public var id: DiagnosticID
    public var severity: DiagnosticSeverity
    /// Where the problem is; `nil` only for whole-run problems.
    public var range: SourceRange?
    /// One line, lower-case start, no trailing period, user text quoted with '…'.
    public var summary: String
    /// What to do about it.
    public var hint: String?
    public var notes: [Note]
    /// Machine-readable detail (a JSON Pointer into the instance, the schema keyword path).
    public var instancePointer: String?
    public var schemaPath: String?
    /// Nonzero on the line that closes a truncated list: how many more diagnostics of this ID in this file
    /// were found and not listed (``DiagnosticLimiter``).
    public var omittedCount: Int = 0

    public init(
        id: DiagnosticID,
        severity: DiagnosticSeverity = .error,
        range: SourceRange?,
        summary: String,
        hint: String? = nil,
        notes: [Note] = [],
        instancePointer: String? = nil,
        schemaPath: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.range = range
        self.summary = summary
        self.hint = hint
        self.notes = notes
        self.instancePointer = instancePointer
        self.schemaPath = schemaPath
    }

    /// The order diagnostics are printed in: file, line, column, then ID and message for stability.
    public static func printOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let fa = a.range?.file ?? "", fb = b.range?.file ?? ""
        if fa != fb { return fa < fb }
        let la = a.range?.span.start ?? .start, lb = b.range?.span.start ?? .start
        if la != lb { return la < lb }
        if a.id != b.id { return a.id < b.id }
        if a.summary != b.summary { return a.summary < b.summary }
        return a.severity < b.severity
    }
}

extension Array where Element == Diagnostic {
    /// True when any element is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
