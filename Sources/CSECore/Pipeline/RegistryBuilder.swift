public import CSEDiagnostics
import Foundation

/// Stages 4-5 of the compiler: compute and emit. Turns a validated registry into an output plan.
public struct RegistryBuilder: Sendable {
    public var context: BuildContext
    public var schemas: SchemaCatalog

    public init(context: BuildContext, schemas: SchemaCatalog) {
        self.context = context
        self.schemas = schemas
    }

    /// Every output file, in memory, with `SHA256SUMS` and `manifest.json` last; or the path diagnostics
    /// that stop the build before anything is written.
    public func plan() -> (OutputPlan, [Diagnostic]) {
        var (plan, diagnostics) = outputs()
        if diagnostics.containsErrors { return (plan, diagnostics) }
        plan.materialize()
        plan.add(contentsOf: ChecksumEmitter.files(for: plan, context: context))
        context.timer.mark("checksums")
        return (plan, diagnostics)
    }

    /// Writes the build into `output` (atomically, see ``DiskOutput``): the outputs of ``outputs()``, each
    /// deferred file rendered as it is written, and the checksum files made from the digests taken while
    /// writing. The files are the same as ``plan()``'s, without holding every API document in memory.
    ///
    /// - Returns: what was written, or nil and the diagnostics that stopped the build before anything was.
    public func write(to output: DiskOutput) throws -> (DiskOutput.Summary?, [Diagnostic]) {
        let (plan, diagnostics) = outputs()
        if diagnostics.containsErrors { return (nil, diagnostics) }
        let context = self.context
        let summary = try output.write(plan) { paths, sizes, digests, order in
            ChecksumEmitter.files(paths: paths, sizes: sizes, digests: digests, order: order, context: context)
        }
        return (summary, diagnostics)
    }

    /// Every output file but the checksum files, some of them deferred; or the path diagnostics that stop
    /// the build.
    public func outputs() -> (OutputPlan, [Diagnostic]) {
        let outputs = context.config.outputs
        var plan = OutputPlan()
        let timer = context.timer
        let release = ReleaseEmitter(context: context)
        if outputs.contains(.bundle) { plan.add(contentsOf: release.bundleFiles()) }
        if outputs.contains(.signals) { plan.add(contentsOf: release.signalFiles()) }
        timer.mark("emit bundle+signals")
        if outputs.contains(.mappings) { plan.add(contentsOf: MappingEmitter(context: context).files()) }
        timer.mark("emit mappings")
        // The compute stage runs once; its results feed the compute documents, the API and the site.
        let needsResults = outputs.contains(.compute) || outputs.contains(.api) || outputs.contains(.html)
        let results = needsResults ? ComputeResults(registry: context.registry, timer: timer) : nil
        timer.mark("compute")
        if outputs.contains(.compute), let results { plan.add(contentsOf: ComputeEmitter(context: context, results: results).files()) }
        timer.mark("emit compute documents")
        if outputs.contains(.schemas) { plan.add(contentsOf: SchemaEmitter.files(schemas, context: context)) }
        let api = outputs.contains(.api) && results != nil ? APIEmitter(context: context, schemas: schemas, results: results!).files() : ([], [])
        plan.add(contentsOf: api.0)
        timer.mark("emit api")
        let siteDiagnostics = outputs.contains(.html) && results != nil ? HTMLEmitter(context: context, results: results!).emit(into: &plan) : []
        timer.mark("emit html")
        // The checksum files' own paths are fixed and collide with nothing: `SHA256SUMS`, `manifest.json`.
        let diagnostics = api.1 + siteDiagnostics + plan.checkPaths()
        timer.mark("check paths")
        return (plan, diagnostics)
    }
}

/// Where the publication time comes from.
public enum PublicationTime: Sendable {
    /// RFC 3339 UTC for a Unix time, as `SOURCE_DATE_EPOCH` gives it.
    public static func rfc3339(epoch: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(epoch))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Chooses the publication time: `--now`, then `SOURCE_DATE_EPOCH` (the reproducible-builds convention
    /// lets the environment pin it), then the config; nil when none is set.
    public static func resolve(config: RegistryConfig, environment: [String: String], now: Bool) -> String? {
        if now { return rfc3339(epoch: Int(Date().timeIntervalSince1970)) }
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int($0) }) { return rfc3339(epoch: epoch) }
        return config.publishedAt
    }
}
