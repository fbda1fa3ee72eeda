/// A JSON value for output, with object members kept in the order they were given.
///
/// Everything the tool writes goes through `JSONWriter`, so output bytes depend only on the values:
/// callers choose a canonical member order (or `sortedKeys`), numbers print in their shortest
/// round-trip form, and nothing consults the clock or the locale.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let i): hasher.combine(i)
        case .double(let d): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            for (k, v) in o {
                hasher.combine(k)
                hasher.combine(v)
            }
        }
    }

    /// An object whose members are sorted by key (byte order of their UTF-8).
    public static func sortedObject(_ members: [String: JSONValue]) -> JSONValue {
        .object(members.sorted { $0.key.utf8Precedes($1.key) }.map { ($0.key, $0.value) })
    }

    /// An object built from optional members: `nil` values are left out, order is kept.
    public static func object(dropping members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first(where: { $0.0 == key })?.1 }
        return nil
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
}

/// Serializes `JSONValue`s to bytes deterministically.
public struct JSONWriter: Sendable {
    public enum Style: Sendable {
        /// Two-space indentation, `"key": value`, one member per line, trailing newline.
        case pretty
        /// No whitespace at all.
        case compact
    }

    public var style: Style

    public init(style: Style = .pretty) { self.style = style }

    static let compact = JSONWriter(style: .compact)
    static let pretty = JSONWriter(style: .pretty)

    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, indent: 0, into: &out)
        if style == .pretty { out.append(UInt8(ascii: "\n")) }
        return out
    }

    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<(indent * 2) { out.append(UInt8(ascii: " ")) }
    }

    // Elements are read by index rather than through `enumerated()`, whose iterator hands out owned copies
    // (one more retain and release of every nested value per visit).
    func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): Self.writeInt(i, into: &out)
        case .double(let d): out.append(contentsOf: Self.format(d).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            if items.isEmpty {
                out.append(UInt8(ascii: "]"))
                return
            }
            for i in items.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if style == .pretty { newline(indent + 1, &out) }
                write(items[i], indent: indent + 1, into: &out)
            }
            if style == .pretty { newline(indent, &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if members.isEmpty {
                out.append(UInt8(ascii: "}"))
                return
            }
            for i in members.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if style == .pretty { newline(indent + 1, &out) }
                Self.writeString(members[i].0, into: &out)
                out.append(UInt8(ascii: ":"))
                if style == .pretty { out.append(UInt8(ascii: " ")) }
                write(members[i].1, indent: indent + 1, into: &out)
            }
            if style == .pretty { newline(indent, &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Decimal digits of `value`, written without building a `String`.
    static func writeInt(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Shortest round-trip decimal form; integral values print without a fraction (`1` not `1.0`).
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded(.towardZero) == d && abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied whole; most strings are one such run. The scan tests
        // eight bytes at a time and looks at single bytes only in a word that has something to escape (or
        // at the end): the build writes hundreds of megabytes of JSON, nearly all of it plain text.
        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var runStart = 0, i = 0
            while true {
                while i + 8 <= count, !mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
                let end = min(i + 8, count)
                while i < end {
                    let byte = base[i]
                    if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
                        appendEscape(byte, into: &out)
                        runStart = i + 1
                    }
                    i += 1
                }
                if i >= count { break }
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
        if s.utf8.withContiguousStorageIfAvailable(append) == nil {
            var copy = s
            copy.withUTF8(append)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` may be a control character, `"` or `\\` (never false when
    /// one is; a borrow can make it true for a byte after one that is, which the byte scan then sorts out).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highBits
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let quoteFound = (quote &- ones) & ~quote & highBits
        let backslashFound = (backslash &- ones) & ~backslash & highBits
        return (control | quoteFound | backslashFound) != 0
    }

    private static func appendEscape(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
    }
}
