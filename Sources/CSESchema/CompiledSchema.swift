import CSEYAML

/// JSON types as a bit set, for `type`.
struct TypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let integer = TypeSet(rawValue: 4)
    static let number = TypeSet(rawValue: 8)
    static let string = TypeSet(rawValue: 16)
    static let array = TypeSet(rawValue: 32)
    static let object = TypeSet(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// Type names in the order the schema listed them.
    static let orderedNames = ["null", "boolean", "integer", "number", "string", "array", "object"]

    func admits(_ node: Node) -> Bool {
        switch node.value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .number(let n): contains(.number) || (contains(.integer) && n.isInteger)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }
}

/// `properties`, `patternProperties` and `additionalProperties` of one schema, evaluated together.
///
/// A class, so that copying the keyword that holds it (as every evaluation does) is one reference count,
/// not one per field. Every field is a constant: reading a class's `var` costs a run-time exclusivity
/// check, and the evaluator reads these for every object it validates.
final class ObjectApplicator: @unchecked Sendable {
    let properties: [String: Int]
    /// Property names in schema order, for suggestions.
    let propertyOrder: [String]
    /// The schema of each name in ``propertyOrder``.
    let propertySchemas: [Int]
    let patterns: [(pattern: ECMARegex, schema: Int)]
    let additional: Int?
    let hasProperties: Bool

    init(
        properties: [String: Int], propertyOrder: [String], propertySchemas: [Int],
        patterns: [(pattern: ECMARegex, schema: Int)], additional: Int?, hasProperties: Bool
    ) {
        self.properties = properties
        self.propertyOrder = propertyOrder
        self.propertySchemas = propertySchemas
        self.patterns = patterns
        self.additional = additional
        self.hasProperties = hasProperties
    }

    /// Below this many properties a linear scan (most keys are small strings, compared as two words)
    /// beats hashing the key.
    static let linearLimit = 24

    @inline(__always)
    func schema(for key: String) -> Int? {
        if propertyOrder.count > Self.linearLimit { return properties[key] }
        // Comparing lengths first keeps unequal keys out of the general string comparison.
        let length = key.utf8.count
        for i in propertyOrder.indices where propertyOrder[i].utf8.count == length && propertyOrder[i] == key {
            return propertySchemas[i]
        }
        return nil
    }
}

/// A `$dynamicRef` candidate: the schema carrying the anchor in a given resource.
struct DynamicCandidate: Sendable {
    var resource: Int
    var schema: Int
}

/// One keyword, compiled. Subschemas are indices into ``SchemaProgram/table``.
enum Keyword: Sendable {
    case ref(Int)
    case dynamicRef(target: Int, candidates: [DynamicCandidate])
    case type(TypeSet, names: [String])
    case enumeration([Node])
    case constant(Node)
    case multipleOf(Number)
    case maximum(Number)
    case exclusiveMaximum(Number)
    case minimum(Number)
    case exclusiveMinimum(Number)
    case maxLength(Int)
    case minLength(Int)
    case pattern(ECMARegex)
    case format(String)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems
    case contains(Int, min: Int, max: Int?)
    case maxProperties(Int)
    case minProperties(Int)
    case required([String])
    case dependentRequired([(String, [String])])
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(if: Int, then: Int?, else: Int?)
    case dependentSchemas([(String, Int)])
    case prefixItems([Int])
    case items(Int, prefix: Int)
    case object(ObjectApplicator)
    case propertyNames(Int)
    case unevaluatedItems(Int)
    case unevaluatedProperties(Int)
}

/// One compiled schema: a boolean schema or an ordered keyword list (`unevaluated*` last).
struct CompiledSchema: Sendable {
    /// `true`/`false` for boolean schemas; nil for object schemas.
    var constant: Bool?
    var keywords: [Keyword]
    /// The schema resource this schema belongs to (an index into ``SchemaProgram/resources``).
    var resource: Int
    /// True when this schema has `unevaluatedItems` or `unevaluatedProperties`.
    var needsAnnotations: Bool
}

/// The immutable result of compilation, shared by every validation.
struct SchemaProgram: Sendable {
    /// The compiled schemas, laid out for evaluation; subschemas are indices into it.
    let table: SchemaTable
    let resources: [String]
    let root: Int

    init(schemas: [CompiledSchema], resources: [String], root: Int) {
        self.table = SchemaTable(schemas)
        self.resources = resources
        self.root = root
    }
}

/// A program's schemas in memory of their own, which evaluation reads through pointers.
///
/// Reading an element of `[CompiledSchema]` copies it, retaining its keyword array, and an evaluation
/// does so several times for every schema it applies: a tenth of validation's time went to that. Here
/// every keyword of every schema sits in one buffer, and each entry holds only plain values and a pointer
/// into it. The table is immutable after `init` and frees both buffers when the last validator using it
/// goes away.
final class SchemaTable: @unchecked Sendable {
    struct Entry {
        /// `true`/`false` for boolean schemas; nil for object schemas.
        let constant: Bool?
        let resource: Int
        let needsAnnotations: Bool
        let keywords: UnsafeBufferPointer<Keyword>
    }

    let entries: UnsafeBufferPointer<Entry>
    private let keywords: UnsafeMutableBufferPointer<Keyword>

    init(_ schemas: [CompiledSchema]) {
        let all = schemas.flatMap(\.keywords)
        let keywords = UnsafeMutableBufferPointer<Keyword>.allocate(capacity: all.count)
        _ = keywords.initialize(fromContentsOf: all)
        let entries = UnsafeMutableBufferPointer<Entry>.allocate(capacity: schemas.count)
        var start = 0
        for (i, schema) in schemas.enumerated() {
            let slice = UnsafeBufferPointer(rebasing: keywords[start..<start + schema.keywords.count])
            (entries.baseAddress! + i).initialize(
                to: Entry(
                    constant: schema.constant, resource: schema.resource, needsAnnotations: schema.needsAnnotations,
                    keywords: slice))
            start += schema.keywords.count
        }
        self.keywords = keywords
        self.entries = UnsafeBufferPointer(entries)
    }

    deinit {
        keywords.deinitialize()
        keywords.deallocate()
        UnsafeMutableBufferPointer(mutating: entries).deallocate()
    }
}
