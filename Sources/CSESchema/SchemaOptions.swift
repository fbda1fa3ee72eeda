/// How a ``SchemaValidator`` treats annotation-only keywords.
public struct SchemaOptions: Sendable, Hashable {
    /// Assert `format` for the formats this validator knows (`date`, `date-time`, `time`, `uri`,
    /// `email`, ...) instead of treating it as an annotation. Off by default, as the specification says;
    /// `cse` turns it on for its own schemas.
    public var assertFormats: Bool

    public init(assertFormats: Bool = false) {
        self.assertFormats = assertFormats
    }
}

/// A schema that cannot be compiled. Problems in instances are diagnostics, never errors.
public enum SchemaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A `$ref`, `$dynamicRef` or root URI that names no registered document, pointer or anchor.
    case unresolvedReference(String, schemaLocation: String)
    /// A `pattern` or `patternProperties` key that is not a regular expression this validator accepts.
    case invalidPattern(String, schemaLocation: String, reason: String)
    /// A keyword whose value has the wrong shape (for example `"minLength": "3"`).
    case invalidKeyword(String, schemaLocation: String, reason: String)

    public var description: String {
        switch self {
        case .unresolvedReference(let ref, let at): "cannot resolve reference '\(ref)' at '\(at)'"
        case .invalidPattern(let p, let at, let reason): "invalid pattern '\(p)' at '\(at)': \(reason)"
        case .invalidKeyword(let k, let at, let reason): "invalid '\(k)' at '\(at)': \(reason)"
        }
    }
}
