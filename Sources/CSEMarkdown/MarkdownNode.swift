public import CSEDiagnostics

/// One node of a parsed markdown document, copied out of cmark's tree.
///
/// Positions are 1-based lines and 1-based UTF-8 byte columns (the unit of every diagnostic), converted from
/// cmark's source positions. Inline positions come from cmark too; they are exact for nodes on one line.
public struct MarkdownNode: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case document, blockQuote, item, paragraph, thematicBreak, htmlBlock, customBlock
        case list(ordered: Bool, start: Int, tight: Bool)
        case codeBlock(info: String)
        case heading(level: Int)
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
    }

    public var kind: Kind
    /// The text of text, code, code block and HTML nodes; empty for containers.
    public var literal: String
    public var children: [MarkdownNode]
    public var start: SourceLocation
    public var end: SourceLocation

    /// The plain text of the node and its descendants (text and code literals, breaks as spaces).
    public var plainText: String {
        switch kind {
        case .text, .code: return literal
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }
}
