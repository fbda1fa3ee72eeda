public import CSEDiagnostics

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
///
/// Its fields, but for the README, live in one shared, immutable object: signals are copied each time one
/// is read out of an array or a dictionary, thousands of times per stage, and a copy is then two reference
/// counts instead of one per string, array and node.
public struct Signal: Sendable, Hashable, Identifiable {
    /// The stored values; equality and hashing are theirs.
    private struct Values: Sendable, Hashable {
        let id: String, canonicalName: String, description: String, domain: String, category: String
        let applicability: String, introducedIn: String, status: SignalStatus, deprecatedIn: String?
        let replacedBy: String?, tags: [String], metadata: SignalMetadata?, folder: SignalFolder, file: String
        let spans: SourceSpans
    }

    /// One shared, immutable copy of the values.
    private final class Fields: Sendable {
        let values: Values
        init(_ values: Values) { self.values = values }
    }

    private let fields: Fields
    /// The README's markdown, when the folder has one (set once the folder's README has been read).
    public var readme: String?

    public init(
        id: String, canonicalName: String, description: String, domain: String, category: String,
        applicability: String, introducedIn: String, status: SignalStatus, deprecatedIn: String?, replacedBy: String?,
        tags: [String], metadata: SignalMetadata?, folder: SignalFolder, file: String, readme: String? = nil, spans: SourceSpans
    ) {
        fields = Fields(
            Values(
                id: id, canonicalName: canonicalName, description: description, domain: domain, category: category,
                applicability: applicability, introducedIn: introducedIn, status: status, deprecatedIn: deprecatedIn,
                replacedBy: replacedBy, tags: tags, metadata: metadata, folder: folder, file: file, spans: spans))
        self.readme = readme
    }

    public var id: String { fields.values.id }
    public var canonicalName: String { fields.values.canonicalName }
    public var description: String { fields.values.description }
    public var domain: String { fields.values.domain }
    public var category: String { fields.values.category }
    public var applicability: String { fields.values.applicability }
    public var introducedIn: String { fields.values.introducedIn }
    public var status: SignalStatus { fields.values.status }
    public var deprecatedIn: String? { fields.values.deprecatedIn }
    public var replacedBy: String? { fields.values.replacedBy }
    public var tags: [String] { fields.values.tags }
    public var metadata: SignalMetadata? { fields.values.metadata }
    /// The folder the signal was read from.
    public var folder: SignalFolder { fields.values.folder }
    /// The definition file (`signal.yaml` or `signal.json`), relative to the root.
    public var file: String { fields.values.file }
    /// Where the definition's fields are written, for positions in diagnostics.
    public var spans: SourceSpans { fields.values.spans }

    public static func == (a: Signal, b: Signal) -> Bool {
        a.readme == b.readme && (a.fields === b.fields || a.fields.values == b.fields.values)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.values)
        hasher.combine(readme)
    }

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
        SourceRange(file: file, span: spans.span(of: key))
    }
}

/// Where a document's top-level members are written: the model keeps these positions for its diagnostics,
/// not the parse tree.
public struct SourceSpans: Sendable, Hashable {
    /// The whole document.
    public var document: SourceSpan
    /// Each member's value, in document order (a handful per document: a scan is cheaper than hashing).
    public var members: [(key: String, span: SourceSpan)]

    public init(document: SourceSpan, members: [(key: String, span: SourceSpan)]) {
        self.document = document
        self.members = members
    }

    /// The span of a member's value, or of the whole document when it has no such member.
    public func span(of key: String) -> SourceSpan {
        members.first { $0.key == key }?.span ?? document
    }

    public static func == (a: SourceSpans, b: SourceSpans) -> Bool {
        a.document == b.document && a.members.elementsEqual(b.members) { $0.key == $1.key && $0.span == $1.span }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        for m in members {
            hasher.combine(m.key)
            hasher.combine(m.span)
        }
    }
}
