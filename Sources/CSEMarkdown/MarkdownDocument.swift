import CCmark
public import CSEDiagnostics

/// A markdown text parsed by cmark (CommonMark) into a tree of Swift values.
///
/// cmark's nodes are walked once and freed before the initializer returns: no C pointer leaves this module,
/// and a document can be shared between threads. Raw HTML is kept as `htmlBlock`/`htmlInline` nodes; the
/// renderer decides whether it is passed through or escaped.
public struct MarkdownDocument: Sendable, Hashable {
    public var root: MarkdownNode
    /// Where the document first nests deeper than ``maximumDepth``; such a document is kept empty, since
    /// every walk over its tree (copying, rendering, collecting headings) would recurse that deep.
    public private(set) var tooDeep: SourceLocation?

    /// Deepest nesting of blocks and inlines (block quotes, list items, emphasis, links) a document may have.
    /// cmark parses any depth without recursing; the Swift tree and its walks recurse once per level.
    public static let maximumDepth = 100

    /// An upper bound on the nesting depth cmark can give `bytes`, found in one pass without parsing, so
    /// that only a text that might be too deep is parsed to check it.
    ///
    /// Block containers open only at the start of a line: each block-quote `>` or list marker there opens at
    /// most two levels (a list and its item), and a line can continue at most one level per two columns of
    /// indentation (a nested list item is indented past its parent's marker). Inline containers (emphasis,
    /// links, images, autolinks) each need a `*`, `_`, `[` or `<` of their paragraph, and no paragraph
    /// spans a blank line. A test checks the bound against cmark on generated texts.
    public static func nestingBound(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var bound = 1
        var paragraphBlock = 0, paragraphInline = 0
        var i = 0
        let n = bytes.count
        while i < n {
            // The line's container prefix: indentation and markers.
            var columns = 0, markers = 0
            prefix: while i < n {
                switch bytes[i] {
                case 0x20: columns += 1; i += 1
                case 0x09: columns += 4; i += 1
                case 0x3E: markers += 1; i += 1  // >
                case 0x2D, 0x2A, 0x2B:  // - * +
                    guard i + 1 == n || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09 || bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D
                    else { break prefix }
                    markers += 1
                    i += 1
                case 0x30...0x39:
                    var j = i
                    while j < n, j - i < 10, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
                    guard j < n, bytes[j] == 0x2E || bytes[j] == 0x29,
                        j + 1 == n || bytes[j + 1] == 0x20 || bytes[j + 1] == 0x09 || bytes[j + 1] == 0x0A || bytes[j + 1] == 0x0D
                    else { break prefix }
                    markers += 1
                    i = j + 1
                default: break prefix
                }
            }
            let blank = i == n || bytes[i] == 0x0A || bytes[i] == 0x0D
            if blank && markers == 0 {
                paragraphBlock = 0
                paragraphInline = 0
            } else {
                // Document, the containers, the paragraph or heading.
                paragraphBlock = max(paragraphBlock, 2 + 2 * (markers + columns / 2 + 1))
            }
            // The rest of the line; CR, LF and CRLF all end a line.
            while i < n, bytes[i] != 0x0A, bytes[i] != 0x0D {
                switch bytes[i] {
                case 0x2A, 0x5F, 0x5B, 0x3C: paragraphInline += 1  // * _ [ <
                default: break
                }
                i += 1
            }
            if i < n, bytes[i] == 0x0D { i += 1 }
            if i < n, bytes[i] == 0x0A { i += 1 }
            bound = max(bound, paragraphBlock + paragraphInline)
        }
        return bound
    }

    /// Parses `text` with source positions.
    public init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        let lineStarts = Self.lineStarts(text)
        var deepAt: SourceLocation?
        let parsed: MarkdownNode? =
            text.utf8.withContiguousStorageIfAvailable { buffer -> MarkdownNode? in
                let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
                return buffer.withMemoryRebound(to: CChar.self) { chars -> MarkdownNode? in
                    guard let doc = cmark_parse_document(chars.baseAddress, chars.count, options) else { return nil }
                    defer { cmark_node_free(doc) }
                    if let deep = Self.firstNode(deeperThan: Self.maximumDepth, in: doc) {
                        deepAt = Self.location(
                            line: cmark_node_get_start_line(deep), column: cmark_node_get_start_column(deep), lineStarts: lineStarts)
                        return nil
                    }
                    return Self.copy(doc, lineStarts: lineStarts)
                }
            } ?? nil
        root = parsed ?? MarkdownNode(kind: .document, literal: "", children: [], start: .start, end: .start)
        tooDeep = deepAt
    }

    /// Headings in document order, with their anchors (docs/site.md "Anchors").
    public var headings: [Heading] {
        var slugger = Slugger()
        var out: [Heading] = []
        func visit(_ n: MarkdownNode) {
            if case .heading(let level) = n.kind {
                let text = n.plainText
                out.append(Heading(level: level, text: text, anchor: slugger.anchor(for: text), start: n.start))
            }
            n.children.forEach(visit)
        }
        visit(root)
        return out
    }

    /// Every link and image, in document order.
    public var links: [Link] {
        var out: [Link] = []
        func visit(_ n: MarkdownNode) {
            switch n.kind {
            case .link(let destination, _): out.append(Link(destination: destination, isImage: false, start: n.start, end: n.end))
            case .image(let source, _): out.append(Link(destination: source, isImage: true, start: n.start, end: n.end))
            default: break
            }
            n.children.forEach(visit)
        }
        visit(root)
        return out
    }

    /// A heading and the anchor its rendering carries.
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var anchor: String
        public var start: SourceLocation
    }

    /// A link or image destination with the position of the whole link.
    public struct Link: Sendable, Hashable {
        public var destination: String
        public var isImage: Bool
        public var start: SourceLocation
        public var end: SourceLocation
    }

    // MARK: - Copying out of cmark

    static func lineStarts(_ text: String) -> [Int] {
        var starts = [0]
        for (i, b) in text.utf8.enumerated() where b == 0x0A { starts.append(i + 1) }
        return starts
    }

    /// cmark's 1-based line and 1-based byte column to our location (with the file offset).
    static func location(line: Int32, column: Int32, lineStarts: [Int]) -> SourceLocation {
        let l = max(1, Int(line)), c = max(1, Int(column))
        let offset = l - 1 < lineStarts.count ? lineStarts[l - 1] + c - 1 : 0
        return SourceLocation(line: l, column: c, offset: offset)
    }

    /// The first node nested deeper than `limit`, found with cmark's iterator (no recursion).
    private static func firstNode(deeperThan limit: Int, in doc: OpaquePointer) -> OpaquePointer? {
        guard let iterator = cmark_iter_new(doc) else { return nil }
        defer { cmark_iter_free(iterator) }
        var depth = 0
        while true {
            let event = cmark_iter_next(iterator)
            switch event {
            case CMARK_EVENT_DONE: return nil
            case CMARK_EVENT_ENTER:
                let node = cmark_iter_get_node(iterator)
                // Leaf nodes get only an enter event.
                if Self.isContainer(node) { depth += 1 }
                if depth > limit { return node }
            case CMARK_EVENT_EXIT: depth -= 1
            default: return nil
            }
        }
    }

    /// Whether cmark reports an exit event for the node (containers do, even when empty).
    private static func isContainer(_ node: OpaquePointer?) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_PARAGRAPH,
            CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE,
            CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            true
        default: false
        }
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }

    private static func copy(_ node: OpaquePointer, lineStarts: [Int]) -> MarkdownNode {
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            children.append(copy(c, lineStarts: lineStarts))
            child = cmark_node_next(c)
        }
        let kind: MarkdownNode.Kind
        var literal = ""
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            kind = .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK:
            kind = .codeBlock(info: string(cmark_node_get_fence_info(node)))
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_HTML_BLOCK:
            kind = .htmlBlock
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_TEXT:
            kind = .text
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE:
            kind = .code
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_HTML_INLINE:
            kind = .htmlInline
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK: kind = .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: kind = .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_CUSTOM_BLOCK: kind = .customBlock
        default: kind = .customInline
        }
        return MarkdownNode(
            kind: kind, literal: literal, children: children,
            start: location(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node), lineStarts: lineStarts),
            end: location(line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node) + 1, lineStarts: lineStarts))
    }
}
