import CSEDiagnostics

/// Publishes the project's schemas under `schemas/`, with `$id`s rewritten to resolve under the base URL, and
/// the draft-07 forms of the input schemas for editors under `schemas/draft-07/` (``EditorSchemas``), where
/// SchemaStore catalog entries point.
struct SchemaEmitter: OutputEmitter {
    var catalog: SchemaCatalog
    var context: BuildContext

    func files() -> ([OutputFile], [Diagnostic]) { (Self.files(catalog, context: context), []) }

    static func files(_ catalog: SchemaCatalog, context: BuildContext) -> [OutputFile] {
        let newPrefix = context.absoluteURL("schemas/")
        func rebased(_ text: String) -> String {
            guard newPrefix != SchemaCatalog.idPrefix else { return text }
            return text.split(separator: SchemaCatalog.idPrefix, omittingEmptySubsequences: false).joined(separator: newPrefix)
        }
        let bundled = catalog.sources.keys.sorted().map { name in
            OutputFile(path: "schemas/\(name)", bytes: Array(rebased(String(decoding: catalog.sources[name]!, as: UTF8.self)).utf8))
        }
        // The bundled schemas all export (EditorSchemaTests); one that did not would be left out, not fail the build.
        let editor = EditorSchemas.inputs.compactMap { input in
            (try? EditorSchemas.export(catalog, name: input.schema)).map {
                OutputFile(path: "schemas/draft-07/\(input.schema)", bytes: Array(rebased($0).utf8))
            }
        }
        return bundled + editor
    }
}
