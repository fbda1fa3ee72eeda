import ArgumentParser
import CSECore
import CSEDiagnostics
import Foundation

/// Options shared by the compute commands (coverage, crosswalk, gap-analysis).
struct ComputeOptions: ParsableArguments {
    @Option(name: .long, help: "The registry root.")
    var root: String = "."

    @Option(name: .long, help: "How to print problems: human, tool, github, json or sarif.")
    var diagnosticsFormat: DiagnosticFormat = .human

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?
}

/// Loads the registry for a compute command and prints any problems; nil when the registry has errors.
struct ComputeSession {
    var options: ComputeOptions
    var target: RegistryTarget
    var result: LoadResult
    var schemas: SchemaCatalog
    var registry: Registry

    /// Throws `ExitCode` (1 when the registry has errors, 2 for environment failures).
    static func open(_ options: ComputeOptions) throws -> ComputeSession {
        do {
            let target = try RegistryTarget(paths: [options.root])
            let schemas = try SchemaCatalog.bundled()
            let result = try RegistryLoader(fileSystem: LocalFileSystem(root: target.root), schemas: schemas).load()
            guard let registry = result.registry else {
                report(
                    result.diagnostics.map(target.displaying), sources: target.displaySources(result.sources), files: result.fileCount,
                    format: options.diagnosticsFormat)
                Console.err("the registry has errors; run 'cse validate' for details\n")
                throw ExitCode(ExitStatus.problems)
            }
            return ComputeSession(options: options, target: target, result: result, schemas: schemas, registry: registry)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.err("error: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
    }

    static func report(_ diagnostics: [Diagnostic], sources: @escaping SourceProvider, files: Int, format: DiagnosticFormat) {
        guard !diagnostics.isEmpty else { return }
        let rendered = format.render(
            DiagnosticLimiter.limit(diagnostics.sorted(by: Diagnostic.printOrder)), sources: sources, fileCount: files, toolVersion: CSEVersion.current,
            explains: DiagnosticCatalogue.explains)
        if format == .human { Console.err(rendered) } else { Console.out(rendered) }
    }

    /// Writes a report to `--output` or standard output.
    func emit(_ text: String) throws {
        if let path = options.output {
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                Console.err("error: cannot write '\(path)'\n")
                throw ExitCode(ExitStatus.environment)
            }
        } else {
            Console.out(text)
        }
    }

    func emit(_ json: JSONValue) throws { try emit(String(decoding: JSONWriter(style: .pretty).bytes(json), as: UTF8.self)) }
}

/// Report formats of the compute commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, markdown
}
