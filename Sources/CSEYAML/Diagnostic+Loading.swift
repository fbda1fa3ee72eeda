public import CSEDiagnostics

/// The IDs the loaders report, alphabetical within each stage (catalogued in `docs/diagnostics.md`).
extension DiagnosticID {
    /// The file is larger than the loader's maximum size.
    public static let inputTooLarge: DiagnosticID = "input.too-large"
    /// The file is not well-formed UTF-8.
    public static let inputInvalidUTF8: DiagnosticID = "input.invalid-utf8"

    /// A JSON object has the same key twice.
    public static let jsonDuplicateKey: DiagnosticID = "json.duplicate-key"
    /// JSON text is not well-formed (RFC 8259).
    public static let jsonSyntax: DiagnosticID = "json.syntax"
    /// JSON arrays and objects are nested deeper than the loader allows.
    public static let jsonTooDeep: DiagnosticID = "json.too-deep"

    /// A YAML anchor or alias; the loaders reject them instead of expanding them.
    public static let yamlAlias: DiagnosticID = "yaml.alias"
    /// A YAML mapping has the same key twice.
    public static let yamlDuplicateKey: DiagnosticID = "yaml.duplicate-key"
    /// A YAML file holds more than one document.
    public static let yamlMultipleDocuments: DiagnosticID = "yaml.multiple-documents"
    /// A YAML mapping key is a sequence or a mapping, which JSON cannot represent.
    public static let yamlNonScalarKey: DiagnosticID = "yaml.non-scalar-key"
    /// YAML text is not well-formed; the summary is libyaml's own description.
    public static let yamlSyntax: DiagnosticID = "yaml.syntax"
    /// A YAML scalar's explicit core-schema tag does not fit its text (`!!int abc`) or its kind (`!!map [1]`).
    public static let yamlTagMismatch: DiagnosticID = "yaml.tag-mismatch"
    /// YAML sequences and mappings are nested deeper than the loader allows.
    public static let yamlTooDeep: DiagnosticID = "yaml.too-deep"
}

extension Diagnostic {
    /// An error at `span` in `file`.
    static func error(
        _ id: DiagnosticID,
        _ file: String,
        _ span: SourceSpan,
        _ summary: String,
        hint: String? = nil,
        notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(
            id: id,
            severity: .error,
            range: SourceRange(file: file, span: span),
            summary: summary,
            hint: hint,
            notes: notes
        )
    }
}

extension SourceSpan {
    /// An empty span at `location`.
    init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }
}

/// Quotes user text for a diagnostic message, shortened so one bad value cannot flood the output.
func quoted(_ text: String, limit: Int = 60) -> String {
    var shown = text
    if shown.unicodeScalars.count > limit {
        shown = String(String.UnicodeScalarView(shown.unicodeScalars.prefix(limit))) + "…"
    }
    var escaped = ""
    for scalar in shown.unicodeScalars {
        switch scalar {
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        case "\t": escaped += "\\t"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return "'\(escaped)'"
}
