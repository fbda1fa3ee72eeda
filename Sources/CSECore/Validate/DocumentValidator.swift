import CSEDiagnostics
import CSEYAML

/// Stage 3: checks one parsed document on its own: against its schema, and its prose (placeholders, text
/// cut off, stray whitespace). Rules that need several documents run once the model is built
/// (``RegistryValidator``).
struct DocumentValidator: Sendable {
    var schemas: SchemaCatalog

    /// The document marked schema-valid or not, and its problems.
    func validate(_ document: SourceDocument) -> (SourceDocument, [Diagnostic]) {
        guard let node = document.node else { return (document, []) }
        var diagnostics: [Diagnostic] = []
        var schemaValid = true
        if let schema = document.file.kind.schemaName {
            let found = schemas.validate(node, schema: schema, file: document.path)
            schemaValid = !found.containsErrors
            diagnostics += found
        }
        if document.file.kind != .publishedSchema { diagnostics += TextRules.check(node, file: document.path) }
        if DocumentFormat(path: document.path) == .yaml { diagnostics += TextRules.trailingWhitespace(document.text, file: document.path) }
        if case .signalMappings(let folder) = document.file.kind { diagnostics += Self.declaredSignal(node, file: document.path, folder: folder) }
        return (document.marking(schemaValid: schemaValid), diagnostics)
    }

    /// A mappings file's optional `signal` key names the signal of its own folder.
    static func declaredSignal(_ node: Node, file: String, folder: SignalFolder) -> [Diagnostic] {
        guard let declared = node.member("signal"), let id = declared.value.string, id != folder.id else { return [] }
        return [
            Diagnostic(
                .mappingSignalMismatch, range: SourceRange(file: file, span: declared.value.span),
                summary: "mappings are declared for '\(id)' but the folder holds '\(folder.id)'",
                hint: "a mappings.yaml describes the signal in its own folder; remove the 'signal' key or correct it")
        ]
    }
}
