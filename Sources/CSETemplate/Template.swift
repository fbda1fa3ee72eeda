/// A Mustache template compiled into a tree (https://mustache.github.io/mustache.5.html): interpolation
/// (escaped and raw), sections, inverted sections, partials, comments and set-delimiter tags, with the
/// specification's standalone-line rules. Lambdas, dynamic partial names, inheritance and transforms
/// (`{{sorted(list)}}`) are not supported; a tag that uses them is a syntax error.
///
/// Values are plain Swift values: `[String: Any]` objects, arrays, `String`, `Int`, `Double`, `Bool`.
/// See ``TemplateLibrary`` for rendering.
public struct Template: Sendable {
    /// The template's nodes.
    let nodes: [Node]
    /// Every partial the template includes, with the indentation of a standalone include.
    let partials: [(name: String, indent: String)]

    indirect enum Node: Sendable {
        case text(String)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`. An empty path is the implicit iterator `.`.
        case variable(path: [String], escaped: Bool)
        case section(path: [String], inverted: Bool, nodes: [Node])
        /// `{{>name}}`; a standalone include carries the indentation of its line.
        case partial(name: String, indent: String)
    }

    /// A template that does not parse, with the 1-based line and column where the problem was found.
    public struct SyntaxError: Error, Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case unclosedTag
            case emptyTag
            case unclosedSection(String)
            case unexpectedClose(String)
            case mismatchedClose(expected: String, found: String)
            case invalidDelimiters
            case unsupportedTag(Character)
            /// `{{name(argument)}}`: a transform, which some engines support and Mustache does not.
            case transform(String)
        }
        public var kind: Kind
        public var line: Int
        public var column: Int
    }

    /// Compiles `source`.
    public init(_ source: String) throws(SyntaxError) {
        var parser = Parser(source: Array(source.utf8))
        let tokens = try parser.tokens()
        var builder = TreeBuilder()
        nodes = try builder.build(Parser.standalone(tokens))
        partials = builder.partials
    }
}

/// Tokens of one template, before the tree is built.
struct Token {
    enum Kind: Equatable {
        case text
        case variable(escaped: Bool)
        case open(inverted: Bool)
        case close
        case partial
        case comment
        case delimiters
    }
    var kind: Kind
    /// Text, or the tag's trimmed name.
    var value: String
    /// The tag's position (line, column), for errors.
    var line: Int
    var column: Int
    /// For a standalone partial: the whitespace before it on its line.
    var indent = ""

    /// Tags that may stand alone on a line, which then renders as nothing.
    var canStandAlone: Bool {
        switch kind {
        case .open, .close, .partial, .comment, .delimiters: true
        case .text, .variable: false
        }
    }
}

struct Parser {
    let source: [UInt8]
    var index = 0
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)

    init(source: [UInt8]) { self.source = source }

    /// Line and column (1-based, in bytes) of a source offset.
    func position(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, source.count) where source[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, source.count >= needle.count else { return nil }
        var i = start
        let last = source.count - needle.count
        while i <= last {
            if source[i] == needle[0] {
                var j = 1
                while j < needle.count, source[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Text split after each line break, so that standalone lines can be found; tags in between.
    mutating func tokens() throws(Template.SyntaxError) -> [Token] {
        var out: [Token] = []
        func text(_ from: Int, _ to: Int) {
            var start = from
            for i in from..<to where source[i] == UInt8(ascii: "\n") {
                out.append(Token(kind: .text, value: String(decoding: source[start...i], as: UTF8.self), line: 0, column: 0))
                start = i + 1
            }
            if start < to { out.append(Token(kind: .text, value: String(decoding: source[start..<to], as: UTF8.self), line: 0, column: 0)) }
        }
        while index < source.count {
            guard let tagStart = find(open, from: index) else {
                text(index, source.count)
                break
            }
            text(index, tagStart)
            let (line, column) = position(tagStart)
            func fail(_ kind: Template.SyntaxError.Kind) -> Template.SyntaxError { .init(kind: kind, line: line, column: column) }
            var contentStart = tagStart + open.count
            // `{{{name}}}`: raw, closed by `}` before the closing delimiter.
            let triple = contentStart < source.count && source[contentStart] == UInt8(ascii: "{")
            if triple { contentStart += 1 }
            guard let closeAt = find(triple ? [UInt8(ascii: "}")] + close : close, from: contentStart) else { throw fail(.unclosedTag) }
            index = closeAt + close.count + (triple ? 1 : 0)
            var content = Substring(String(decoding: source[contentStart..<closeAt], as: UTF8.self))
            if triple {
                out.append(Token(kind: .variable(escaped: false), value: trimmed(content), line: line, column: column))
                continue
            }
            guard let sigil = content.first else { throw fail(.emptyTag) }
            let kind: Token.Kind
            switch sigil {
            case "#": kind = .open(inverted: false)
            case "^": kind = .open(inverted: true)
            case "/": kind = .close
            case ">": kind = .partial
            case "!": kind = .comment
            case "&": kind = .variable(escaped: false)
            case "=": kind = .delimiters
            case "{", "$", "<", "%": throw fail(.unsupportedTag(sigil))
            default: kind = .variable(escaped: true)
            }
            if kind != .variable(escaped: true) { content = content.dropFirst() }
            switch kind {
            case .comment:
                out.append(Token(kind: .comment, value: "", line: line, column: column))
            case .delimiters:
                guard content.last == "=" else { throw fail(.invalidDelimiters) }
                let parts = content.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else { throw fail(.invalidDelimiters) }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
                out.append(Token(kind: .delimiters, value: "", line: line, column: column))
            default:
                let name = trimmed(content)
                guard !name.isEmpty else { throw fail(.emptyTag) }
                guard !name.contains("(") else { throw fail(.transform(name)) }
                out.append(Token(kind: kind, value: name, line: line, column: column))
            }
        }
        return out
    }

    func trimmed(_ text: Substring) -> String {
        String(
            text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).reversed().drop(while: {
                $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r"
            }).reversed())
    }

    static func isBlank(_ text: String) -> Bool { text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Applies the standalone rule: a line holding only whitespace and one section, inverted, close,
    /// comment, partial or set-delimiter tag renders as nothing (a standalone partial keeps its indentation).
    static func standalone(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var lineStart = 0
        while lineStart < tokens.count {
            var lineEnd = lineStart  // exclusive
            while lineEnd < tokens.count {
                let t = tokens[lineEnd]
                lineEnd += 1
                if t.kind == .text, t.value.utf8.last == UInt8(ascii: "\n") { break }
            }
            let line = tokens[lineStart..<lineEnd]
            let tags = line.filter { $0.kind != .text }
            if tags.count == 1, tags[0].canStandAlone, let tagIndex = line.firstIndex(where: { $0.kind != .text }),
                line[lineStart..<tagIndex].allSatisfy({ isBlank($0.value) }),
                line[(tagIndex + 1)...].allSatisfy({ token in
                    var v = Substring(token.value)
                    if v.hasSuffix("\r\n") { v = v.dropLast(2) } else if v.hasSuffix("\n") { v = v.dropLast() }
                    return isBlank(String(v))
                })
            {
                var tag = tags[0]
                if tag.kind == .partial { tag.indent = line[lineStart..<tagIndex].map(\.value).joined() }
                out.append(tag)
            } else {
                out.append(contentsOf: line)
            }
            lineStart = lineEnd
        }
        return out
    }
}

/// Nests the tokens into sections.
struct TreeBuilder {
    var partials: [(name: String, indent: String)] = []

    mutating func build(_ tokens: [Token]) throws(Template.SyntaxError) -> [Template.Node] {
        var stack: [(token: Token, nodes: [Template.Node])] = [(Token(kind: .text, value: "", line: 0, column: 0), [])]
        var text = ""
        func flush() {
            if !text.isEmpty {
                stack[stack.count - 1].nodes.append(.text(text))
                text = ""
            }
        }
        for token in tokens {
            switch token.kind {
            case .text: text += token.value
            case .comment, .delimiters: break
            case .variable(let escaped):
                flush()
                stack[stack.count - 1].nodes.append(.variable(path: Self.path(token.value), escaped: escaped))
            case .partial:
                flush()
                partials.append((token.value, token.indent))
                stack[stack.count - 1].nodes.append(.partial(name: token.value, indent: token.indent))
            case .open:
                flush()
                stack.append((token, []))
            case .close:
                flush()
                guard stack.count > 1 else {
                    throw .init(kind: .unexpectedClose(token.value), line: token.line, column: token.column)
                }
                let (open, nodes) = stack.removeLast()
                guard open.value == token.value else {
                    throw .init(kind: .mismatchedClose(expected: open.value, found: token.value), line: token.line, column: token.column)
                }
                stack[stack.count - 1].nodes.append(.section(path: Self.path(open.value), inverted: open.kind == .open(inverted: true), nodes: nodes))
            }
        }
        flush()
        if stack.count > 1, let open = stack.last?.token {
            throw .init(kind: .unclosedSection(open.value), line: open.line, column: open.column)
        }
        return stack[0].nodes
    }

    /// `a.b.c` as its parts; `.` as no parts (the current context).
    static func path(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}
