public import CSEDiagnostics
import CCmark

/// A markdown text parsed by cmark (CommonMark) into a tree of Swift values.
///
/// cmark's nodes are walked once and freed before the initializer returns: no C pointer leaves this module,
/// and a document can be shared between threads. Raw HTML is kept as `htmlBlock`/`htmlInline` nodes; the
/// renderer decides whether it is passed through or escaped.
public struct MarkdownDocument: Sendable, Hashable {
    public var root: MarkdownNode

    /// Parses `text` with source positions.
    public init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        let lineStarts = Self.lineStarts(text)
        let parsed: MarkdownNode? = text.utf8.withContiguousStorageIfAvailable { buffer -> MarkdownNode? in
            let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
            return buffer.withMemoryRebound(to: CChar.self) { chars -> MarkdownNode? in
                guard let doc = cmark_parse_document(chars.baseAddress, chars.count, options) else { return nil }
                defer { cmark_node_free(doc) }
                return Self.copy(doc, lineStarts: lineStarts)
            }
        } ?? nil
        root = parsed ?? MarkdownNode(kind: .document, literal: "", children: [], start: .start, end: .start)
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
