import CSEYAML

/// Turns registered schema documents into a ``SchemaProgram``: every reachable subschema compiled once,
/// references resolved to indices, regular expressions compiled.
struct SchemaCompiler {
    private typealias Location = SchemaRegistry.Location

    let registry: SchemaRegistry
    let options: SchemaOptions
    private var schemas: [CompiledSchema] = []
    private var memo: [Location: Int] = [:]
    private var resourceIDs: [String: Int] = [:]
    private var resources: [String] = []
    /// Dialect URI → whether the validation vocabulary is enabled.
    private var validationVocabulary: [String: Bool] = [:]

    static let validationVocabularyURI = "https://json-schema.org/draft/2020-12/vocab/validation"

    init(registry: SchemaRegistry, options: SchemaOptions) {
        self.registry = registry
        self.options = options
    }

    func finish(root: Int) -> SchemaProgram {
        SchemaProgram(schemas: schemas, resources: resources, root: root)
    }

    mutating func compileReference(_ reference: String, base: String, from: String) throws(SchemaError) -> Int {
        let absolute = resolveURI(reference, against: base)
        guard let location = registry.location(of: absolute) else {
            throw .unresolvedReference(reference, schemaLocation: from)
        }
        return try compile(location)
    }

    private func describe(_ location: Location) -> String {
        registry.documentURIs[location.document] + "#" + pointerString(location.path)
    }

    private mutating func resourceID(_ uri: String) -> Int {
        if let id = resourceIDs[uri] { return id }
        resources.append(uri)
        resourceIDs[uri] = resources.count - 1
        return resources.count - 1
    }

    private mutating func compile(_ location: Location) throws(SchemaError) -> Int {
        if let index = memo[location] { return index }
        guard let resolved = registry.resolve(location) else {
            throw .unresolvedReference(describe(location), schemaLocation: describe(location))
        }
        let index = schemas.count
        let resource = resourceID(resolved.base)
        schemas.append(CompiledSchema(constant: true, keywords: [], resource: resource, needsAnnotations: false))
        memo[location] = index
        do {
            schemas[index] = try build(resolved, at: location, resource: resource)
        } catch {
            memo[location] = nil
            throw error
        }
        return index
    }

    private mutating func validationEnabled(dialect: String?) -> Bool {
        guard let dialect else { return true }
        let key = SchemaRegistry.normalized(dialect)
        if let known = validationVocabulary[key] { return known }
        var enabled = true
        if let location = registry.location(of: key), let meta = registry.resolve(location)?.node,
            let vocabulary = meta["$vocabulary"]?.members
        {
            enabled = vocabulary.contains { $0.key == Self.validationVocabularyURI }
        }
        validationVocabulary[key] = enabled
        return enabled
    }

    // MARK: - Keywords

    private mutating func build(
        _ resolved: SchemaRegistry.Resolved, at location: Location, resource: Int
    ) throws(SchemaError) -> CompiledSchema {
        let node = resolved.node
        switch node.value {
        case .bool(let b):
            return CompiledSchema(constant: b, keywords: [], resource: resource, needsAnnotations: false)
        case .object:
            break
        default:
            throw .invalidKeyword("schema", schemaLocation: describe(location), reason: "a schema must be an object or a boolean")
        }
        let here = describe(location)
        let base = resolved.base
        let validation = validationEnabled(dialect: resolved.dialect)
        var keywords: [Keyword] = []
        var trailing: [Keyword] = []

        func child(_ steps: PointerStep...) -> Location {
            Location(document: location.document, path: location.path + steps)
        }
        func integer(_ keyword: String) throws(SchemaError) -> Int? {
            guard let value = node[keyword] else { return nil }
            guard let n = value.number, n.isInteger, n.doubleValue >= 0 else {
                throw .invalidKeyword(keyword, schemaLocation: here, reason: "expected a non-negative integer")
            }
            if case .int(let i) = n { return i }
            return n.doubleValue > Double(Int.max) ? Int.max : Int(n.doubleValue)
        }
        func number(_ keyword: String) throws(SchemaError) -> Number? {
            guard let value = node[keyword] else { return nil }
            guard let n = value.number else {
                throw .invalidKeyword(keyword, schemaLocation: here, reason: "expected a number")
            }
            return n
        }
        func stringArray(_ value: Node, _ keyword: String) throws(SchemaError) -> [String] {
            guard let items = value.array else {
                throw .invalidKeyword(keyword, schemaLocation: here, reason: "expected an array of strings")
            }
            var out: [String] = []
            for item in items {
                guard let s = item.string else {
                    throw .invalidKeyword(keyword, schemaLocation: here, reason: "expected an array of strings")
                }
                out.append(s)
            }
            return out
        }
        func schemaArray(_ keyword: String) throws(SchemaError) -> [Int]? {
            guard let value = node[keyword] else { return nil }
            guard let items = value.array else {
                throw .invalidKeyword(keyword, schemaLocation: here, reason: "expected an array of schemas")
            }
            var out: [Int] = []
            for i in items.indices { out.append(try compile(child(.key(keyword), .index(i)))) }
            return out
        }
        func subschema(_ keyword: String) throws(SchemaError) -> Int? {
            guard node[keyword] != nil else { return nil }
            return try compile(child(.key(keyword)))
        }
        func regex(_ pattern: String) throws(SchemaError) -> ECMARegex {
            do {
                return try ECMARegex(pattern)
            } catch {
                throw .invalidPattern(pattern, schemaLocation: here, reason: error.reason)
            }
        }

        // Core.
        if let ref = node["$ref"] {
            guard let text = ref.string else {
                throw .invalidKeyword("$ref", schemaLocation: here, reason: "expected a URI reference")
            }
            keywords.append(.ref(try compileReference(text, base: base, from: here)))
        }
        if let ref = node["$dynamicRef"] {
            guard let text = ref.string else {
                throw .invalidKeyword("$dynamicRef", schemaLocation: here, reason: "expected a URI reference")
            }
            let absolute = resolveURI(text, against: base)
            let target = try compileReference(text, base: base, from: here)
            var candidates: [DynamicCandidate] = []
            if let fragment = splitFragment(absolute).fragment, !fragment.isEmpty, !fragment.hasPrefix("/"),
                let targetLocation = registry.location(of: absolute),
                registry.resolve(targetLocation)?.node["$dynamicAnchor"]?.string == fragment
            {
                for (uri, names) in registry.dynamicAnchors.sorted(by: { $0.key < $1.key }) {
                    // A candidate that does not compile can only matter if it is in the dynamic scope,
                    // and then it was compiled (and reported) on the way in.
                    guard let anchored = names[fragment], let schema = try? compile(anchored) else { continue }
                    candidates.append(DynamicCandidate(resource: resourceID(uri), schema: schema))
                }
            }
            keywords.append(.dynamicRef(target: target, candidates: candidates))
        }

        // Validation.
        if validation {
            if let type = node["type"] {
                var names: [String] = []
                if let name = type.string {
                    names = [name]
                } else {
                    names = try stringArray(type, "type")
                }
                var set = TypeSet()
                for name in names {
                    guard let t = TypeSet(name: name) else {
                        throw .invalidKeyword("type", schemaLocation: here, reason: "unknown type '\(name)'")
                    }
                    set.insert(t)
                }
                keywords.append(.type(set, names: names))
            }
            if let values = node["enum"] {
                guard let items = values.array else {
                    throw .invalidKeyword("enum", schemaLocation: here, reason: "expected an array")
                }
                keywords.append(.enumeration(items))
            }
            if let value = node["const"] { keywords.append(.constant(value)) }
            if let n = try number("multipleOf") {
                guard n.doubleValue > 0 else {
                    throw .invalidKeyword("multipleOf", schemaLocation: here, reason: "expected a number greater than 0")
                }
                keywords.append(.multipleOf(n))
            }
            if let n = try number("maximum") { keywords.append(.maximum(n)) }
            if let n = try number("exclusiveMaximum") { keywords.append(.exclusiveMaximum(n)) }
            if let n = try number("minimum") { keywords.append(.minimum(n)) }
            if let n = try number("exclusiveMinimum") { keywords.append(.exclusiveMinimum(n)) }
            if let n = try integer("maxLength") { keywords.append(.maxLength(n)) }
            if let n = try integer("minLength") { keywords.append(.minLength(n)) }
            if let pattern = node["pattern"] {
                guard let text = pattern.string else {
                    throw .invalidKeyword("pattern", schemaLocation: here, reason: "expected a string")
                }
                keywords.append(.pattern(try regex(text)))
            }
            if let n = try integer("maxItems") { keywords.append(.maxItems(n)) }
            if let n = try integer("minItems") { keywords.append(.minItems(n)) }
            if node["uniqueItems"]?.bool == true { keywords.append(.uniqueItems) }
            if let n = try integer("maxProperties") { keywords.append(.maxProperties(n)) }
            if let n = try integer("minProperties") { keywords.append(.minProperties(n)) }
            if let required = node["required"] {
                keywords.append(.required(try stringArray(required, "required")))
            }
            if let dependent = node["dependentRequired"] {
                guard let members = dependent.members else {
                    throw .invalidKeyword("dependentRequired", schemaLocation: here, reason: "expected an object")
                }
                var pairs: [(String, [String])] = []
                for member in members {
                    pairs.append((member.key, try stringArray(member.value, "dependentRequired")))
                }
                keywords.append(.dependentRequired(pairs))
            }
        }
        if let format = node["format"]?.string, options.assertFormats {
            keywords.append(.format(format))
        }

        // Applicators.
        if let list = try schemaArray("allOf") { keywords.append(.allOf(list)) }
        if let list = try schemaArray("anyOf") { keywords.append(.anyOf(list)) }
        if let list = try schemaArray("oneOf") { keywords.append(.oneOf(list)) }
        if let sub = try subschema("not") { keywords.append(.not(sub)) }
        if let condition = try subschema("if") {
            let then = try subschema("then"), otherwise = try subschema("else")
            // Kept even without `then`/`else`: a passing `if` still contributes annotations.
            keywords.append(.conditional(if: condition, then: then, else: otherwise))
        }
        if let dependent = node["dependentSchemas"] {
            guard let members = dependent.members else {
                throw .invalidKeyword("dependentSchemas", schemaLocation: here, reason: "expected an object")
            }
            var pairs: [(String, Int)] = []
            for member in members {
                pairs.append((member.key, try compile(child(.key("dependentSchemas"), .key(member.key)))))
            }
            keywords.append(.dependentSchemas(pairs))
        }
        let prefix = try schemaArray("prefixItems")
        if let prefix { keywords.append(.prefixItems(prefix)) }
        if let items = try subschema("items") { keywords.append(.items(items, prefix: prefix?.count ?? 0)) }
        if let contains = try subschema("contains") {
            let minimum = validation ? (try integer("minContains") ?? 1) : 1
            let maximum = validation ? try integer("maxContains") : nil
            keywords.append(.contains(contains, min: minimum, max: maximum))
        }
        let properties = node["properties"], patterns = node["patternProperties"]
        let additional = node["additionalProperties"]
        if properties != nil || patterns != nil || additional != nil {
            var names: [String: Int] = [:], order: [String] = [], schemas: [Int] = []
            if let properties {
                guard let members = properties.members else {
                    throw .invalidKeyword("properties", schemaLocation: here, reason: "expected an object")
                }
                for member in members {
                    let schema = try compile(child(.key("properties"), .key(member.key)))
                    names[member.key] = schema
                    order.append(member.key)
                    schemas.append(schema)
                }
            }
            var patternSchemas: [(pattern: ECMARegex, schema: Int)] = []
            if let patterns {
                guard let members = patterns.members else {
                    throw .invalidKeyword("patternProperties", schemaLocation: here, reason: "expected an object")
                }
                for member in members {
                    let schema = try compile(child(.key("patternProperties"), .key(member.key)))
                    patternSchemas.append((try regex(member.key), schema))
                }
            }
            let additionalSchema = additional != nil ? try compile(child(.key("additionalProperties"))) : nil
            let applicator = ObjectApplicator(
                properties: names, propertyOrder: order, propertySchemas: schemas, patterns: patternSchemas,
                additional: additionalSchema, hasProperties: properties != nil)
            keywords.append(.object(applicator))
        }
        if let names = try subschema("propertyNames") { keywords.append(.propertyNames(names)) }
        if let sub = try subschema("unevaluatedItems") { trailing.append(.unevaluatedItems(sub)) }
        if let sub = try subschema("unevaluatedProperties") { trailing.append(.unevaluatedProperties(sub)) }

        return CompiledSchema(
            constant: nil, keywords: keywords + trailing, resource: resource, needsAnnotations: !trailing.isEmpty)
    }
}
