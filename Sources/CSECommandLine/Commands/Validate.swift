import ArgumentParser
import CSECore
import CSEDiagnostics
import Foundation

/// `cse validate`: checks a registry (or some of its files) and reports every problem in one run.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a registry's signals, mappings and framework catalogs.",
        discussion: """
            PATHS may be the registry root, a folder inside it, or single files (as a pre-commit hook \
            passes them). The whole registry is always loaded, so cross-file rules still apply; only \
            problems in the named paths are reported. Exit status: 0 clean, 1 problems found, 2 usage \
            or environment error.
            """
    )

    @Argument(help: "The registry root, folders inside it, or files (default: the current folder).")
    var paths: [String] = []

    @Option(name: .long, help: "Validation profile: strict (complete metadata) or lenient; default from cse.yaml.")
    var profile: String?

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        let profile: ValidationProfile?
        if let p = self.profile {
            guard let parsed = ValidationProfile(rawValue: p) else {
                throw ValidationError("unknown profile '\(p)'; use strict or lenient")
            }
            profile = parsed
        } else {
            profile = nil
        }
        let status = ValidateAction(paths: paths.isEmpty ? ["."] : paths, profile: profile, options: diagnosticOptions).perform()
        throw ExitCode(status)
    }
}

/// The work behind `cse validate`, separate from argument parsing.
struct ValidateAction {
    var paths: [String]
    var profile: ValidationProfile?
    var options: DiagnosticOptions

    func perform() -> Int32 {
        do {
            let target = try RegistryTarget(paths: paths)
            let timer = PhaseTimer.fromEnvironment()
            let loader = RegistryLoader(
                fileSystem: LocalFileSystem(root: target.root), schemas: try SchemaCatalog.bundled(timer: timer),
                options: LoadOptions(profile: profile, timer: timer))
            let result = try loader.load()
            let diagnostics = options.adjust(result.diagnostics.filter(target.includes)).map(target.displaying)
            let sources = target.displaySources(result.sources)
            let rendered = options.format.render(
                diagnostics, sources: sources, fileCount: target.filter == nil ? result.fileCount : target.fileCount(result),
                toolVersion: CSEVersion.current, explains: DiagnosticCatalogue.explains)
            if options.format == .human { Console.err(rendered) } else { Console.out(rendered) }
            timer.mark("report")
            return diagnostics.containsErrors ? ExitStatus.problems : ExitStatus.clean
        } catch let error as EnvironmentError {
            Console.err("error: \(error)\n")
            return ExitStatus.environment
        } catch {
            Console.err("error: \(error)\n")
            return ExitStatus.environment
        }
    }
}
