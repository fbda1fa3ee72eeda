public import CSEDiagnostics

/// A JSON-compatible value read from YAML or JSON, with the source span of every key and value.
///
/// Schema validation and model building work on this tree, never on `[String: Any]`, so that every
/// diagnostic can point at the exact key or value it is about.
public struct Node: Sendable, Hashable {
    /// The value itself.
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case number(Number)
        case string(String)
        case array([Node])
        case object([Member])
    }

    public var value: Value
    /// Where the value is written; for a block scalar or collection, from its first to its last character.
    public var span: SourceSpan

    public init(_ value: Value, span: SourceSpan = .fileStart) {
        self.value = value
        self.span = span
    }
}

/// A key and its value in an object, in source order. Keys are unique (the loaders diagnose duplicates).
public struct Member: Sendable, Hashable {
    public var key: String
    public var keySpan: SourceSpan
    public var value: Node

    public init(key: String, keySpan: SourceSpan = .fileStart, value: Node) {
        self.key = key
        self.keySpan = keySpan
        self.value = value
    }
}

/// A JSON number: an exact integer when the literal is one and fits, a double otherwise.
public enum Number: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)

    public var doubleValue: Double {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }

    /// True for integers and for doubles with no fractional part (JSON Schema counts `1.0` as an integer).
    public var isInteger: Bool {
        switch self {
        case .int: true
        case .double(let d): d.isFinite && d.rounded(.towardZero) == d
        }
    }

    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .double(let d):
            if d.isFinite && d.rounded(.towardZero) == d && abs(d) < 1e15 { String(Int(d)) } else { String(d) }
        }
    }

    /// Mathematical equality: `1` equals `1.0`.
    public func numericallyEquals(_ other: Number) -> Bool {
        switch (self, other) {
        case (.int(let a), .int(let b)): a == b
        default: doubleValue == other.doubleValue
        }
    }
}

extension Node {
    /// The member value for `key`, if this is an object that has it.
    public subscript(key: String) -> Node? {
        guard case .object(let members) = value else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The member (key, key span and value) for `key`.
    public func member(_ key: String) -> Member? {
        guard case .object(let members) = value else { return nil }
        return members.first(where: { $0.key == key })
    }

    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    public var array: [Node]? {
        if case .array(let a) = value { return a }
        return nil
    }

    public var members: [Member]? {
        if case .object(let m) = value { return m }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    public var number: Number? {
        if case .number(let n) = value { return n }
        return nil
    }

    /// The JSON type name of the value, as JSON Schema's `type` keyword spells it.
    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// JSON data-model equality, ignoring positions: numbers compare mathematically and objects
    /// compare as unordered maps.
    public func jsonEquals(_ other: Node) -> Bool {
        switch (value, other.value) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a.numericallyEquals(b)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.jsonEquals($1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for m in a {
                guard let o = b.first(where: { $0.key == m.key }), m.value.jsonEquals(o.value) else { return false }
            }
            return true
        default: return false
        }
    }
}

extension Node {
    /// The value as an integer, when it is a number with no fractional part that fits in `Int`.
    public var int: Int? {
        guard case .number(let n) = value else { return nil }
        switch n {
        case .int(let i): return i
        case .double(let d):
            guard d.isFinite, d.rounded(.towardZero) == d, abs(d) < 9.0e18 else { return nil }
            return Int(d)
        }
    }
}
