import ArgumentParser
import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation

/// `cse import`: brings external catalogs into the registry's format.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import external catalogs.", subcommands: [ImportOSCAL.self])
}

/// `cse import oscal`: an OSCAL catalog (JSON or YAML) to framework.yaml + controls.yaml.
struct ImportOSCAL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oscal",
        abstract: "Convert an OSCAL catalog or resolved-profile catalog into framework.yaml and controls.yaml.",
        discussion: "Exit status: 0 written, 1 problems in the catalog, 2 usage or environment error."
    )

    @Argument(help: "The OSCAL catalog (JSON or YAML).")
    var catalog: String

    @Option(name: .long, help: "The framework code (upper-case letters and digits).")
    var framework: String

    @Option(name: [.short, .long], help: "Output folder (default: frameworks/<CODE>).")
    var output: String?

    @Option(name: .long, help: "Framework name (default: the catalog's title).") var name: String?
    @Option(name: .long, help: "Framework version (default: the catalog's version).") var version: String?
    @Option(name: .long, help: "Publisher (default: the catalog's first organization).") var publisher: String?
    @Option(name: .long, help: "Home page URL (https).") var url: String?
    @Option(name: .long, help: "CSE domain (default: the code when it is a domain, else GEN).") var domain: String?

    @Option(name: .long, help: "How to print problems: human, tool, github, json or sarif.")
    var diagnosticsFormat: DiagnosticFormat = .human

    func validate() throws {
        if framework.range(of: "^[A-Z][A-Z0-9]*$", options: .regularExpression) == nil {
            throw ValidationError("--framework must be upper-case letters and digits, got '\(framework)'")
        }
    }

    func run() throws {
        let bytes = try CommandInput.read(catalog, limit: InputLimits.importSize, format: diagnosticsFormat)
        let text = SourceText(bytes: bytes), path = catalog
        let (node, found) = DocumentLoader.load(bytes, path: catalog, format: DocumentFormat(path: catalog), maximumSize: InputLimits.importSize)
        var diagnostics = found
        var result: OSCALImporter.Result?
        if let node, !found.containsErrors {
            let importer = OSCALImporter(
                metadata: .init(code: framework, name: name, version: version, publisher: publisher, url: url, domain: domain))
            let (r, more) = importer.convert(node, path: catalog)
            result = r
            diagnostics += more
        }
        ComputeSession.report(diagnostics, sources: { $0 == path ? text : nil }, files: 1, format: diagnosticsFormat)
        guard let result, !diagnostics.containsErrors else { throw ExitCode(ExitStatus.problems) }
        let folder = output ?? "frameworks/\(framework)"
        try checkGenerated(result, folder: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(result.frameworkYAML.utf8).write(to: URL(fileURLWithPath: folder + "/framework.yaml"))
            try Data(result.controlsYAML.utf8).write(to: URL(fileURLWithPath: folder + "/controls.yaml"))
        } catch {
            Console.err("error: cannot write into '\(folder)'\nReason: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
        Console.err(
            "wrote \(folder)/framework.yaml and controls.yaml: \(result.controlCount) controls (\(result.enhancementCount) enhancements, "
                + "\(result.withdrawnCount) withdrawn) in \(result.familyCount) families\n")
    }

    /// Validates the two generated files as the registry would (schemas and catalog rules), so that an
    /// import never writes a catalog that `cse validate` then refuses; on any error nothing is written.
    private func checkGenerated(_ result: OSCALImporter.Result, folder: String) throws {
        let base = "frameworks/\(framework)"
        let files = ["\(base)/framework.yaml": result.frameworkYAML, "\(base)/controls.yaml": result.controlsYAML]
        let check: LoadResult
        do {
            check = try RegistryLoader(fileSystem: InMemoryFileSystem(files: files), schemas: SchemaCatalog.bundled()).load()
        } catch {
            Console.err("error: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
        guard !check.diagnostics.isEmpty else { return }
        // Shown under the paths they would have been written to.
        func moved(_ range: SourceRange?) -> SourceRange? {
            guard var range, range.file.hasPrefix(base + "/") else { return range }
            range.file = folder + range.file.dropFirst(base.count)
            return range
        }
        let shown = check.diagnostics.map { d -> Diagnostic in
            var d = d
            d.range = moved(d.range)
            d.notes = d.notes.map { Diagnostic.Note(range: moved($0.range), message: $0.message) }
            return d
        }
        let sources = check.sources
        ComputeSession.report(
            shown, sources: { path in sources(path.hasPrefix(folder + "/") ? base + path.dropFirst(folder.count) : path) }, files: 2,
            format: diagnosticsFormat)
        if check.diagnostics.containsErrors {
            Console.err("the imported catalog would not pass 'cse validate'; nothing was written\n")
            throw ExitCode(ExitStatus.problems)
        }
    }
}
