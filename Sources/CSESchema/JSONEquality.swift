import CSEYAML

/// JSON Schema's equality (for `const`, `enum`, `uniqueItems`): like `Node.jsonEquals`, but strings
/// compare by Unicode code points. Swift's `String ==` uses canonical equivalence, so it would call
/// `"n\u{303}"` and `"ñ"` equal; JSON Schema does not.
enum JSONEquality {
    static func equal(_ a: Node, _ b: Node) -> Bool {
        switch (a.value, b.value) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x.numericallyEquals(y)
        case (.string(let x), .string(let y)): return sameScalars(x, y)
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices where !equal(x[i], y[i]) { return false }
            return true
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for member in x {
                guard let other = y.first(where: { sameScalars($0.key, member.key) }),
                      equal(member.value, other.value) else { return false }
            }
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func sameScalars(_ x: String, _ y: String) -> Bool {
        // Most comparisons (enum values, keys) differ in length; equal lengths compare as byte buffers.
        let count = x.utf8.count
        guard count == y.utf8.count else { return false }
        if count == 0 { return true }
        let result: Bool?? = x.utf8.withContiguousStorageIfAvailable { a in
            y.utf8.withContiguousStorageIfAvailable { b in
                for i in 0..<count where a[i] != b[i] { return false }
                return true
            }
        }
        if let result, let result { return result }
        return x.utf8.elementsEqual(y.utf8)
    }
}
