import ArgumentParser
import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation

/// `cse new`: starts a new registry entry from a skeleton.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new signal from a skeleton that validates.",
        subcommands: [NewSignal.self]
    )
}

/// `cse new signal`: a signal folder with the next free serial, placeholders that `cse validate` names, and the
/// editor-schema modeline.
struct NewSignal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signal",
        abstract: "Write a new signal folder: signal.yaml, mappings.yaml and a README.md skeleton.",
        discussion: """
            Takes the next serial free in the domain and category (counting every ID the registry has \
            published, so a serial is never given twice), sets introduced_in to the next release's version, \
            and writes placeholders that cse validate names one by one (text.placeholder, \
            signal.incomplete-metadata, signal.unmapped). --like copies a similar signal's tags, metadata and \
            mappings, each copied justification left as a placeholder to rewrite. Exit status: 0 written, 2 \
            usage or environment error (an unknown domain, a name that cannot make an ID, an existing folder).
            """
    )

    @Option(name: .long, help: "The domain: GEN, HIPAA, SOC2, ….")
    var domain: String

    @Option(name: .long, help: "The category within the domain, such as AUTH or TECH.")
    var category: String

    @Option(name: .long, help: "The condition in a few words; becomes the NAME part of the ID (\"no mfa for admins\").")
    var name: String

    @Option(name: .long, help: "Copy tags, metadata and mappings from this signal.")
    var like: String?

    @Flag(name: .long, help: "Allow a category the domain does not have yet.")
    var newCategory = false

    @Option(name: .long, help: "The registry root (default: the registry the current folder is in).")
    var root: String = "."

    func run() throws {
        let target = try RegistryTarget(paths: [root])
        let schemas = try SchemaCatalog.bundled()
        let fs = LocalFileSystem(root: target.root)
        let result = try RegistryLoader(fileSystem: fs, schemas: schemas, options: LoadOptions()).load()
        let registry = result.partialRegistry
        let history = PublishedHistory.read(fs, schemas: schemas).0
        let published = Set(history?.signalEvents.keys.map { $0 } ?? [])
        let nextVersion: String
        if let last = history?.releases.entries.first.flatMap({ SemanticVersion($0.version) }) {
            nextVersion = last.bumped(.minor).description
        } else {
            nextVersion = registry.config.version
        }
        let scaffold = SignalScaffold(
            domains: Self.domains(schemas), signals: registry.signals, mappings: registry.mappings, publishedIDs: published,
            nextVersion: nextVersion)
        let plan: SignalScaffold.Plan
        do {
            plan = try scaffold.plan(SignalScaffold.Request(domain: domain, category: category, name: name, like: like, newCategory: newCategory))
        } catch let refusal as SignalScaffold.Refusal {
            throw ValidationError(refusal.description)
        }
        let fm = FileManager.default
        let folder = target.root + "/" + plan.folder
        guard !fm.fileExists(atPath: folder) else { throw ValidationError("\(target.displayPrefix)\(plan.folder) already exists") }
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Written in canonical form, so that `cse fmt` has nothing to change in a new folder.
            let formatter = SourceFormatter(schemas: schemas)
            for file in plan.files {
                let schema =
                    file.path.hasSuffix("/signal.yaml") ? "signal.schema.json" : file.path.hasSuffix("/mappings.yaml") ? "signal-mappings.schema.json" : nil
                let text = schema.flatMap { try? formatter.format(Array(file.text.utf8), path: file.path, schema: $0) } ?? file.text
                try AtomicFile.replace(target.root + "/" + file.path, with: Array(text.utf8))
            }
        } catch {
            throw EnvironmentError("cannot write \(target.displayPrefix)\(plan.folder)", reasons: ["\(error)"])
        }
        var text = "created \(plan.id)\n"
        for file in plan.files { text += "  \(target.displayPrefix)\(file.path)\n" }
        text += "next:\n"
        for (i, step) in plan.nextSteps.enumerated() { text += "  \(i + 1). \(step)\n" }
        if !fm.fileExists(atPath: target.root + "/" + scaffold.editorSchema) {
            text += "editors: run `cse schema export --draft 7` at the registry root so the modeline's schema exists (docs/editors.md)\n"
        }
        Console.out(text)
    }

    /// The domains the bundled signal schema allows (its `$defs/domain` enum).
    static func domains(_ schemas: SchemaCatalog) -> [String] {
        guard let bytes = schemas.sources["signal.schema.json"],
            let node = DocumentLoader.load(bytes, path: "signal.schema.json", format: .json).0,
            let values = node["$defs"]?["domain"]?["enum"]?.array
        else { return [] }
        return values.compactMap { $0.string }
    }
}
