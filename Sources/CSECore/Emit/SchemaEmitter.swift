import CSEDiagnostics

/// Publishes the project's schemas under `schemas/`, with `$id`s rewritten to resolve under the base URL.
struct SchemaEmitter: OutputEmitter {
    var catalog: SchemaCatalog
    var context: BuildContext

    func files() -> ([OutputFile], [Diagnostic]) { (Self.files(catalog, context: context), []) }

    static func files(_ catalog: SchemaCatalog, context: BuildContext) -> [OutputFile] {
        let newPrefix = context.absoluteURL("schemas/")
        return catalog.sources.keys.sorted().map { name in
            var text = String(decoding: catalog.sources[name]!, as: UTF8.self)
            if newPrefix != SchemaCatalog.idPrefix {
                text = text.split(separator: SchemaCatalog.idPrefix, omittingEmptySubsequences: false).joined(separator: newPrefix)
            }
            return OutputFile(path: "schemas/\(name)", bytes: Array(text.utf8))
        }
    }
}
