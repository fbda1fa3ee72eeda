import CSEDiagnostics
import CYAML

/// Reads one YAML document into a `Node` tree with libyaml's event API, typing plain scalars with the
/// YAML 1.2 core schema.
///
/// What JSON cannot represent is rejected with a diagnostic instead of being approximated: anchors and
/// aliases (never expanded, so no "billion laughs"), sequence or mapping keys, and more than one document.
/// Scalar keys keep the text they were written with, so `1: a` has the key `"1"`.
///
/// libyaml counts positions in Unicode scalars; every mark is converted through a `SourceMap` to a
/// 1-based line, a 1-based UTF-8 byte column and a byte offset.
struct YAMLParser {
    /// Deeper nesting is rejected with `yaml.too-deep`, bounding what a hostile file can make us build.
    static let defaultMaximumDepth = DocumentLoader.maximumDepth

    private let bytes: UnsafeBufferPointer<UInt8>
    private let map: SourceMap
    private let path: String
    private let maximumDepth: Int
    private var diagnostics: [Diagnostic] = []
    private var stack: [Frame] = []
    /// The items of every open sequence, innermost last: each frame's start at ``Frame/base``. One scratch
    /// array serves the whole file, so a collection's children are gathered without growing an array of
    /// their own, and copied once, at its end, into an array of exactly their number.
    private var openItems: [Node] = []
    /// The members of every open mapping, as ``openItems`` holds items.
    private var openMembers: [Member] = []
    private var root: Node?
    /// Where each anchor was defined, for the note on an alias that uses it.
    private var anchors: [String: SourceSpan] = [:]
    /// The line of the last mark converted, to find the next one without a search.
    private var lineHint = 0
    /// Byte ranges (file offsets) of every scalar and collection-start event, in document order: the text
    /// outside them is indicators, white space and comments (see ``checkCommentSeparation()``).
    private var eventRanges: [(start: Int, end: Int)] = []

    /// - Parameters:
    ///   - bytes: the whole file, including any byte order mark.
    ///   - map: the file's source map (built with scalar tracking).
    init(bytes: UnsafeBufferPointer<UInt8>, map: SourceMap, path: String, maximumDepth: Int = defaultMaximumDepth) {
        self.bytes = bytes
        self.map = map
        self.path = path
        self.maximumDepth = maximumDepth
    }

    /// An open sequence or mapping.
    private struct Frame {
        let isMapping: Bool
        let isFlow: Bool
        let start: SourceLocation
        /// Where this collection's children start in ``openItems`` (a sequence) or ``openMembers``.
        let base: Int
        /// The end of the last complete child, the end of a block collection.
        var lastEnd: SourceLocation
        /// For a mapping: the key waiting for its value; `nil` when the next node is a key.
        var pendingKey: (key: String, span: SourceSpan)?
        /// For a mapping: the next node is the value of a key that was rejected, and is dropped.
        var droppingValue = false
        /// For a large mapping: key → span, to find duplicates without a linear scan.
        var index: [String: SourceSpan]?
        /// For a flow collection directly inside a block collection: that block's indentation, which
        /// every continuation line must exceed.
        var blockIndent: Int?

        init(isMapping: Bool, isFlow: Bool, start: SourceLocation, base: Int) {
            self.isMapping = isMapping
            self.isFlow = isFlow
            self.start = start
            self.base = base
            self.lastEnd = start
        }

        /// True when the next node completed in this frame is a mapping key.
        var expectsKey: Bool { isMapping && pendingKey == nil && !droppingValue }
    }

    /// True when the next node completed is a key of the innermost open mapping.
    private var expectingKey: Bool {
        guard let top = stack.indices.last else { return false }
        return stack[top].expectsKey
    }

    /// The indentation of the innermost open collection when it is a block collection.
    private var blockIndent: Int? {
        guard let top = stack.indices.last, !stack[top].isFlow else { return nil }
        return stack[top].start.column - 1
    }

    /// Parses the document; the node is nil when there is no document or any error was found.
    mutating func parse() -> (Node?, [Diagnostic]) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            diagnostics.append(.error(.yamlSyntax, path, .fileStart, "libyaml could not be initialised"))
            return (nil, diagnostics)
        }
        defer { yaml_parser_delete(parser) }
        let start = map.contentStart
        let content = UnsafeBufferPointer(rebasing: bytes[start...])
        // libyaml reads the pointer lazily, so it must outlive the parser: `bytes` does, and an empty
        // file (whose buffer may have no address) gets a one-byte allocation freed with the parser.
        let placeholder = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { placeholder.deallocate() }
        yaml_parser_set_input_string(parser, content.baseAddress ?? UnsafePointer(placeholder), content.count)
        // About one event per 18 bytes in the registry's files: reserve once instead of growing.
        eventRanges.reserveCapacity(content.count / 16 + 8)
        var documents = 0
        parsing: while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                reportSyntaxError(parser.pointee)
                break parsing
            }
            defer { yaml_event_delete(event) }
            let e = event.pointee
            switch e.type {
            case YAML_STREAM_END_EVENT:
                break parsing
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    diagnostics.append(
                        .error(
                            .yamlMultipleDocuments, path, span(e),
                            "file holds more than one YAML document",
                            hint: "keep one document per file; remove the '---' line or split the file"
                        ))
                    break parsing
                }
            case YAML_SCALAR_EVENT:
                scalar(e)
            case YAML_ALIAS_EVENT:
                let name = string(e.data.alias.anchor)
                var notes: [Diagnostic.Note] = []
                if let defined = anchors[name] {
                    notes.append(.init(range: SourceRange(file: path, span: defined), message: "anchor '&\(name)' is defined here"))
                }
                let s = span(e)
                diagnostics.append(
                    .error(
                        .yamlAlias, path, s, "aliases are not supported: '*\(name)'",
                        hint: "write the value out instead of referring to an anchor", notes: notes
                    ))
                complete(Node(.null, span: s), keyText: nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = e.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor
                let tag = isMapping ? e.data.mapping_start.tag : e.data.sequence_start.tag
                let isFlow =
                    isMapping
                    ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                    : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                let s = span(e)
                eventRanges.append((s.start.offset, s.end.offset))
                checkAnchor(anchor, at: s)
                if let tag {
                    let name = string(tag)
                    let expected = isMapping ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq"
                    if name != expected, CoreTag(name) != nil {
                        reportTagMismatch(name, value: isMapping ? "a mapping" : "a sequence", at: s)
                    }
                }
                if expectingKey {
                    diagnostics.append(
                        .error(
                            .yamlNonScalarKey, path, s,
                            "mapping key is a \(isMapping ? "mapping" : "sequence"), which JSON cannot represent",
                            hint: "use a string key"
                        ))
                }
                if stack.count >= maximumDepth {
                    diagnostics.append(
                        .error(
                            .yamlTooDeep, path, s,
                            "sequences and mappings are nested more than \(maximumDepth) levels deep",
                            hint: "flatten the document"
                        ))
                    break parsing
                }
                var frame = Frame(
                    isMapping: isMapping, isFlow: isFlow, start: s.start,
                    base: isMapping ? openMembers.count : openItems.count)
                if isFlow { frame.blockIndent = blockIndent }
                stack.append(frame)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                let end = frame.isFlow ? location(e.end_mark) : frame.lastEnd
                if let indent = frame.blockIndent { checkContinuationIndent(from: frame.start, to: end, beyond: indent) }
                // Every document stays in memory until the end of the run: each collection gets an array
                // of exactly its size, copied from the scratch stack.
                let value: Node.Value
                if frame.isMapping {
                    value = .object(Self.take(&openMembers, from: frame.base))
                } else {
                    value = .array(Self.take(&openItems, from: frame.base))
                }
                complete(Node(value, span: SourceSpan(start: frame.start, end: end)), keyText: nil)
            default:
                // Stream start, document end: nothing to build.
                break
            }
        }
        if !diagnostics.contains(where: { $0.severity == .error }) { checkCommentSeparation() }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (root, diagnostics)
    }

    /// The continuation lines of a flow collection or a multi-line scalar inside a block collection must be
    /// indented more than that collection (YAML 1.2, 7.1 and 8.2.3); libyaml 0.2.5 accepts `a: [x,\ny]`
    /// and a quoted scalar continued at column 1 or after a tab. Blank lines and comment lines are exempt.
    private mutating func checkContinuationIndent(from start: SourceLocation, to end: SourceLocation, beyond indent: Int) {
        guard end.line > start.line else { return }
        for line in (start.line + 1)...end.line {
            var i = map.lineStarts[line - 1], spaces = 0
            while i < bytes.count, bytes[i] == 0x20 { i += 1; spaces += 1 }
            var j = i
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            guard j < bytes.count else { return }
            let c = bytes[j]
            // Blank lines (spaces and tabs only) and comment lines are exempt; a tab is never indentation.
            if c == 0x0A || c == 0x0D || c == UInt8(ascii: "#") { continue }
            if spaces <= indent {
                diagnostics.append(
                    .error(
                        .yamlSyntax, path, SourceSpan(at: map.location(ofByte: i)),
                        "this line continues a value from line \(start.line) but is not indented past its parent (column \(indent + 1))",
                        hint: "indent the continuation lines by at least \(indent + 1) space\(indent == 0 ? "" : "s")"
                    ))
                return
            }
        }
    }

    /// A block scalar's header (`|`, `>`, then indentation and chomping indicators) may be followed by a
    /// comment only after white space (YAML 1.2, 8.1.1); libyaml 0.2.5 accepts `>#note`.
    private mutating func checkBlockScalarHeader(at offset: Int) {
        var i = offset
        while i < bytes.count, bytes[i] != UInt8(ascii: "|"), bytes[i] != UInt8(ascii: ">"), bytes[i] != 0x0A { i += 1 }
        guard i < bytes.count, bytes[i] != 0x0A else { return }
        i += 1
        while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "#") else { return }
        diagnostics.append(
            .error(
                .yamlSyntax, path, SourceSpan(at: map.location(ofByte: i)),
                "a comment must be separated from what precedes it by a space",
                hint: "put a space before '#'"
            ))
    }

    /// A comment must be separated from what precedes it by white space (YAML 1.2, 6.6); libyaml 0.2.5
    /// accepts `"value"# note`, `[a, b,#note` and `]#note`. Every `#` outside the events' text is a
    /// comment start, since `#` inside a scalar belongs to the scalar's range; directive lines other than
    /// `%YAML` are skipped.
    private mutating func checkCommentSeparation() {
        var i = map.contentStart, r = 0
        let n = bytes.count
        var lineStart = true
        while i < n {
            while r < eventRanges.count, eventRanges[r].end <= i { r += 1 }
            if r < eventRanges.count, eventRanges[r].start <= i {
                i = eventRanges[r].end
                lineStart = false
                continue
            }
            let b = bytes[i]
            // Directive lines other than %YAML (which holds only a version) are left to libyaml.
            if lineStart, b == UInt8(ascii: "%"), !UnsafeBufferPointer(rebasing: bytes[i..<min(n, i + 6)]).elementsEqual("%YAML ".utf8) {
                while i < n, bytes[i] != 0x0A { i += 1 }
                continue
            }
            if b == UInt8(ascii: "#") {
                let previous = i > map.contentStart ? bytes[i - 1] : 0x0A
                if previous != 0x20, previous != 0x09, previous != 0x0A, previous != 0x0D {
                    diagnostics.append(
                        .error(
                            .yamlSyntax, path, SourceSpan(at: map.location(ofByte: i)),
                            "a comment must be separated from what precedes it by a space",
                            hint: "put a space before '#', or quote the value if '#' belongs to it"
                        ))
                    return
                }
                while i < n, bytes[i] != 0x0A { i += 1 }
                continue
            }
            lineStart = b == 0x0A
            i += 1
        }
    }

    // MARK: - Building

    /// Removes the elements from `start` on and returns them in an array of exactly their number.
    private static func take<T>(_ scratch: inout [T], from start: Int) -> [T] {
        let taken = [T](unsafeUninitializedCapacity: scratch.count - start) { buffer, count in
            _ = buffer.initialize(fromContentsOf: scratch[start...])
            count = buffer.count
        }
        scratch.removeSubrange(start...)
        return taken
    }

    private mutating func scalar(_ e: yaml_event_t) {
        let s = span(e)
        eventRanges.append((s.start.offset, s.end.offset))
        let data = e.data.scalar
        checkAnchor(data.anchor, at: s)
        let text = UnsafeBufferPointer(start: data.value, count: data.length)
        let isFlowScalar =
            data.style == YAML_PLAIN_SCALAR_STYLE || data.style == YAML_SINGLE_QUOTED_SCALAR_STYLE
            || data.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
        if isFlowScalar, let indent = blockIndent { checkContinuationIndent(from: s.start, to: s.end, beyond: indent) }
        if data.style == YAML_LITERAL_SCALAR_STYLE || data.style == YAML_FOLDED_SCALAR_STYLE { checkBlockScalarHeader(at: s.start.offset) }
        if data.style == YAML_PLAIN_SCALAR_STYLE, data.length == 1, text[0] == UInt8(ascii: "-") {
            // A plain scalar cannot be a lone '-' (YAML 1.2, 7.3.3); libyaml 0.2.5 reads `[-]` as one.
            diagnostics.append(
                .error(
                    .yamlSyntax, path, s, "a lone '-' is not a value here",
                    hint: "quote it (\"-\") if it is text, or start a block sequence on its own line"
                ))
        }
        if expectingKey {
            // Keys keep their written text: JSON keys are strings.
            complete(Node(.null, span: s), keyText: String(decoding: text, as: UTF8.self))
            return
        }
        let isPlain = data.style == YAML_PLAIN_SCALAR_STYLE
        var value: Node.Value
        if let tag = data.tag {
            let name = string(tag)
            if name == "!" {
                value = .string(String(decoding: text, as: UTF8.self))
            } else if let core = CoreTag(name) {
                value = resolve(text, as: core, tagName: name, at: s)
            } else {
                // Application tags carry no meaning for the registry: read the scalar as if untagged.
                value = isPlain ? CoreSchema.resolvePlain(text) : .string(String(decoding: text, as: UTF8.self))
            }
        } else {
            value = isPlain ? CoreSchema.resolvePlain(text) : .string(String(decoding: text, as: UTF8.self))
        }
        complete(Node(value, span: s), keyText: nil)
    }

    /// The core-schema tags a scalar can carry.
    private enum CoreTag {
        case str, int, float, bool, null, map, seq

        init?(_ name: String) {
            switch name {
            case "tag:yaml.org,2002:str": self = .str
            case "tag:yaml.org,2002:int": self = .int
            case "tag:yaml.org,2002:float": self = .float
            case "tag:yaml.org,2002:bool": self = .bool
            case "tag:yaml.org,2002:null": self = .null
            case "tag:yaml.org,2002:map": self = .map
            case "tag:yaml.org,2002:seq": self = .seq
            default: return nil
            }
        }
    }

    private mutating func resolve(
        _ text: UnsafeBufferPointer<UInt8>, as tag: CoreTag, tagName: String, at s: SourceSpan
    ) -> Node.Value {
        let string = String(decoding: text, as: UTF8.self)
        switch tag {
        case .str:
            return .string(string)
        case .int:
            if let n = CoreSchema.int(text) { return .number(n) }
        case .float:
            if let d = CoreSchema.float(text) { return .number(.double(d)) }
            if let n = CoreSchema.int(text) { return .number(.double(n.doubleValue)) }
        case .bool:
            if let b = CoreSchema.bool(text) { return .bool(b) }
        case .null:
            if CoreSchema.isNull(text) { return .null }
        case .map, .seq:
            break
        }
        reportTagMismatch(tagName, value: quoted(string), at: s)
        return .string(string)
    }

    /// Adds a finished node to the open collection, or makes it the root.
    private mutating func complete(_ node: Node, keyText: String?) {
        guard !stack.isEmpty else {
            if root == nil { root = node }
            return
        }
        let top = stack.count - 1
        if node.span.end.offset > stack[top].lastEnd.offset { stack[top].lastEnd = node.span.end }
        guard stack[top].isMapping else {
            openItems.append(node)
            return
        }
        if stack[top].droppingValue {
            stack[top].droppingValue = false
            return
        }
        guard let pending = stack[top].pendingKey else {
            if let keyText {
                stack[top].pendingKey = (keyText, node.span)
            } else {
                // A collection or alias key, already reported: drop its value too.
                stack[top].droppingValue = true
            }
            return
        }
        stack[top].pendingKey = nil
        if let first = firstSpan(of: pending.key, inFrame: top) {
            diagnostics.append(
                .error(
                    .yamlDuplicateKey, path, pending.span, "duplicate key \(quoted(pending.key))",
                    hint: "remove one of the entries; YAML mappings cannot repeat a key",
                    notes: [.init(range: SourceRange(file: path, span: first), message: "first defined here")]
                ))
            return
        }
        openMembers.append(Member(key: pending.key, keySpan: pending.span, value: node))
        if stack[top].index != nil {
            stack[top].index![pending.key] = pending.span
        } else if openMembers.count - stack[top].base > 16 {
            var index: [String: SourceSpan] = [:]
            index.reserveCapacity((openMembers.count - stack[top].base) * 2)
            for m in openMembers[stack[top].base...] { index[m.key] = m.keySpan }
            stack[top].index = index
        }
    }

    /// Where `key` is already a key of the mapping open at `frame`, if it is.
    private func firstSpan(of key: String, inFrame frame: Int) -> SourceSpan? {
        if stack[frame].index != nil { return stack[frame].index![key] }
        for i in stack[frame].base..<openMembers.count where openMembers[i].key == key { return openMembers[i].keySpan }
        return nil
    }

    // MARK: - Diagnostics

    private mutating func checkAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at s: SourceSpan) {
        guard let anchor else { return }
        let name = string(anchor)
        anchors[name] = s
        diagnostics.append(
            .error(
                .yamlAlias, path, s, "anchors are not supported: '&\(name)'",
                hint: "remove the anchor and write repeated values out"
            ))
    }

    private mutating func reportTagMismatch(_ tag: String, value: String, at s: SourceSpan) {
        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        diagnostics.append(
            .error(
                .yamlTagMismatch, path, s, "\(value) cannot have the tag '\(shown)'",
                hint: "remove the tag or change the value"
            ))
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let at: SourceLocation
        if parser.error == YAML_READER_ERROR {
            at = map.location(ofByte: map.contentStart + parser.problem_offset)
        } else {
            at = location(parser.problem_mark)
        }
        var summary = problem
        var notes: [Diagnostic.Note] = []
        if let context {
            summary += " " + context
            let contextAt = location(parser.context_mark)
            if contextAt != at, parser.error != YAML_READER_ERROR {
                notes.append(.init(range: SourceRange(file: path, span: SourceSpan(at: contextAt)), message: "\(context) that starts here"))
            }
        }
        if parser.error == YAML_MEMORY_ERROR { summary = "out of memory while parsing YAML" }
        diagnostics.append(.error(.yamlSyntax, path, SourceSpan(at: at), summary, notes: notes))
    }

    // MARK: - Positions

    private mutating func location(_ mark: yaml_mark_t) -> SourceLocation {
        map.location(ofByte: map.byteOffset(ofScalar: Int(mark.index)), hint: &lineHint)
    }

    private mutating func span(_ e: yaml_event_t) -> SourceSpan {
        SourceSpan(start: location(e.start_mark), end: location(e.end_mark))
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: pointer)
    }
}
