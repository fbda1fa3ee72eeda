public import CSEDiagnostics
import CSESchema
public import CSEYAML
import Foundation

/// What a schema says about itself.
public struct SchemaSummary: Sendable, Hashable {
    public var title: String?
    public var description: String?
}

/// The project's JSON Schemas, compiled once and shared by every validation task.
public struct SchemaCatalog: Sendable {
    /// `$id` prefix of the schemas as written in `schemas/`; the build rewrites it to the configured base URL.
    public static let idPrefix = "https://cse-registry.org/schemas/"

    /// File name → schema text, as shipped in the tool.
    public let sources: [String: [UInt8]]
    /// File name → the schema's `title` and `description`, read once when the catalog is made.
    public let summaries: [String: SchemaSummary]
    private let compiled: CompiledSchemas

    /// Loads the schemas bundled with the tool (timed as `schemas` by `timer`).
    public static func bundled(timer: PhaseTimer = .disabled) throws -> SchemaCatalog {
        timer.mark("start")
        defer { timer.mark("schemas") }
        return try loadBundled()
    }

    private static func loadBundled() throws -> SchemaCatalog {
        guard let dir = Bundle.module.url(forResource: "schemas", withExtension: nil) else {
            throw EnvironmentError("the tool's schemas are missing from its resource bundle")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        var sources: [String: [UInt8]] = [:]
        for name in names {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else {
                throw EnvironmentError("cannot read the bundled schema '\(name)'")
            }
            sources[name] = [UInt8](data)
        }
        return try SchemaCatalog(sources: sources)
    }

    /// Parses and registers every schema; each is compiled when first used (a run uses a few of the 52).
    public init(sources: [String: [UInt8]]) throws {
        self.sources = sources
        var registry = SchemaRegistry()
        var summaries: [String: SchemaSummary] = [:]
        for (name, bytes) in sources.sorted(by: { $0.key < $1.key }) {
            let (node, diagnostics) = DocumentLoader.load(bytes, path: "schemas/\(name)", format: .json)
            guard let node, !diagnostics.containsErrors else {
                throw EnvironmentError("the bundled schema '\(name)' does not parse", reasons: diagnostics.map(\.summary))
            }
            registry.register(document: node, uri: Self.idPrefix + name)
            summaries[name] = SchemaSummary(title: node["title"]?.string, description: node["description"]?.string)
        }
        self.summaries = summaries
        compiled = CompiledSchemas(registry: registry)
    }

    /// Compiles every schema now, throwing for the first that does not compile (for tests and tools that
    /// check the installation).
    public func compileAll() throws {
        for name in sources.keys.sorted() {
            if case .failure(let error) = compiled.validator(named: name) {
                throw EnvironmentError("the bundled schema '\(name)' does not compile", reasons: ["\(error)"])
            }
        }
    }

    /// Validates a document against one of the schemas by file name.
    public func validate(_ node: Node, schema: String, file: String) -> [Diagnostic] {
        // A subschema (`registry.schema.json#/$defs/signalIndexEntry`) is named after its file.
        guard sources[String(schema.prefix { $0 != "#" })] != nil else {
            return [Diagnostic(.schemaMissing, range: .file(file), summary: "no schema named '\(schema)' is bundled")]
        }
        let validator: SchemaValidator
        switch compiled.validator(named: schema) {
        case .success(let found):
            validator = found
        case .failure(let error):
            return [
                Diagnostic(
                    .schemaMissing, range: .file(file), summary: "the bundled schema '\(schema)' does not compile: \(error)")
            ]
        }
        // Most documents are valid: `validate` runs the boolean pass first, which stops at the first failure
        // and records no paths, and the pass that builds messages only for documents that need them.
        return validator.validate(node, file: file)
    }
}

/// The validators compiled so far, by schema name (a file's, or a subschema's with its `#` fragment).
///
/// Shared by every validation task: a lookup takes a lock for a dictionary read, and the first use of a
/// schema compiles it under the lock, so each is compiled once.
private final class CompiledSchemas: @unchecked Sendable {
    private let registry: SchemaRegistry
    private var validators: [String: Result<SchemaValidator, SchemaError>] = [:]
    private let lock = NSLock()

    init(registry: SchemaRegistry) { self.registry = registry }

    func validator(named name: String) -> Result<SchemaValidator, SchemaError> {
        lock.lock()
        defer { lock.unlock() }
        if let known = validators[name] { return known }
        let made = Result { () throws(SchemaError) in
            try registry.validator(for: SchemaCatalog.idPrefix + name, options: SchemaOptions(assertFormats: true))
        }
        validators[name] = made
        return made
    }
}
