/// Compact JSON written straight to bytes, for documents built by the ten thousand, where a `JSONValue` tree
/// per document (allocated, retained while written, then freed) costs more than the writing itself.
///
/// The output is byte for byte what `JSONWriter` gives, in the same style, for the same members in the same
/// order: strings are escaped and numbers formatted by the same code. Separators are implied: a value or a
/// key that follows a complete value gets a comma first (and, pretty, a new line and its indentation).
/// A pretty document gets its final newline from ``finish()``.
///
/// Members are written in the order of the calls, so callers keep the canonical order the schemas document.
/// Keys given as `StaticString` are written as they are, without escaping: they are the schemas' own field
/// names.
public struct JSONStream: Sendable {
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// Open objects and arrays (pretty style only).
    private var depth = 0

    /// - Parameter depth: for a part of a document written on its own and spliced in with ``raw(_:)``, the
    ///   number of objects and arrays it sits inside (pretty style indents by it).
    public init(style: JSONWriter.Style = .compact, depth: Int = 0, capacity: Int = 512) {
        pretty = style == .pretty
        self.depth = pretty ? depth : 0
        bytes.reserveCapacity(capacity)
    }

    /// A compact object whose members `body` writes, as bytes: a list item, written once and spliced into
    /// every page that lists it.
    public static func object(capacity: Int = 256, _ body: (inout JSONStream) -> Void) -> [UInt8] {
        var out = JSONStream(capacity: capacity)
        out.beginObject()
        body(&out)
        out.endObject()
        return out.bytes
    }

    /// The finished document: pretty documents end with a newline, as `JSONWriter`'s do.
    public mutating func finish() -> [UInt8] {
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// What goes before a value or a key: nothing for the top value or a member's value; for the first item
    /// of an object or array, nothing (pretty: a new line); otherwise a comma (pretty: and a new line).
    @inline(__always)
    private mutating func separate() {
        guard let last = bytes.last else { return }
        // After a key: compact `":`, pretty `": ` (no value ends in a space or a colon).
        if last == UInt8(ascii: ":") || last == UInt8(ascii: " ") { return }
        if last != UInt8(ascii: "{") && last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
        if pretty { newline(depth) }
    }

    private mutating func newline(_ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<(indent * 2) { bytes.append(UInt8(ascii: " ")) }
    }

    /// Closes an object or an array: empty ones stay `{}` / `[]`; pretty, others close on a line of their own.
    private mutating func close(_ bracket: UInt8, opener: UInt8) {
        if pretty {
            depth -= 1
            if bytes.last != opener { newline(depth) }
        }
        bytes.append(bracket)
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        if pretty { depth += 1 }
    }

    public mutating func endObject() { close(UInt8(ascii: "}"), opener: UInt8(ascii: "{")) }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        if pretty { depth += 1 }
    }

    public mutating func endArray() { close(UInt8(ascii: "]"), opener: UInt8(ascii: "[")) }

    private mutating func endKey() {
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    /// A member's key, from the schema's field names (written without escaping).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        endKey()
    }

    /// A member's key from data (an ID used as a key), escaped like any string.
    public mutating func key(_ name: String) {
        separate()
        JSONWriter.writeString(name, into: &bytes)
        endKey()
    }

    // MARK: Values

    public mutating func string(_ s: String) {
        separate()
        JSONWriter.writeString(s, into: &bytes)
    }

    /// The string, or `null`.
    public mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    public mutating func int(_ i: Int) {
        separate()
        JSONWriter.writeInt(i, into: &bytes)
    }

    public mutating func double(_ d: Double) {
        separate()
        bytes.append(contentsOf: JSONWriter.format(d).utf8)
    }

    public mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// An array of strings.
    public mutating func strings(_ list: [String]) {
        beginArray()
        for s in list { string(s) }
        endArray()
    }

    /// A whole tree, for the small parts of a document that are built as values.
    public mutating func value(_ json: JSONValue) {
        separate()
        (pretty ? JSONWriter.pretty : JSONWriter.compact).write(json, indent: depth, into: &bytes)
    }

    /// A value already written as JSON in this style at this depth (one document's part shared by many
    /// files).
    public mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
    }

    // MARK: Members

    public mutating func member(_ name: StaticString, _ s: String) {
        key(name)
        JSONWriter.writeString(s, into: &bytes)
    }

    /// The member with the string, or with `null`.
    public mutating func member(_ name: StaticString, _ s: String?) {
        key(name)
        string(s)
    }

    public mutating func member(_ name: StaticString, _ i: Int) {
        key(name)
        JSONWriter.writeInt(i, into: &bytes)
    }

    public mutating func member(_ name: StaticString, _ b: Bool) {
        key(name)
        bool(b)
    }

    public mutating func member(_ name: StaticString, _ list: [String]) {
        key(name)
        strings(list)
    }

    public mutating func member(_ name: StaticString, _ list: [Int]) {
        key(name)
        beginArray()
        for i in list { int(i) }
        endArray()
    }

    /// The member only when `s` has a value (the `object(dropping:)` convention).
    public mutating func optionalMember(_ name: StaticString, _ s: String?) {
        if let s { member(name, s) }
    }
}
