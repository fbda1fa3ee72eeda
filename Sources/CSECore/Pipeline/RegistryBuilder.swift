public import CSEDiagnostics
import Foundation

/// Stages 4-5 of the compiler: compute and emit. Turns a validated registry into an output plan.
public struct RegistryBuilder: Sendable {
    public var context: BuildContext
    public var schemas: SchemaCatalog
    /// Files written beside the outputs and listed in the checksums and the manifest (a release's history).
    public var extraFiles: [OutputFile] = []

    public init(context: BuildContext, schemas: SchemaCatalog) {
        self.context = context
        self.schemas = schemas
    }

    /// Every output file, in memory, with `SHA256SUMS` and `manifest.json` last (written through a
    /// ``MemorySink``); or the path diagnostics that stop the build before anything is written.
    public func plan() -> (OutputPlan, [Diagnostic]) {
        let sink = MemorySink()
        do {
            let (_, diagnostics) = try write(to: sink)
            return (diagnostics.containsErrors ? outputs().0 : sink.plan, diagnostics)
        } catch {
            // A memory sink does not fail; a renderer that threw would be a bug.
            preconditionFailure("writing to memory failed: \(error)")
        }
    }

    /// Writes the build into `sink` through a ``HashingSink``, which adds the checksum files: each deferred
    /// file is rendered and hashed as it is written, so the API's documents are never all in memory at once.
    ///
    /// - Returns: what was written, or nil and the diagnostics that stopped the build: found before anything
    ///   was written, or while rendering deferred files (``RenderFailures``), in which case the sink was
    ///   abandoned.
    public func write(to sink: any OutputSink) throws -> (WriteSummary?, [Diagnostic]) {
        let (plan, diagnostics) = outputs()
        if diagnostics.containsErrors { return (nil, diagnostics) }
        do {
            let summary = try OutputWriter.write(plan, to: HashingSink(sink, context: context))
            return (summary, diagnostics)
        } catch let failed as RenderFailures {
            // A page that cannot be rendered stops the build like any other error: the sink has kept
            // nothing of this write.
            return (nil, diagnostics + failed.diagnostics)
        }
    }

    /// Every output file but the checksum files, some of them deferred; or the path diagnostics that stop
    /// the build.
    public func outputs() -> (OutputPlan, [Diagnostic]) {
        let outputs = context.config.outputs
        var plan = OutputPlan()
        var diagnostics: [Diagnostic] = []
        let timer = context.timer
        // The compute stage runs once; its results feed the compute documents, the API and the site.
        let needsResults = outputs.contains(.compute) || outputs.contains(.api) || outputs.contains(.html)
        let results = needsResults ? ComputeResults(registry: context.registry, timer: timer) : nil
        timer.mark("compute")
        for (kind, emitter) in OutputEmitters.emitters(for: context, results: results, schemas: schemas) {
            let (files, found) = emitter.files()
            plan.add(contentsOf: files)
            diagnostics += found
            timer.mark("emit \(kind.rawValue)")
        }
        plan.add(contentsOf: extraFiles)
        // The checksum files' own paths are fixed and collide with nothing: `SHA256SUMS`, `manifest.json`.
        diagnostics += plan.checkPaths()
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
