/// What a diagnostic ID means, declared once in its stage's catalogue: the ID, its default severity, a
/// one-line meaning, an explanation, and an example of a wrong input and its fix.
///
/// Every diagnostic is made from a kind (``Diagnostic/init(_:range:summary:hint:notes:instancePointer:schemaPath:)``),
/// so an ID cannot be produced without being catalogued. `docs/diagnostics.md` is generated from the catalogue
/// and `cse explain <id>` prints an entry. IDs are never renamed once released; a kind lists the IDs it once
/// had (`formerIDs`), and `--Werror`/`--Wnone` accept them.
public struct DiagnosticKind: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let id: DiagnosticID
    public let severity: DiagnosticSeverity
    /// One line, lower-case start, no trailing period: what it means.
    public let meaning: String
    /// Why it matters and how to fix it, in a few sentences.
    public let explanation: String
    /// A wrong input that produces it and the same input fixed; nil only where no input can (a backstop).
    public let example: DiagnosticExample?
    /// IDs this kind was reported under before.
    public let formerIDs: [DiagnosticID]

    public init(
        _ id: DiagnosticID, _ severity: DiagnosticSeverity, meaning: String, explanation: String,
        example: DiagnosticExample?, formerIDs: [DiagnosticID] = []
    ) {
        self.id = id
        self.severity = severity
        self.meaning = meaning
        self.explanation = explanation
        self.example = example
        self.formerIDs = formerIDs
    }

    /// The group: the ID's first component (`layout` of `layout.invalid-name`).
    public var group: String { String(id.rawValue.prefix { $0 != "." }) }

    public var description: String { id.rawValue }

    public static func < (a: DiagnosticKind, b: DiagnosticKind) -> Bool { a.id < b.id }
}

/// An input that produces a diagnostic and the same input fixed, as files.
///
/// `wrong` and `right` map paths to file contents. Where the context is a registry, they are overlaid on a
/// small valid registry (a `TESTFW` framework and the signal `CSE-HIPAA-TECH-NO-ENCRYPTION-001`; see
/// ``DiagnosticExample/baseRegistry``); a file mapped to nil is removed. A test runs every example: the
/// wrong input must produce the kind, the right one must not.
public struct DiagnosticExample: Sendable, Hashable {
    /// What reads the files.
    public enum Context: Sendable, Hashable {
        /// `cse validate` on the base registry with the files overlaid.
        case registry
        /// `cse build` of the base registry with the files overlaid, into `output` (relative to the root).
        case build(output: String)
        /// `cse schema validate --schema schema.json document.json`.
        case schemaValidate
        /// `cse gap-analysis run --findings <the one file>` on the base registry, with these arguments for the
        /// wrong input and those for the fixed one.
        case gapAnalysis(arguments: [String], fixedArguments: [String])
        /// `cse import oscal <the one file> --framework IMP`.
        case oscalImport
        /// A state no file can express (a named pipe, an unreadable or undecodable name): how the test makes it.
        case fileSystem(String)
    }

    public let context: Context
    public let wrong: [String: String?]
    public let right: [String: String?]
    /// One sentence shown between the two, when the change needs saying.
    public let note: String?

    public init(_ context: Context = .registry, wrong: [String: String?], right: [String: String?], note: String? = nil) {
        self.context = context
        self.wrong = wrong
        self.right = right
        self.note = note
    }
}

extension Diagnostic {
    /// A diagnostic of a catalogued kind, with its default severity.
    public init(
        _ kind: DiagnosticKind, range: SourceRange?, summary: String, hint: String? = nil, notes: [Note] = [],
        instancePointer: String? = nil, schemaPath: String? = nil
    ) {
        self.init(
            id: kind.id, severity: kind.severity, range: range, summary: summary, hint: hint, notes: notes,
            instancePointer: instancePointer, schemaPath: schemaPath)
    }
}
