import ArgumentParser
import CSECore
import CSEDiagnostics
import CSESchema
import CSEYAML
import Foundation

/// `cse schema`: the JSON Schema validator as a general tool.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with JSON Schemas.",
        subcommands: [SchemaValidate.self]
    )
}

/// `cse schema validate`: checks any YAML or JSON documents against any draft 2020-12 schema.
struct SchemaValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate YAML or JSON documents against a JSON Schema (draft 2020-12).",
        discussion: """
            Nothing is fetched: a remote $ref resolves only from a file named with --ref URI=FILE. \
            Formats (date, date-time, uri, email) are asserted. Exit status: 0 valid, 1 problems found, \
            2 usage or environment error.
            """
    )

    @Option(name: .long, help: "The schema file (JSON or YAML).")
    var schema: String

    @Option(name: .long, help: "Serve URI from FILE when a $ref names it (repeatable): --ref URI=FILE.")
    var ref: [String] = []

    @Argument(help: "Documents to validate.")
    var documents: [String]

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func validate() throws {
        if documents.isEmpty { throw ValidationError("name at least one document to validate") }
        for r in ref where !r.contains("=") { throw ValidationError("--ref takes URI=FILE, got '\(r)'") }
    }

    func run() throws {
        var texts: [String: SourceText] = [:]
        var diagnostics: [Diagnostic] = []

        func load(_ path: String) throws -> Node? {
            let bytes = try CommandInput.read(path, format: diagnosticOptions.format)
            texts[path] = SourceText(bytes: bytes)
            let (node, found) = DocumentLoader.load(bytes, path: path, format: DocumentFormat(path: path))
            diagnostics += found
            return found.containsErrors ? nil : node
        }

        var registry = SchemaRegistry()
        guard let schemaNode = try load(schema) else {
            report(diagnostics, texts: texts, files: 1)
            throw ExitCode(ExitStatus.environment)
        }
        for r in ref {
            let parts = r.split(separator: "=", maxSplits: 1).map(String.init)
            guard let node = try load(parts[1]) else {
                report(diagnostics, texts: texts, files: 1 + ref.count)
                throw ExitCode(ExitStatus.environment)
            }
            registry.register(document: node, uri: parts[0])
        }
        let schemaURI = schemaNode["$id"]?.string ?? URL(fileURLWithPath: schema).standardizedFileURL.absoluteString
        registry.register(document: schemaNode, uri: schemaURI)
        let validator: SchemaValidator
        do {
            validator = try registry.validator(for: schemaURI, options: SchemaOptions(assertFormats: true))
        } catch {
            Console.err("error: the schema '\(schema)' cannot be used\nReason: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
        for path in documents {
            if let node = try load(path) { diagnostics += validator.validate(node, file: path) }
        }
        let adjusted = DiagnosticLimiter.limit(diagnosticOptions.adjust(diagnostics).sorted(by: Diagnostic.printOrder))
        report(adjusted, texts: texts, files: documents.count)
        throw ExitCode(adjusted.containsErrors ? ExitStatus.problems : ExitStatus.clean)
    }

    private func report(_ diagnostics: [Diagnostic], texts: [String: SourceText], files: Int) {
        let rendered = diagnosticOptions.format.render(
            diagnostics, sources: { texts[$0] }, fileCount: files, toolVersion: CSEVersion.current,
            explains: DiagnosticCatalogue.explains)
        if diagnosticOptions.format == .human { Console.err(rendered) } else { Console.out(rendered) }
    }
}
