import ArgumentParser
import CSECore
import CSEDiagnostics
import Foundation

/// `cse build`: compiles the registry into its release artifacts.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile the registry into its release artifacts.",
        discussion: """
            Validates the registry, then writes the bundle, per-signal files, mappings, schemas, \
            checksums and manifest. Over the output of a previous build, only the files whose bytes \
            changed are written (into a temporary folder beside the output folder, then moved into \
            place once everything succeeded) and files the new output lacks are removed; --replace \
            writes every file and swaps the whole folder in at once instead, as a first build does. \
            A registry with errors writes nothing and exits 1. \
            The publication time comes from --published-at, cse.yaml's registry.published_at, or \
            SOURCE_DATE_EPOCH; --now uses the clock.
            """
    )

    @Argument(help: "The registry root (default: the current folder).")
    var root: String = "."

    @Option(name: [.short, .long], help: "Output folder (default: cse.yaml's output, else _site under the root).")
    var output: String?

    @Option(name: .long, help: "Registry version to publish (semver), overriding cse.yaml.")
    var version: String?

    @Option(name: .long, help: "Publication time (RFC 3339), overriding cse.yaml and SOURCE_DATE_EPOCH.")
    var publishedAt: String?

    @Flag(name: .long, help: "Use the current time as the publication time.")
    var now = false

    @Option(name: .long, help: "Base URL the tree is published under, ending in '/'.")
    var baseURL: String?

    @Option(name: .long, help: "Outputs to write, comma-separated: bundle,signals,mappings,schemas,compute,api,html.")
    var outputs: String?

    @Flag(
        name: .long,
        help: "Write every file and swap the whole output folder in at once (by default only changed files are written over a previous output).")
    var replace = false

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func validate() throws {
        if let version, version.split(separator: ".").count != 3 || !version.split(separator: ".").allSatisfy({ Int($0) != nil }) {
            throw ValidationError("--version must be MAJOR.MINOR.PATCH, got '\(version)'")
        }
        if let baseURL, !baseURL.hasSuffix("/") { throw ValidationError("--base-url must end with '/'") }
        if let outputs {
            for o in outputs.split(separator: ",") where OutputKind(rawValue: String(o)) == nil {
                throw ValidationError("unknown output '\(o)'; choose from \(OutputKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        var overrides = BuildAction.Overrides()
        overrides.output = output
        overrides.version = version
        overrides.publishedAt = publishedAt
        overrides.now = now
        overrides.baseURL = baseURL
        overrides.outputs = outputs.map { Set($0.split(separator: ",").compactMap { OutputKind(rawValue: String($0)) }) }
        overrides.replace = replace
        throw ExitCode(BuildAction(root: root, overrides: overrides, options: diagnosticOptions).perform())
    }
}

/// The work behind `cse build`.
struct BuildAction {
    struct Overrides {
        var output: String?
        var version: String?
        var publishedAt: String?
        var now = false
        var baseURL: String?
        var outputs: Set<OutputKind>?
        var replace = false
    }

    var root: String
    var overrides: Overrides
    var options: DiagnosticOptions

    func perform() -> Int32 {
        do {
            let target = try RegistryTarget(paths: [root])
            let timer = PhaseTimer.fromEnvironment()
            let schemas = try SchemaCatalog.bundled(timer: timer)
            let started = Date()
            // The command line's settings are applied as cse.yaml is read: the configuration is final
            // before anything is validated.
            var loadOptions = LoadOptions(timer: timer)
            loadOptions.version = overrides.version
            loadOptions.publishedAt = overrides.publishedAt
            loadOptions.baseURL = overrides.baseURL
            loadOptions.outputs = overrides.outputs
            let result = try RegistryLoader(fileSystem: LocalFileSystem(root: target.root), schemas: schemas, options: loadOptions).load()
            var diagnostics = options.adjust(result.diagnostics)
            guard !diagnostics.containsErrors, let registry = result.registry else {
                report(diagnostics, target: target, result: result)
                Console.err("build failed: nothing was written\n")
                return ExitStatus.problems
            }
            let config = registry.config
            guard let publishedAt = PublicationTime.resolve(config: config, environment: ProcessInfo.processInfo.environment, now: overrides.now) else {
                Console.err(
                    "error: no publication time\nReason: set registry.published_at in cse.yaml, export SOURCE_DATE_EPOCH, pass --published-at, or pass --now\n")
                return ExitStatus.environment
            }
            let outputPath = overrides.output ?? (target.root + "/" + config.outputDirectory)
            if let problem = OutputGuard.check(
                output: URL(fileURLWithPath: outputPath).standardizedFileURL.path, root: target.root, templates: config.site.templatesDirectory)
            {
                guard overrides.output == nil else {
                    Console.err("error: cannot build into '\(outputPath)'\nReason: \(problem)\nReason: \(problem.hint)\n")
                    return ExitStatus.environment
                }
                let problemDiagnostic = outputDiagnostic(problem, result: result)
                report([problemDiagnostic], target: target, result: result)
                Console.err("build failed: nothing was written\n")
                return ExitStatus.problems
            }
            let context = BuildContext(registry: registry, publishedAt: publishedAt, templates: result.site, history: result.history, timer: timer)
            let output = DiskOutput(target: outputPath)
            output.timer = timer
            output.mode = overrides.replace ? .replace : .update
            let (written, planDiagnostics) = try RegistryBuilder(context: context, schemas: schemas).write(to: output)
            diagnostics += planDiagnostics
            guard let written, !diagnostics.containsErrors else {
                report(diagnostics, target: target, result: result)
                Console.err("build failed: nothing was written\n")
                return ExitStatus.problems
            }
            timer.mark("write")
            if !diagnostics.isEmpty { report(diagnostics, target: target, result: result) }
            let seconds = Date().timeIntervalSince(started)
            Console.err(
                "built \(registry.signals.count) signals, \(registry.mappings.count) mappings, \(registry.frameworks.count) frameworks: "
                    + "\(written.fileCount) files, \(written.totalBytes) bytes in \(outputPath)"
                    + (output.updated.map { ", \($0.written) written, \($0.removed) removed" } ?? "")
                    + " (\(String(format: "%.2f", seconds)) s)\n")
            return ExitStatus.clean
        } catch {
            Console.err("error: \(error)\n")
            return ExitStatus.environment
        }
    }

    /// The diagnostic for an output folder from cse.yaml that the build may not write, at its value.
    private func outputDiagnostic(_ problem: OutputGuard.Problem, result: LoadResult) -> Diagnostic {
        let config = result.documents.first { $0.file.kind == .config }
        let range = config.flatMap { doc in doc.node?["output"].map { SourceRange(file: doc.path, span: $0.span) } }
        return Diagnostic(problem.kind, range: range ?? config.map { .file($0.path) }, summary: problem.description, hint: problem.hint)
    }

    private func report(_ diagnostics: [Diagnostic], target: RegistryTarget, result: LoadResult) {
        options.report(diagnostics, target: target, result: result)
    }
}
