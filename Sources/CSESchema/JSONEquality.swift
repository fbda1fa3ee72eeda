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
            if x.count > 16 {
                // Large objects: look keys up by their bytes instead of scanning (quadratic otherwise).
                var byKey: [[UInt8]: Int] = [:]
                for (i, member) in y.enumerated() { byKey[Array(member.key.utf8)] = i }
                for member in x {
                    guard let i = byKey[Array(member.key.utf8)], equal(member.value, y[i].value) else { return false }
                }
                return true
            }
            for member in x {
                guard let other = y.first(where: { sameScalars($0.key, member.key) }),
                    equal(member.value, other.value)
                else { return false }
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

    /// A hash consistent with ``equal(_:_:)``: equal values hash alike (numbers by value, object members in
    /// any order, strings by their bytes).
    static func hash(_ node: Node, into hasher: inout Hasher) {
        switch node.value {
        case .null: hasher.combine(0)
        case .bool(let b):
            hasher.combine(1)
            hasher.combine(b)
        case .number(let n):
            hasher.combine(2)
            hasher.combine(n.doubleValue)
        case .string(let s):
            hasher.combine(3)
            hashBytes(s, into: &hasher)
        case .array(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { hash(item, into: &hasher) }
        case .object(let members):
            hasher.combine(5)
            hasher.combine(members.count)
            var sum = 0
            for member in members {
                var h = Hasher()
                hashBytes(member.key, into: &h)
                hash(member.value, into: &h)
                sum &+= h.finalize()
            }
            hasher.combine(sum)
        }
    }

    private static func hashBytes(_ s: String, into hasher: inout Hasher) {
        var s = s
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// The first item that equals an earlier one, and the first such earlier one: `(later, earlier)`.
    /// Quadratic only for short arrays; longer ones are bucketed by ``hash(_:into:)``.
    static func firstDuplicate(_ items: [Node]) -> (Int, Int)? {
        if items.count <= 16 {
            for i in 1..<max(1, items.count) {
                for j in 0..<i where equal(items[j], items[i]) { return (i, j) }
            }
            return nil
        }
        var buckets: [Int: [Int]] = [:]
        for i in items.indices {
            var hasher = Hasher()
            hash(items[i], into: &hasher)
            let key = hasher.finalize()
            if let earlier = buckets[key] {
                for j in earlier where equal(items[j], items[i]) { return (i, j) }
            }
            buckets[key, default: []].append(i)
        }
        return nil
    }
}
