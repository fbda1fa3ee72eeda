public import CSEDiagnostics

/// The diagnostics the readers report, alphabetical within each group (docs/diagnostics.md is generated
/// from the catalogue these belong to).
extension DiagnosticKind {
    public static let inputTooLarge = DiagnosticKind(
        "input.too-large", .error,
        meaning: "the file is over its size limit (8 MiB for registry inputs), found from its size before a byte is read",
        explanation: """
            Inputs are bounded so that a pull request cannot make the build allocate without limit: a file's size             is checked with fstat before it is read, and a file that grows while it is read is refused too. A             signal or a catalog is a few kilobytes; split a file that is really this large.
            """,
        example: DiagnosticExample(
            .fileSystem("a README.md of 8 MiB and one byte"), wrong: [:], right: [:],
            note: "keep each file under 8 MiB (64 MiB for catalogs handed to cse import oscal)"))

    public static let inputInvalidUTF8 = DiagnosticKind(
        "input.invalid-utf8", .error,
        meaning: "the file is not valid UTF-8; points at the first bad byte",
        explanation: """
            Every input is read as UTF-8. A byte that cannot start or continue a UTF-8 sequence usually means the             file was saved in another encoding (Latin-1, Windows-1252); save it as UTF-8.
            """,
        example: DiagnosticExample(
            wrong: ["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/README.md": "# Stockage\n\nDonn\u{FFFD}es chiffr\u{FFFD}es.\n"],
            right: ["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/README.md": "# Stockage\n\nDonnées chiffrées.\n"],
            note: "the wrong file holds the Latin-1 byte 0xE9 where the replacement characters stand"))

    public static let jsonDuplicateKey = DiagnosticKind(
        "json.duplicate-key", .error,
        meaning: "a key repeated in one object",
        explanation: """
            JSON parsers disagree on which of two equal keys wins, so a document with both means different things             to different readers. Keep one.
            """,
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": "{}", "document.json": #"{"status": "active", "status": "deprecated"}"#],
            right: ["schema.json": "{}", "document.json": #"{"status": "active"}"#]))

    public static let jsonSyntax = DiagnosticKind(
        "json.syntax", .error,
        meaning: "the text is not well-formed JSON (RFC 8259): what was expected and what was found, at the exact byte",
        explanation: """
            A JSON file must be strict JSON: no comments, no trailing commas, strings in double quotes. The             position is the first byte that cannot continue the document.
            """,
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": "{}", "document.json": #"{"tags": ["storage",]}"#],
            right: ["schema.json": "{}", "document.json": #"{"tags": ["storage"]}"#]))

    public static let jsonTooDeep = DiagnosticKind(
        "json.too-deep", .error,
        meaning: "arrays and objects nested deeper than 512 levels",
        explanation: """
            The tree is walked recursively by the validator and the writers, so its depth is bounded; no registry             document needs more than a handful of levels.
            """,
        example: DiagnosticExample(
            .schemaValidate, wrong: ["schema.json": "{}", "document.json": String(repeating: "[", count: 513) + String(repeating: "]", count: 513)],
            right: ["schema.json": "{}", "document.json": "[[]]"]))

    public static let yamlAlias = DiagnosticKind(
        "yaml.alias", .error,
        meaning: "an anchor or alias; the readers refuse them, so an alias bomb cannot expand",
        explanation: """
            YAML anchors (`&a`) and aliases (`*a`) let a small file expand into a huge tree. Registry files never             need them: write the value out.
            """,
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry:\n  version: &v 1.0.0\nspec:\n  version: *v\n"],
            right: ["cse.yaml": "registry:\n  version: 1.0.0\n"]))

    public static let yamlDuplicateKey = DiagnosticKind(
        "yaml.duplicate-key", .error,
        meaning: "a key repeated in one mapping (libyaml accepts it silently); the note points at the first",
        explanation: """
            YAML forbids equal keys in one mapping, but libyaml keeps both and most tools silently take the last,             so the first value is lost without a word. Keep one.
            """,
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry:\n  version: 1.0.0\n  version: 1.1.0\n"],
            right: ["cse.yaml": "registry:\n  version: 1.1.0\n"]))

    public static let yamlMultipleDocuments = DiagnosticKind(
        "yaml.multiple-documents", .error,
        meaning: "a second `---` document in one file",
        explanation: "Each registry file holds one document; everything after a second `---` would be ignored.",
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry:\n  version: 1.0.0\n---\nregistry:\n  version: 1.1.0\n"],
            right: ["cse.yaml": "registry:\n  version: 1.1.0\n"]))

    public static let yamlNonScalarKey = DiagnosticKind(
        "yaml.non-scalar-key", .error,
        meaning: "a sequence or mapping used as a key",
        explanation: "JSON, and so every registry document, has only string keys; a `? [a, b]` key has no JSON form.",
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry:\n  ? [version]\n  : 1.0.0\n"],
            right: ["cse.yaml": "registry:\n  version: 1.0.0\n"]))

    public static let yamlSyntax = DiagnosticKind(
        "yaml.syntax", .error,
        meaning: """
            libyaml's own problem and context text, at its position; also what YAML 1.2 forbids and libyaml 0.2.5             accepts: a `#` comment not preceded by white space (also after a block scalar header or on a `%YAML`             line), a lone plain `-`, and continuation lines of a flow collection or multi-line scalar not indented             past their block parent (or indented with a tab)
            """,
        explanation: """
            The file is not well-formed YAML. The message is libyaml's, with the line it was reading; a few             mistakes libyaml lets through are caught as well, so that a file means the same to every YAML 1.2             reader. Unclosed brackets and quotes, tabs used for indentation and a `:` missing after a key are the             usual causes.
            """,
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry:\n  version: [1.0.0\n"],
            right: ["cse.yaml": "registry:\n  version: 1.0.0\n"]))

    public static let yamlTagMismatch = DiagnosticKind(
        "yaml.tag-mismatch", .error,
        meaning: "an explicit tag that does not fit its value (`!!int abc`)",
        explanation: """
            An explicit core-schema tag says what a value is; a value that cannot be that type is an error rather             than a silent string. Remove the tag or correct the value.
            """,
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry:\n  version: !!int 1.0.0\n"],
            right: ["cse.yaml": "registry:\n  version: 1.0.0\n"]))

    public static let yamlTooDeep = DiagnosticKind(
        "yaml.too-deep", .error,
        meaning: "sequences and mappings nested deeper than 512 levels",
        explanation: """
            The tree is walked recursively by the validator and the writers, so its depth is bounded; no registry             document needs more than a handful of levels.
            """,
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry: " + String(repeating: "[", count: 513) + String(repeating: "]", count: 513) + "\n"],
            right: ["cse.yaml": "registry:\n  version: 1.0.0\n"]))

    /// The readers' kinds, in the order of the catalogue.
    public static let readerKinds: [DiagnosticKind] = [
        .inputTooLarge, .inputInvalidUTF8, .jsonDuplicateKey, .jsonSyntax, .jsonTooDeep, .yamlAlias, .yamlDuplicateKey,
        .yamlMultipleDocuments, .yamlNonScalarKey, .yamlSyntax, .yamlTagMismatch, .yamlTooDeep,
    ]
}

extension Diagnostic {
    /// An error at `span` in `file`.
    static func error(
        _ kind: DiagnosticKind,
        _ file: String,
        _ span: SourceSpan,
        _ summary: String,
        hint: String? = nil,
        notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(
            kind,
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

/// Quotes user text for a diagnostic message (``Escaping/messageQuote(_:limit:)``): at most 60 characters
/// of it, then `…`.
func quoted(_ text: String, limit: Int = 60) -> String { Escaping.messageQuote(text, limit: limit + 1) }
