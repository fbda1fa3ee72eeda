import CSEDiagnostics

/// One family of outputs (``OutputKind``): the files it writes from the build's context. Every kind is
/// made the same way: ``RegistryBuilder`` asks ``OutputEmitters/emitters(for:results:schemas:)`` for the
/// emitters of the kinds `cse.yaml` (or `--outputs`) names and adds their files to one plan.
protocol OutputEmitter: Sendable {
    /// The files (some deferred: rendered when written) and the problems that stop the build.
    func files() -> ([OutputFile], [Diagnostic])
}

enum OutputEmitters {
    /// The emitter of each output kind, in plan order. `results` is the compute stage's, for the kinds that
    /// read it (compute, api, html).
    static func emitters(for context: BuildContext, results: ComputeResults?, schemas: SchemaCatalog) -> [(OutputKind, any OutputEmitter)] {
        let outputs = context.config.outputs
        var out: [(OutputKind, any OutputEmitter)] = []
        let release = ReleaseEmitter(context: context)
        if outputs.contains(.bundle) { out.append((.bundle, BundleEmitter(release: release))) }
        if outputs.contains(.signals) { out.append((.signals, SignalFileEmitter(release: release))) }
        if outputs.contains(.mappings) { out.append((.mappings, MappingEmitter(context: context))) }
        if outputs.contains(.compute), let results { out.append((.compute, ComputeEmitter(context: context, results: results))) }
        if outputs.contains(.schemas) { out.append((.schemas, SchemaEmitter(catalog: schemas, context: context))) }
        if outputs.contains(.api), let results { out.append((.api, APIEmitter(context: context, schemas: schemas, results: results))) }
        if outputs.contains(.html), let results { out.append((.html, HTMLEmitter(context: context, results: results, schemas: schemas))) }
        return out
    }
}

/// `bundle`: `cse-registry.json` (+ `.min.json`, `.ndjson`), `index.json`, `domains/*`.
struct BundleEmitter: OutputEmitter {
    var release: ReleaseEmitter
    func files() -> ([OutputFile], [Diagnostic]) { (release.bundleFiles(), []) }
}

/// `signals`: one normalized `signals/<D>/<C>/<ID>/signal.json` per signal.
struct SignalFileEmitter: OutputEmitter {
    var release: ReleaseEmitter
    func files() -> ([OutputFile], [Diagnostic]) { (release.signalFiles(), []) }
}
