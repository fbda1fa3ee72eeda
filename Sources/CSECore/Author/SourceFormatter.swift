public import CSEDiagnostics
import CSEYAML

/// `cse fmt`: rewrites an input file (signal, mappings, framework, control catalog, crosswalk, artifact type,
/// tool, `cse.yaml`) into the canonical form of docs/formatting.md, keeping its comments.
///
/// The canonical YAML form:
/// - keys in the order of the file's schema (the properties that tell a `oneOf` apart first, such as a
///   mapping's `framework` and `control`), unknown keys after them in their own order;
/// - two-space indentation, block style, a list of mappings indented under its key;
/// - a list of scalars in flow style (`[a, b]`) when it fits the width, else one item a line;
/// - strings plain where that reads back as the same string, else double-quoted; a string too long for its
///   line folded (`>-`) at ``width`` columns when folding keeps its value, else double-quoted on one line;
/// - a crosswalk's rows and an artifact type's resource types as one-line flow mappings when every item of
///   the list fits on its line, else all in block style;
/// - comments where they were: a comment on its own line stays before the key or item that follows it, one
///   after a value stays at the end of that value's line; one blank line is kept before a key or item that
///   had at least one (libyaml drops comments, so they are found again in the source text by position);
/// - one trailing newline, no document markers.
///
/// JSON files become two-space JSON with the same key order. Every result is read back and compared with the
/// original value: a rewrite that would change a value is refused (``FormatError``), never written.
public struct SourceFormatter: Sendable {
    /// Lines are folded to fit this many columns.
    public static let width = 110

    public let schemas: SchemaCatalog

    public init(schemas: SchemaCatalog) { self.schemas = schemas }

    /// Why a file cannot be formatted: it does not parse, or (a defect) the rewrite would change its value.
    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
        public var diagnostics: [Diagnostic] = []
    }

    /// The lists whose items are one-line flow mappings when every item fits: a crosswalk's rows and an
    /// artifact type's resource types, tables in all but name.
    static func flowItemKeys(schema: String?) -> Set<String> {
        switch schema {
        case "crosswalk.schema.json": ["rows"]
        case "artifact-type.schema.json": ["resource_types"]
        default: []
        }
    }

    /// The canonical text of one file, whose schema is `schema` (a bundled schema's file name).
    public func format(_ bytes: [UInt8], path: String, schema: String?) throws -> String {
        let format = DocumentFormat(path: path)
        let (parsed, diagnostics) = DocumentLoader.load(bytes, path: path, format: format)
        guard let node = parsed, !diagnostics.containsErrors else {
            throw FormatError(description: "\(path) does not parse; fix it first (cse validate shows where)", diagnostics: diagnostics)
        }
        let order = KeyOrder(schema: schema.flatMap { name in schemas.sources[name].flatMap { try? EditorSchemas.parse($0, name: name) } })
        let text: String
        switch format {
        case .json:
            text = JSONWriter().string(order.reordered(JSONValue(node), at: order.root))
        case .yaml:
            let source = SourceText(bytes: bytes)
            var writer = YAMLWriter(
                comments: CommentMap(node: node, source: source), order: order,
                flowItemKeys: Self.flowItemKeys(schema: schema))
            text = writer.document(node)
        }
        // The rewrite must mean the same: read it back and compare values.
        let (again, problems) = DocumentLoader.load(Array(text.utf8), path: path, format: format)
        guard let again, !problems.containsErrors, Self.sameValue(JSONValue(again), JSONValue(node)) else {
            throw FormatError(description: "\(path): the canonical form would change a value (a defect of cse fmt; the file is left as it is)")
        }
        if format == .yaml {
            let before = CommentMap(node: node, source: SourceText(bytes: bytes)).all.sorted()
            let after = CommentMap(node: again, source: SourceText(bytes: Array(text.utf8))).all.sorted()
            guard before == after else {
                throw FormatError(description: "\(path): the canonical form would lose a comment (a defect of cse fmt; the file is left as it is)")
            }
        }
        return text
    }

    /// Equal values, whatever the order of object members (the only thing formatting may change).
    static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            let byKey = Dictionary(y, uniquingKeysWith: { first, _ in first })
            return x.allSatisfy { key, value in byKey[key].map { sameValue(value, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { sameValue($0, $1) }
        default:
            return a == b
        }
    }
}

// MARK: - Key order

/// The key order of a schema, walked beside the document.
struct KeyOrder {
    /// A subschema of the document's schema (nil when the document has none there: source order is kept).
    typealias Position = JSONValue?

    let document: JSONValue?

    init(schema: JSONValue?) { document = schema }

    var root: Position { document }

    /// Follows a local `$ref` (one level at a time, at most a few hops).
    func resolved(_ schema: Position) -> Position {
        var current = schema
        for _ in 0..<8 {
            guard case .string(let ref)? = current?["$ref"] else { return current }
            guard ref.hasPrefix("#/"), let document else { return nil }
            var found: JSONValue? = document
            for token in ref.dropFirst(2).split(separator: "/") {
                found = found?[String(token).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
            }
            current = found
        }
        return current
    }

    /// The object schemas whose `properties` apply at `schema`: the discriminating branches first.
    private func parts(_ schema: Position) -> [JSONValue] {
        guard let s = resolved(schema) else { return [] }
        var out: [JSONValue] = []
        for key in ["oneOf", "anyOf"] {
            if case .array(let items)? = s[key] { out += items.compactMap { resolved($0) } }
        }
        out.append(s)
        if case .array(let items)? = s["allOf"] { out += items.compactMap { resolved($0) } }
        for key in ["then", "else"] { if let branch = resolved(s[key]) { out.append(branch) } }
        return out
    }

    func properties(_ schema: Position) -> [String] {
        var names: [String] = []
        for part in parts(schema) {
            if case .object(let props)? = part["properties"] {
                for (name, _) in props where !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// The schema of member `key` of an object at `schema`.
    func member(_ key: String, of schema: Position) -> Position {
        for part in parts(schema) {
            if let found = part["properties"]?[key] { return resolved(found) }
        }
        return resolved(resolved(schema)?["additionalProperties"])
    }

    /// The schema of the items of an array at `schema`.
    func items(of schema: Position) -> Position { resolved(resolved(schema)?["items"]) }

    /// Members in canonical order: the schema's first, then the others in source order.
    func sorted<T>(_ members: [(String, T)], at schema: Position) -> [(String, T)] {
        let known = properties(schema)
        guard !known.isEmpty else { return members }
        let rank = Dictionary(known.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return members.enumerated().sorted { a, b in
            let ra = rank[a.element.0] ?? known.count + a.offset, rb = rank[b.element.0] ?? known.count + b.offset
            return ra < rb
        }.map(\.element)
    }

    func reordered(_ value: JSONValue, at schema: Position) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(sorted(members, at: schema).map { ($0.0, reordered($0.1, at: member($0.0, of: schema))) })
        case .array(let elements):
            let itemSchema = items(of: schema)
            return .array(elements.map { reordered($0, at: itemSchema) })
        default:
            return value
        }
    }
}

// MARK: - Comments

/// The comments of a YAML source and the keys and items they belong to, by their path in the document
/// (`/mappings/0/control`).
struct CommentMap {
    struct Attached {
        /// Whole-line comments before the element, in order, without their indentation.
        var leading: [String] = []
        /// The comment at the end of the element's line.
        var trailing: String?
        /// A blank line came before the element (or before its first leading comment).
        var blankBefore = false
    }

    var byPath: [String: Attached] = [:]
    /// Comments before the first element, and a blank line after them.
    var header: [String] = []
    var blankAfterHeader = false
    /// Comments after the last element.
    var footer: [String] = []

    /// Every comment, wherever it is attached.
    var all: [String] { header + footer + byPath.values.flatMap { $0.leading + ($0.trailing.map { [$0] } ?? []) } }

    /// One element of the document with where it starts.
    private struct Element {
        var path: String
        var line: Int
        var depth: Int
        var scalar: Bool
    }

    init(node: Node, source: SourceText) {
        var elements: [Element] = []
        var scalarSpans: [SourceSpan] = []
        func walk(_ n: Node, path: String, depth: Int) {
            switch n.value {
            case .object(let members):
                for m in members {
                    let p = path + "/" + m.key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                    elements.append(Element(path: p, line: m.keySpan.start.line, depth: depth + 1, scalar: Self.isScalar(m.value)))
                    scalarSpans.append(m.keySpan)
                    walk(m.value, path: p, depth: depth + 1)
                }
            case .array(let items):
                for (i, item) in items.enumerated() {
                    let p = path + "/\(i)"
                    elements.append(Element(path: p, line: item.span.start.line, depth: depth + 1, scalar: Self.isScalar(item)))
                    walk(item, path: p, depth: depth + 1)
                }
            default:
                scalarSpans.append(n.span)
            }
        }
        walk(node, path: "", depth: 0)
        // The line each element starts on; the outermost element first among those on the same line.
        let starts = elements.sorted { ($0.line, $0.depth) < ($1.line, $1.depth) }
        let comments = Self.comments(source, scalars: scalarSpans)
        // Lines inside a multi-line scalar (a folded paragraph break is not a blank line between elements).
        var insideScalar: Set<Int> = []
        for span in scalarSpans where span.end.line > span.start.line {
            for l in (span.start.line + 1)...span.end.line { insideScalar.insert(l) }
        }
        var pending: [String] = []
        var pendingBlank = false
        var index = 0
        var seenElement = false
        var lastLine = 0
        for line in 1...max(1, source.lineStarts.count) {
            // Elements that start on this line take the comments waiting for them.
            while index < starts.count, starts[index].line <= line {
                let e = starts[index]
                if !pending.isEmpty || pendingBlank {
                    var a = byPath[e.path] ?? Attached()
                    a.leading += pending
                    a.blankBefore = a.blankBefore || pendingBlank
                    byPath[e.path] = a
                    pending = []
                    pendingBlank = false
                }
                index += 1
                seenElement = true
                lastLine = line
            }
            guard let text = source.line(line) else { continue }
            let trimmed = text.trimmingWhitespace
            if let comment = comments[line] {
                if trimmed.hasPrefix("#") {
                    if !seenElement {
                        header.append(comment)
                    } else {
                        pending.append(comment)
                    }
                } else if let owner = Self.owner(of: line, in: starts) {
                    byPath[owner, default: Attached()].trailing = comment
                }
            } else if trimmed.isEmpty, !insideScalar.contains(line) {
                if !seenElement {
                    if !header.isEmpty { blankAfterHeader = true }
                } else if line > lastLine {
                    pendingBlank = true
                }
            }
        }
        footer = pending
    }

    private static func isScalar(_ n: Node) -> Bool {
        switch n.value {
        case .object, .array: false
        default: true
        }
    }

    /// The element a trailing comment on `line` belongs to: the innermost one starting on that line whose
    /// value is a scalar, else the outermost one starting there, else the last one that started before it.
    private static func owner(of line: Int, in starts: [Element]) -> String? {
        let here = starts.filter { $0.line == line }
        if let scalar = here.filter(\.scalar).max(by: { $0.depth < $1.depth }) { return scalar.path }
        if let outer = here.first { return outer.path }
        return starts.last { $0.line < line }?.path
    }

    /// Each line's comment (from `#` to the end of the line, trailing spaces dropped): a `#` at the start of
    /// a line or after a space or tab, outside every scalar and key.
    private static func comments(_ source: SourceText, scalars: [SourceSpan]) -> [Int: String] {
        let inside = scalars.filter { $0.end.offset > $0.start.offset }.map { $0.start.offset..<$0.end.offset }.sorted { $0.lowerBound < $1.lowerBound }
        var out: [Int: String] = [:]
        let bytes = source.bytes
        var cursor = 0
        for (i, start) in source.lineStarts.enumerated() {
            let end = i + 1 < source.lineStarts.count ? source.lineStarts[i + 1] : bytes.count
            var j = start
            while j < end, bytes[j] != 0x0A {
                if bytes[j] == 0x23, j == start || bytes[j - 1] == 0x20 || bytes[j - 1] == 0x09 {
                    while cursor < inside.count, inside[cursor].upperBound <= j { cursor += 1 }
                    let covered = inside[cursor...].prefix { $0.lowerBound <= j }.contains { $0.contains(j) }
                    if !covered {
                        var k = j
                        while k < end, bytes[k] != 0x0A, bytes[k] != 0x0D { k += 1 }
                        out[i + 1] = String(decoding: bytes[j..<k], as: UTF8.self).trimmingWhitespace
                        break
                    }
                }
                j += 1
            }
        }
        return out
    }
}

// MARK: - YAML writer

struct YAMLWriter {
    var comments: CommentMap
    var order: KeyOrder
    /// Keys whose list items are written in flow style when they fit (a crosswalk's rows).
    var flowItemKeys: Set<String>
    var out = ""

    init(comments: CommentMap, order: KeyOrder, flowItemKeys: Set<String>) {
        self.comments = comments
        self.order = order
        self.flowItemKeys = flowItemKeys
    }

    mutating func document(_ node: Node) -> String {
        out = ""
        for c in comments.header { out += c + "\n" }
        if !comments.header.isEmpty, comments.blankAfterHeader { out += "\n" }
        switch node.value {
        case .object(let members) where !members.isEmpty:
            writeMembers(members, path: "", schema: order.root, indent: 0)
        case .array(let items) where !items.isEmpty:
            writeItems(items, path: "", schema: order.root, indent: 0, flow: false)
        default:
            out += inline(node, flow: false) + "\n"
        }
        for c in comments.footer { out += c + "\n" }
        return out
    }

    private static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private mutating func lead(_ path: String, indent: Int, first: Bool) {
        guard let a = comments.byPath[path] else { return }
        if a.blankBefore, !first || !a.leading.isEmpty, !out.isEmpty, !out.hasSuffix("\n\n") { out += "\n" }
        let pad = String(repeating: " ", count: indent)
        for c in a.leading { out += pad + c + "\n" }
    }

    private func trailing(_ path: String) -> String {
        comments.byPath[path]?.trailing.map { "  " + $0 } ?? ""
    }

    private mutating func writeMembers(_ members: [Member], path: String, schema: KeyOrder.Position, indent: Int, firstInline: Bool = false) {
        let sorted = order.sorted(members.map { ($0.key, $0) }, at: schema).map(\.1)
        let pad = String(repeating: " ", count: indent)
        for (i, m) in sorted.enumerated() {
            let p = path + "/" + Self.escape(m.key)
            let child = order.member(m.key, of: schema)
            let onDashLine = firstInline && i == 0
            if !onDashLine { lead(p, indent: indent, first: i == 0) }
            let prefix = (onDashLine ? "" : pad) + Self.scalar(m.key, flow: false) + ":"
            writeValue(m.value, path: p, schema: child, indent: indent, prefix: prefix, key: m.key)
        }
    }

    /// `prefix` is `key:` or `-` already indented; the value follows on the same line or below.
    private mutating func writeValue(_ value: Node, path: String, schema: KeyOrder.Position, indent: Int, prefix: String, key: String?) {
        switch value.value {
        case .object(let members) where !members.isEmpty:
            out += prefix + trailing(path) + "\n"
            writeMembers(members, path: path, schema: schema, indent: indent + 2)
        case .array(let items) where !items.isEmpty:
            let itemSchema = order.items(of: schema)
            if items.allSatisfy({ Self.isScalar($0) }), !items.indices.contains(where: { comments.byPath[path + "/\($0)"] != nil }) {
                let flow = prefix + " [" + items.map { inline($0, flow: true) }.joined(separator: ", ") + "]"
                if flow.count <= SourceFormatter.width {
                    out += flow + trailing(path) + "\n"
                    return
                }
            }
            out += prefix + trailing(path) + "\n"
            writeItems(items, path: path, schema: itemSchema, indent: indent + 2, flow: key.map(flowItemKeys.contains) ?? false)
        case .string(let s):
            writeString(s, path: path, indent: indent, prefix: prefix)
        default:
            out += prefix + " " + inline(value, flow: false) + trailing(path) + "\n"
        }
    }

    private mutating func writeItems(_ items: [Node], path: String, schema: KeyOrder.Position, indent: Int, flow: Bool) {
        let pad = String(repeating: " ", count: indent)
        // A table-like list is all flow or all block: flow only when every item is a flat mapping that fits.
        var flowLines: [String]? = flow ? [] : nil
        if flow {
            for item in items {
                guard case .object(let members) = item.value, !members.isEmpty, members.allSatisfy({ Self.isScalar($0.value) }) else {
                    flowLines = nil
                    break
                }
                let sorted = order.sorted(members.map { ($0.key, $0.value) }, at: schema)
                let line = pad + "- {" + sorted.map { Self.scalar($0.0, flow: true) + ": " + inline($0.1, flow: true) }.joined(separator: ", ") + "}"
                guard line.count <= SourceFormatter.width else {
                    flowLines = nil
                    break
                }
                flowLines?.append(line)
            }
        }
        for (i, item) in items.enumerated() {
            let p = path + "/\(i)"
            lead(p, indent: indent, first: i == 0)
            if let flowLines, case .object(let members) = item.value {
                let keys = order.sorted(members.map { ($0.key, ()) }, at: schema).map { p + "/" + Self.escape($0.0) }
                for key in keys { lead(key, indent: indent, first: false) }
                let notes = ([p] + keys).compactMap { comments.byPath[$0]?.trailing }
                out += flowLines[i] + (notes.isEmpty ? "" : "  " + notes.joined(separator: " ")) + "\n"
            } else if case .object(let members) = item.value, !members.isEmpty {
                if let first = order.sorted(members.map { ($0.key, $0) }, at: schema).first {
                    lead(p + "/" + Self.escape(first.0), indent: indent, first: i == 0 && comments.byPath[p] == nil)
                }
                out += pad + "- "
                writeMembers(members, path: p, schema: schema, indent: indent + 2, firstInline: true)
            } else {
                writeValue(item, path: p, schema: schema, indent: indent, prefix: pad + "-", key: nil)
            }
        }
    }

    private mutating func writeString(_ s: String, path: String, indent: Int, prefix: String) {
        let single = prefix + " " + Self.scalar(s, flow: false)
        if single.count <= SourceFormatter.width || !Self.foldable(s) {
            out += single + trailing(path) + "\n"
            return
        }
        out += prefix + " >-" + trailing(path) + "\n"
        let pad = String(repeating: " ", count: indent + 2)
        for line in Self.fold(s, width: SourceFormatter.width - indent - 2) { out += pad + line + "\n" }
    }

    /// A string folding keeps: one line, no leading, trailing or doubled whitespace, no tab, nothing a folded
    /// scalar reads otherwise.
    static func foldable(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if first == " " || last == " " { return false }
        for c in s.unicodeScalars
        where c == "\n" || c == "\r" || c == "\t" || c.value < 0x20 || c == "\u{FEFF}" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}" {
            return false
        }
        return !s.contains("  ")
    }

    /// Greedy wrapping at single spaces; a word longer than the width stays whole on its own line.
    static func fold(_ s: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines
    }

    private static func isScalar(_ n: Node) -> Bool {
        switch n.value {
        case .object(let m): m.isEmpty
        case .array(let a): a.isEmpty
        default: true
        }
    }

    private func inline(_ n: Node, flow: Bool) -> String {
        switch n.value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let number): number.yamlText
        case .string(let s): Self.scalar(s, flow: flow)
        case .array(let items): "[" + items.map { inline($0, flow: true) }.joined(separator: ", ") + "]"
        case .object(let members):
            members.isEmpty ? "{}" : "{" + members.map { Self.scalar($0.key, flow: true) + ": " + inline($0.value, flow: true) }.joined(separator: ", ") + "}"
        }
    }

    /// `2026-01-01…`: a YAML 1.1 timestamp (a date, or a date and time).
    static func looksLikeTimestamp(_ s: String) -> Bool {
        let b = Array(s.utf8.prefix(6))
        func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
        return b.count >= 6 && digit(0) && digit(1) && digit(2) && digit(3) && b[4] == 0x2D && digit(5)
    }

    static let yaml11Words: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", "=", "<<",
    ]

    /// A string plain when it reads back as itself (in flow context, also without `,[]{}`), else
    /// double-quoted. Wider than ``YAMLEmitter/scalar(_:)``: URLs and `a:b` stay plain.
    static func scalar(_ s: String, flow: Bool) -> String {
        if flow, s.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return Escaping.yamlDoubleQuoted(s) }
        // What a YAML 1.1 reader (PyYAML, many editors) takes for a boolean, null or number stays quoted, so
        // that every reader sees the same string.
        if yaml11Words.contains(s) || (!s.isEmpty && s.unicodeScalars.allSatisfy({ "0123456789+-._:eE".unicodeScalars.contains($0) }))
            || looksLikeTimestamp(s)
        {
            return Escaping.yamlDoubleQuoted(s)
        }
        if YAMLEmitter.isSafePlain(s) { return s }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
            !"-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first), last != " ", last != ":",
            !s.contains(": "), !s.contains(" #"),
            !s.unicodeScalars.contains(where: {
                $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FEFF}" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\t"
            })
        else { return Escaping.yamlDoubleQuoted(s) }
        let (node, diagnostics) = DocumentLoader.load(Array("k: \(s)\n".utf8), path: "<scalar>", format: .yaml)
        return !diagnostics.containsErrors && node?["k"]?.string == s ? s : Escaping.yamlDoubleQuoted(s)
    }
}

extension Number {
    /// The number as YAML's core schema reads it back: integers as they are, doubles in Swift's shortest
    /// round-trip form (`0.85`), with `.inf` and `.nan` spelled the YAML way.
    var yamlText: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
            return "\(d)"
        }
    }
}
