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
        guard let data = FileManager.default.contents(atPath: catalog) else {
            Console.err("error: cannot read '\(catalog)'\n")
            throw ExitCode(ExitStatus.environment)
        }
        let bytes = [UInt8](data)
        let text = SourceText(bytes: bytes), path = catalog
        let (node, found) = DocumentLoader.load(bytes, path: catalog, format: DocumentFormat(path: catalog), maximumSize: 64 * 1024 * 1024)
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
}
