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
        subcommands: [SchemaValidate.self, SchemaExport.self]
    )
}

/// `cse schema export`: the input schemas for editors, in draft-07 (or as bundled, 2020-12).
struct SchemaExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the input schemas for editors (yaml-language-server supports JSON Schema up to draft-07).",
        discussion: """
            Writes one schema per kind of input file (cse.yaml, signals, mappings, frameworks, control \
            catalogs, crosswalks, artifact types, tools) to --output, and beside them \
            schemastore-catalog.json (SchemaStore catalog entries pointing at <base_url>schemas/draft-07/) and \
            vscode-settings.json (VS Code's yaml.schemas and json.schemas associations for that folder). \
            Where draft-07 cannot say what a 2020-12 keyword says, the schema's $comment names the place \
            (docs/editors.md). Exit status: 0 written, 2 usage or environment error.
            """
    )

    @Option(name: .long, help: "7 (draft-07, for editors) or 2020-12 (the schemas cse validate uses).")
    var draft: String = "7"

    @Option(name: .long, help: "The folder to write into (created if missing).")
    var output: String = "editor/schemas"

    @Option(name: .long, help: "The base URL the catalog entries point under (default: cse.yaml's base_url, else the CSE registry's).")
    var baseURL: String?

    func validate() throws {
        guard ["7", "07", "draft-07", "2020-12"].contains(draft) else {
            throw ValidationError("--draft takes 7 or 2020-12, got '\(draft)'")
        }
    }

    func run() throws {
        let catalog = try SchemaCatalog.bundled()
        var files: [(String, String)] = []
        for input in EditorSchemas.inputs {
            if draft == "2020-12" {
                files.append((input.schema, String(decoding: catalog.sources[input.schema] ?? [], as: UTF8.self)))
            } else {
                do {
                    files.append((input.schema, try EditorSchemas.export(catalog, name: input.schema)))
                } catch {
                    throw EnvironmentError("cannot export \(input.schema)", reasons: ["\(error)"])
                }
            }
        }
        let base = baseURL ?? Self.configuredBaseURL() ?? "https://cse-registry.org/"
        files.append(("schemastore-catalog.json", EditorSchemas.schemaStoreEntries(baseURL: base)))
        files.append(("vscode-settings.json", EditorSchemas.vscodeSettings(folder: output)))
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for (name, text) in files { try AtomicFile.replace(output + "/" + name, with: Array(text.utf8)) }
        } catch {
            throw EnvironmentError("cannot write into '\(output)'", reasons: ["\(error)"])
        }
        Console.out("wrote \(files.count) files to \(output)/ (JSON Schema \(draft == "2020-12" ? "2020-12" : "draft-07"))\n")
    }

    /// `base_url` from the cse.yaml of the current folder, if there is one.
    private static func configuredBaseURL() -> String? {
        guard let bytes = FileManager.default.contents(atPath: "cse.yaml") else { return nil }
        let (node, _) = DocumentLoader.load([UInt8](bytes), path: "cse.yaml", format: .yaml)
        return node?["base_url"]?.string
    }
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
