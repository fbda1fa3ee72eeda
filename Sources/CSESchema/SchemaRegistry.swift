public import CSEYAML

/// The schema documents a validator may refer to, indexed by URI, `$id`, `$anchor` and `$dynamicAnchor`.
///
/// Nothing is ever fetched: a `$ref` to another document resolves only when that document was
/// registered here under its URI (or carries a matching `$id`). Build a registry once, then ask it for
/// a ``SchemaValidator`` per root schema; the registry itself is a value and can be copied freely.
///
/// ```swift
/// var registry = SchemaRegistry()
/// try registry.registerMetaschemas(parse: { try parseJSON($0) })
/// registry.register(document: itemSchema, uri: "https://cse.example/schemas/item.json")
/// let validator = try registry.validator(for: "https://cse.example/schemas/item.json",
///                                        options: SchemaOptions(assertFormats: true))
/// let diagnostics = validator.validate(instance, file: "items/foo.yaml")
/// ```
public struct SchemaRegistry: Sendable {
    struct Location: Hashable, Sendable {
        var document: Int
        var path: [PointerStep]
    }

    private(set) var documents: [Node] = []
    private(set) var documentURIs: [String] = []
    /// Absolute URIs without fragment → the schema resource they name.
    private(set) var resources: [String: Location] = [:]
    /// `uri#name` → the schema carrying `$anchor` or `$dynamicAnchor` `name` in resource `uri`.
    private(set) var anchors: [String: Location] = [:]
    /// Resource URI → `$dynamicAnchor` names declared directly in that resource.
    private(set) var dynamicAnchors: [String: [String: Location]] = [:]

    public init() {}

    /// Adds a schema document under `uri` (absolute; a trailing empty fragment is ignored) and indexes
    /// every embedded resource, anchor and dynamic anchor in it. A later registration of the same URI wins.
    public mutating func register(document: Node, uri: String) {
        let uri = Self.normalized(uri)
        let index = documents.count
        documents.append(document)
        documentURIs.append(uri)
        resources[uri] = Location(document: index, path: [])
        var path: [PointerStep] = []
        indexSchema(document, document: index, path: &path, base: uri)
    }

    /// Registers the JSON Schema draft 2020-12 metaschema and its vocabulary metaschemas, turning
    /// their JSON text into nodes with `parse` (the registry has no JSON reader of its own).
    public mutating func registerMetaschemas(parse: (String) throws -> Node) rethrows {
        for (uri, text) in Metaschemas.draft202012 {
            register(document: try parse(text), uri: uri)
        }
    }

    /// True when a document or embedded resource is registered under `uri`.
    public func contains(uri: String) -> Bool {
        resources[Self.normalized(uri)] != nil
    }

    /// Compiles the schema at `uri` (which may carry a fragment: a JSON Pointer or an anchor) and
    /// everything it references into a validator.
    public func validator(for uri: String, options: SchemaOptions = SchemaOptions()) throws(SchemaError) -> SchemaValidator {
        var compiler = SchemaCompiler(registry: self, options: options)
        let root = try compiler.compileReference(uri, base: "", from: uri)
        return SchemaValidator(program: compiler.finish(root: root), options: options)
    }

    /// Registers `schema` under `uri` and compiles it, for the common single-document case.
    public static func validator(
        for schema: Node, uri: String, options: SchemaOptions = SchemaOptions()
    ) throws(SchemaError) -> SchemaValidator {
        var registry = SchemaRegistry()
        registry.register(document: schema, uri: uri)
        return try registry.validator(for: uri, options: options)
    }

    // MARK: - Indexing

    static func normalized(_ uri: String) -> String {
        uri.hasSuffix("#") ? String(uri.dropLast()) : uri
    }

    private mutating func indexSchema(_ node: Node, document: Int, path: inout [PointerStep], base: String) {
        guard case .object(let members) = node.value else { return }
        var base = base
        let location = Location(document: document, path: path)
        if let id = node["$id"]?.string {
            base = Self.normalized(splitFragment(resolveURI(id, against: base)).base)
            resources[base] = location
        }
        if let anchor = node["$anchor"]?.string {
            anchors[base + "#" + anchor] = location
        }
        if let anchor = node["$dynamicAnchor"]?.string {
            anchors[base + "#" + anchor] = location
            dynamicAnchors[base, default: [:]][anchor] = location
        }
        for member in members {
            switch SchemaKeywords.shape(of: member.key) {
            case .schema:
                path.append(.key(member.key))
                indexSchema(member.value, document: document, path: &path, base: base)
                path.removeLast()
            case .mapOfSchemas:
                guard case .object(let entries) = member.value.value else { continue }
                path.append(.key(member.key))
                for entry in entries {
                    path.append(.key(entry.key))
                    indexSchema(entry.value, document: document, path: &path, base: base)
                    path.removeLast()
                }
                path.removeLast()
            case .arrayOfSchemas:
                guard case .array(let items) = member.value.value else { continue }
                path.append(.key(member.key))
                for (i, item) in items.enumerated() {
                    path.append(.index(i))
                    indexSchema(item, document: document, path: &path, base: base)
                    path.removeLast()
                }
                path.removeLast()
            case .other:
                continue
            }
        }
    }

    // MARK: - Lookup

    /// What a walk from the document root to a location learned: the node, its base URI (its resource)
    /// and the `$schema` dialect in force.
    struct Resolved {
        var node: Node
        var base: String
        var dialect: String?
    }

    /// Walks from the root of the location's document, applying `$id` at every schema position passed.
    func resolve(_ location: Location) -> Resolved? {
        var node = documents[location.document]
        var base = documentURIs[location.document]
        var dialect: String?
        var shape = SchemaKeywords.Shape.schema
        func enterSchema() {
            guard shape == .schema else { return }
            if let id = node["$id"]?.string {
                base = Self.normalized(splitFragment(resolveURI(id, against: base)).base)
                if let schema = node["$schema"]?.string { dialect = schema }
            } else if dialect == nil, let schema = node["$schema"]?.string {
                dialect = schema
            }
        }
        enterSchema()
        for step in location.path {
            switch (step, node.value) {
            case (.key(let key), .object):
                guard let child = node[key] else { return nil }
                node = child
                shape = shape == .schema ? SchemaKeywords.shape(of: key) : (shape == .other ? .other : .schema)
            case (.index(let i), .array(let items)):
                guard i >= 0, i < items.count else { return nil }
                node = items[i]
                shape = shape == .arrayOfSchemas ? .schema : .other
            default:
                return nil
            }
            enterSchema()
        }
        return Resolved(node: node, base: base, dialect: dialect)
    }

    /// The location an absolute URI (with optional fragment) names, or nil.
    func location(of uri: String) -> Location? {
        let (base, fragment) = splitFragment(uri)
        guard let resource = resources[Self.normalized(base)] else { return nil }
        guard let fragment, !fragment.isEmpty else { return resource }
        let decoded = percentDecoded(fragment)
        if decoded.hasPrefix("/") {
            guard let tokens = parsePointerTokens(decoded) else { return nil }
            var location = resource
            var node = resolve(resource)?.node
            for token in tokens {
                guard let current = node else { return nil }
                switch current.value {
                case .object:
                    location.path.append(.key(token))
                    node = current[token]
                case .array(let items):
                    guard let i = Int(token), i >= 0, i < items.count,
                        String(i) == token
                    else { return nil }
                    location.path.append(.index(i))
                    node = items[i]
                default:
                    return nil
                }
            }
            return node == nil ? nil : location
        }
        return anchors[Self.normalized(base) + "#" + fragment]
    }
}

/// Which keywords hold subschemas, and how.
enum SchemaKeywords {
    enum Shape { case schema, mapOfSchemas, arrayOfSchemas, other }

    static func shape(of keyword: String) -> Shape {
        switch keyword {
        case "items", "additionalProperties", "contains", "propertyNames", "if", "then", "else", "not",
            "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems":
            .schema
        case "$defs", "definitions", "properties", "patternProperties", "dependentSchemas":
            .mapOfSchemas
        case "allOf", "anyOf", "oneOf", "prefixItems":
            .arrayOfSchemas
        default:
            .other
        }
    }
}
