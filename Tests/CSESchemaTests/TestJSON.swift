import CSEDiagnostics
import CSEYAML
import Foundation

/// A small JSON reader for tests only: produces `Node` trees with real line/column spans (UTF-8 byte
/// columns), so diagnostics can be checked against positions. The production reader lives in CSEYAML.
struct TestJSON {
    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "JSON parse error at byte \(offset): \(message)" }
    }

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    static func parse(_ text: String) throws -> Node {
        var parser = TestJSON(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let node = try parser.value()
        parser.skipWhitespace()
        guard parser.i == parser.bytes.count else { throw ParseError(message: "trailing characters", offset: parser.i) }
        return node
    }

    static func parseFile(_ path: String) throws -> Node {
        try parse(String(contentsOfFile: path, encoding: .utf8))
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var location: SourceLocation { SourceLocation(line: line, column: i - lineStart + 1, offset: i) }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A:
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    private mutating func expect(_ c: UInt8) throws {
        guard i < bytes.count, bytes[i] == c else {
            throw ParseError(message: "expected '\(Character(UnicodeScalar(c)))'", offset: i)
        }
        i += 1
    }

    private mutating func value() throws -> Node {
        guard i < bytes.count else { throw ParseError(message: "unexpected end", offset: i) }
        let start = location
        let value: Node.Value
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [Member] = []
            skipWhitespace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipWhitespace()
                    let keyStart = location
                    let key = try string()
                    let keySpan = SourceSpan(start: keyStart, end: location)
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"))
                    skipWhitespace()
                    members.append(Member(key: key, keySpan: keySpan, value: try self.value()))
                    skipWhitespace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    try expect(UInt8(ascii: "}"))
                    break
                }
            }
            value = .object(members)
        case UInt8(ascii: "["):
            i += 1
            var items: [Node] = []
            skipWhitespace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    skipWhitespace()
                    items.append(try self.value())
                    skipWhitespace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        continue
                    }
                    try expect(UInt8(ascii: "]"))
                    break
                }
            }
            value = .array(items)
        case UInt8(ascii: "\""):
            value = .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            value = .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            value = .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            value = .null
        default:
            value = .number(try number())
        }
        return Node(value, span: SourceSpan(start: start, end: location))
    }

    private mutating func literal(_ word: String) throws {
        for c in word.utf8 { try expect(c) }
    }

    private mutating func number() throws -> Number {
        let start = i
        var isInteger = true
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) {
            if bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                isInteger = false
            }
            i += 1
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if isInteger, let int = Int(text) { return .int(int) }
        guard let double = Double(text) else { throw ParseError(message: "bad number '\(text)'", offset: start) }
        return .double(double)
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw ParseError(message: "unterminated string", offset: i) }
            let c = bytes[i]
            i += 1
            if c == UInt8(ascii: "\"") { break }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                continue
            }
            guard i < bytes.count else { throw ParseError(message: "bad escape", offset: i) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(character).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
        else { throw ParseError(message: "bad \\u escape", offset: i) }
        i += 4
        return v
    }
}
