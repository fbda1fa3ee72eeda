import CSESchema
public import CSEDiagnostics
public import CSEYAML
import Foundation

/// The project's JSON Schemas, compiled once and shared by every validation task.
public struct SchemaCatalog: Sendable {
    /// `$id` prefix of the schemas as written in `schemas/`; the build rewrites it to the configured base URL.
    public static let idPrefix = "https://cse-registry.org/schemas/"

    /// File name → schema text, as shipped in the tool.
    public let sources: [String: [UInt8]]
    private let validators: [String: SchemaValidator]
    private let registry: SchemaRegistry

    /// Loads the schemas bundled with the tool (timed as `schemas` under `CSE_TIMINGS=1`).
    public static func bundled() throws -> SchemaCatalog {
        PhaseTimer.shared.mark("start")
        defer { PhaseTimer.shared.mark("schemas") }
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

    public init(sources: [String: [UInt8]]) throws {
        self.sources = sources
        var registry = SchemaRegistry()
        var nodes: [String: Node] = [:]
        for (name, bytes) in sources.sorted(by: { $0.key < $1.key }) {
            let (node, diagnostics) = DocumentLoader.load(bytes, path: "schemas/\(name)", format: .json)
            guard let node, !diagnostics.containsErrors else {
                throw EnvironmentError("the bundled schema '\(name)' does not parse", reasons: diagnostics.map(\.summary))
            }
            nodes[name] = node
            registry.register(document: node, uri: Self.idPrefix + name)
        }
        var validators: [String: SchemaValidator] = [:]
        for name in nodes.keys.sorted() {
            do {
                validators[name] = try registry.validator(for: Self.idPrefix + name, options: SchemaOptions(assertFormats: true))
            } catch {
                throw EnvironmentError("the bundled schema '\(name)' does not compile", reasons: ["\(error)"])
            }
        }
        self.validators = validators
        self.registry = registry
    }

    /// Validates a document against one of the schemas by file name.
    public func validate(_ node: Node, schema: String, file: String) -> [Diagnostic] {
        if schema.utf8.contains(UInt8(ascii: "#")) {
            // A subschema (`registry.schema.json#/$defs/signalIndexEntry`): compiled on request.
            guard let validator = try? registry.validator(for: Self.idPrefix + schema, options: SchemaOptions(assertFormats: true)) else {
                return [Diagnostic(id: "schema.missing", range: .file(file), summary: "no schema named '\(schema)' is bundled")]
            }
            return validator.validate(node, file: file)
        }
        guard let validator = validators[schema] else {
            return [Diagnostic(id: "schema.missing", range: .file(file), summary: "no schema named '\(schema)' is bundled")]
        }
        // Most documents are valid: the boolean pass stops at the first failure and records no paths,
        // so the full pass that builds messages runs only for documents that need them.
        if validator.isValid(node) { return [] }
        return validator.validate(node, file: file)
    }
}
