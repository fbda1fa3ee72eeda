import CSEDiagnostics

/// A strict RFC 8259 reader that keeps the byte span of every key and value.
///
/// Foundation's `JSONSerialization` loses positions, so JSON inputs go through this reader and produce
/// the same `Node` tree as YAML. It works on bytes, never on `String` characters, and uses an explicit
/// stack rather than recursion so that nesting depth is bounded by `maximumDepth`, not the thread stack.
///
/// Choices the RFC leaves open: integers that fit `Int` become `.int`, all other numbers `.double`;
/// a `\u` escape of a lone surrogate becomes U+FFFD (the RFC allows but does not define it); a duplicate
/// key is an error (`json.duplicate-key`) and the first entry is kept.
struct JSONParser {
    /// Deeper nesting is rejected with `json.too-deep`.
    static let defaultMaximumDepth = DocumentLoader.maximumDepth

    private let bytes: UnsafeBufferPointer<UInt8>
    private let map: SourceMap
    private let path: String
    private let maximumDepth: Int
    private var pos: Int
    private var diagnostics: [Diagnostic] = []

    /// A syntax error has been reported; parsing stops.
    private struct Stop: Error {}

    /// An open array or object.
    private final class Frame {
        let isObject: Bool
        let start: Int
        var items: [Node] = []
        var members: [Member] = []
        var key: (key: String, span: SourceSpan)?
        var index: [String: SourceSpan]?

        init(isObject: Bool, start: Int) {
            self.isObject = isObject
            self.start = start
        }
    }

    init(bytes: UnsafeBufferPointer<UInt8>, map: SourceMap, path: String, maximumDepth: Int = defaultMaximumDepth) {
        self.bytes = bytes
        self.map = map
        self.path = path
        self.maximumDepth = maximumDepth
        self.pos = map.contentStart
    }

    /// Parses exactly one JSON value; the node is nil when any error was found.
    mutating func parse() -> (Node?, [Diagnostic]) {
        do {
            skipWhitespace()
            let node = try value()
            skipWhitespace()
            if pos < bytes.count { try fail("expected end of input after the value, found \(found())") }
            return (diagnostics.isEmpty ? node : nil, diagnostics)
        } catch {
            return (nil, diagnostics)
        }
    }

    /// Parses a stream of zero or more whitespace-separated JSON values (as the YAML test suite's
    /// `in.json` files hold one value per document).
    mutating func parseSequence() -> ([Node], [Diagnostic]) {
        var nodes: [Node] = []
        do {
            skipWhitespace()
            while pos < bytes.count {
                nodes.append(try value())
                skipWhitespace()
            }
        } catch {}
        return (nodes, diagnostics)
    }

    // MARK: - Values

    /// Reads one value (with everything nested in it) starting at `pos`, which is not whitespace.
    private mutating func value() throws -> Node {
        var stack: [Frame] = []
        while true {
            // Read a value, or open a container and continue with its first value.
            var node: Node
            let start = pos
            guard pos < bytes.count else { try fail("expected a value, found \(found())") }
            switch bytes[pos] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[pos] == UInt8(ascii: "{")
                if stack.count >= maximumDepth {
                    diagnostics.append(
                        .error(
                            .jsonTooDeep, path, span(pos, pos + 1),
                            "arrays and objects are nested more than \(maximumDepth) levels deep",
                            hint: "flatten the document"
                        ))
                    throw Stop()
                }
                let frame = Frame(isObject: isObject, start: pos)
                pos += 1
                skipWhitespace()
                let close = UInt8(ascii: isObject ? "}" : "]")
                if pos < bytes.count, bytes[pos] == close {
                    pos += 1
                    node = Node(isObject ? .object([]) : .array([]), span: span(start, pos))
                } else {
                    stack.append(frame)
                    if isObject { try key(into: frame) }
                    continue
                }
            case UInt8(ascii: "\""):
                node = Node(.string(try string()), span: span(start, pos))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                node = Node(.number(try number()), span: span(start, pos))
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                node = Node(try literal(), span: span(start, pos))
            default:
                try fail("expected a value, found \(foundWord())")
            }
            // Attach the value; close every container that ends after it.
            while true {
                guard let top = stack.last else { return node }
                attach(node, to: top)
                skipWhitespace()
                let close = UInt8(ascii: top.isObject ? "}" : "]")
                if pos < bytes.count, bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                    skipWhitespace()
                    if top.isObject { try key(into: top) }
                    break
                }
                if pos < bytes.count, bytes[pos] == close {
                    pos += 1
                    stack.removeLast()
                    let value: Node.Value = top.isObject ? .object(top.members) : .array(top.items)
                    node = Node(value, span: span(top.start, pos))
                    continue
                }
                try fail("expected ',' or '\(top.isObject ? "}" : "]")', found \(found())")
            }
        }
    }

    /// Reads `"key" :` and stores the key in `frame`; `pos` ends at the value.
    private mutating func key(into frame: Frame) throws {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
            try fail("expected a string key, found \(found())")
        }
        let start = pos
        let key = try string()
        frame.key = (key, span(start, pos))
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
            try fail("expected ':' after the key, found \(found())")
        }
        pos += 1
        skipWhitespace()
    }

    private mutating func attach(_ node: Node, to frame: Frame) {
        guard frame.isObject else {
            frame.items.append(node)
            return
        }
        guard let (key, keySpan) = frame.key else { return }
        frame.key = nil
        let first = frame.index.map { $0[key] } ?? frame.members.first(where: { $0.key == key })?.keySpan
        if let first {
            diagnostics.append(
                .error(
                    .jsonDuplicateKey, path, keySpan, "duplicate key \(quoted(key))",
                    hint: "remove one of the entries",
                    notes: [.init(range: SourceRange(file: path, span: first), message: "first defined here")]
                ))
            return
        }
        frame.members.append(Member(key: key, keySpan: keySpan, value: node))
        if frame.index != nil {
            frame.index![key] = keySpan
        } else if frame.members.count > 16 {
            var index: [String: SourceSpan] = [:]
            for m in frame.members { index[m.key] = m.keySpan }
            frame.index = index
        }
    }

    // MARK: - Scalars

    private mutating func literal() throws -> Node.Value {
        for (word, value) in [("true", Node.Value.bool(true)), ("false", .bool(false)), ("null", .null)] {
            let utf8 = word.utf8
            if pos + utf8.count <= bytes.count, zip(bytes[pos..<(pos + utf8.count)], utf8).allSatisfy({ $0 == $1 }) {
                pos += utf8.count
                return value
            }
        }
        try fail("expected a value, found \(foundWord())")
    }

    /// Reads a string starting at the opening quote; `pos` ends after the closing quote.
    private mutating func string() throws -> String {
        pos += 1
        let start = pos
        // Fast path: no escapes.
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            pos += 1
        }
        var buffer = Array(bytes[start..<pos])
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if b < 0x20 {
                try fail("expected '\"' to close the string, found \(found()); control characters must be escaped")
            }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                pos += 1
                continue
            }
            pos += 1
            guard pos < bytes.count else { try fail("expected an escape character after '\\', found end of input") }
            let escape = bytes[pos]
            pos += 1
            switch escape {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code), pos + 1 < bytes.count,
                    bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u")
                {
                    let save = pos
                    pos += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                buffer.append(contentsOf: String(scalar).utf8)
            default:
                pos -= 1
                try fail("expected an escape character ('\"', '\\', '/', 'b', 'f', 'n', 'r', 't' or 'u'), found \(found())")
            }
        }
        try fail("expected '\"' to close the string, found end of input")
    }

    private mutating func hex4() throws -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count else { try fail("expected 4 hex digits after '\\u', found end of input") }
            let b = bytes[pos]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: try fail("expected 4 hex digits after '\\u', found \(found())")
            }
            code = code << 4 | UInt32(digit)
            pos += 1
        }
        return code
    }

    private mutating func number() throws -> Number {
        let start = pos
        func isDigit(_ i: Int) -> Bool {
            i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")
        }
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard isDigit(pos) else { try fail("expected a digit after '-', found \(found())") }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if isDigit(pos) { try fail("expected '.', 'e' or the end of the number after a leading '0', found \(found())") }
        } else {
            while isDigit(pos) { pos += 1 }
        }
        var isInteger = true
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard isDigit(pos) else { try fail("expected a digit after '.', found \(found())") }
            while isDigit(pos) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard isDigit(pos) else { try fail("expected a digit in the exponent, found \(found())") }
            while isDigit(pos) { pos += 1 }
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<pos])
        if isInteger, let n = CoreSchema.int(text) { return n }
        return .double(Double(String(decoding: text, as: UTF8.self)) ?? .nan)
    }

    // MARK: - Helpers

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    private func span(_ start: Int, _ end: Int) -> SourceSpan {
        SourceSpan(start: map.location(ofByte: start), end: map.location(ofByte: end))
    }

    /// Reports a `json.syntax` error at `pos` and stops.
    private mutating func fail(_ summary: String) throws -> Never {
        diagnostics.append(.error(.jsonSyntax, path, span(pos, min(pos + 1, bytes.count)), summary))
        throw Stop()
    }

    /// Describes what is at `pos`, for "expected …, found …".
    private func found() -> String {
        guard pos < bytes.count else { return "end of input" }
        switch bytes[pos] {
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        case 0x00..<0x20, 0x7F: return "control character U+\(String(bytes[pos], radix: 16, uppercase: true).leftPadded(to: 4))"
        case 0x27: return "\"'\""
        default: break
        }
        // One whole scalar (the input is valid UTF-8).
        var end = pos + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<end]), as: UTF8.self) + "'"
    }

    /// Describes the word at `pos` (`True`, `undefined`), for an unknown literal.
    private func foundWord() -> String {
        var end = pos
        while end < bytes.count, end - pos < 20 {
            let b = bytes[end]
            guard (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) else { break }
            end += 1
        }
        if end == pos { return found() }
        return quoted(String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<end]), as: UTF8.self))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
