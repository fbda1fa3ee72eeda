import CSEDiagnostics

/// Renders a `MarkdownDocument` to HTML.
///
/// Differences from cmark's own HTML renderer, all of them on purpose:
/// - raw HTML is escaped (shown as text) unless `allowRawHTML`; unsafe link schemes (`javascript:`,
///   `vbscript:`, `file:`, non-image `data:`) are dropped unless `allowRawHTML`;
/// - headings carry `id` anchors (``Slugger``) and can be shifted so the document fits under a page's headings;
/// - a bare signal ID in text becomes a link when `signalURL` knows it; link destinations go through
///   `resolveLink`, and `#fragment` links are rewritten to the anchors actually given.
public struct MarkdownRenderer: Sendable {
    /// What to do with a link destination.
    public enum LinkResolution: Sendable, Hashable {
        /// Keep it as written.
        case keep
        /// Link somewhere else instead.
        case replace(String)
        /// Render the link's text without a link (its target is not published).
        case unlink
    }

    public var allowRawHTML: Bool
    /// The level the document's highest heading is shifted to (nil keeps levels as written); capped at 6.
    public var topHeadingLevel: Int?
    /// Anchors the surrounding page already uses.
    public var reservedAnchors: Set<String>
    public var resolveLink: @Sendable (String) -> LinkResolution
    /// The URL of a signal's page, or nil when the ID is not known (it is then left as text).
    public var signalURL: @Sendable (String) -> String?

    public init(
        allowRawHTML: Bool = false, topHeadingLevel: Int? = nil, reservedAnchors: Set<String> = [],
        resolveLink: @escaping @Sendable (String) -> LinkResolution = { _ in .keep },
        signalURL: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.allowRawHTML = allowRawHTML
        self.topHeadingLevel = topHeadingLevel
        self.reservedAnchors = reservedAnchors
        self.resolveLink = resolveLink
        self.signalURL = signalURL
    }

    /// The rendered HTML and the headings with the anchors given to them.
    public struct Result: Sendable, Hashable {
        public var html: String
        public var headings: [MarkdownDocument.Heading]
    }

    public func render(_ document: MarkdownDocument) -> Result {
        var state = State(renderer: self)
        let headings = document.headings
        var slugger = Slugger(reserved: reservedAnchors)
        for h in headings {
            let anchor = slugger.anchor(for: h.text)
            state.anchors.append(anchor)
            // A `#slug` written in the document points at the heading that slug names.
            if state.fragmentMap[h.anchor] == nil { state.fragmentMap[h.anchor] = anchor }
        }
        if let top = topHeadingLevel, let minimum = headings.map(\.level).min() { state.shift = top - minimum }
        state.block(document.root, tight: false)
        var given = headings
        for i in given.indices {
            given[i].anchor = state.anchors[i]
            given[i].level = min(6, max(1, given[i].level + state.shift))
        }
        return Result(html: state.out, headings: given)
    }

    /// Renders a document and returns only the HTML.
    public func html(_ markdown: String) -> String { render(MarkdownDocument(markdown)).html }

    /// Whether a URL uses a scheme that runs code or reads local files.
    static func isUnsafe(_ url: String, image: Bool) -> Bool {
        let lower = url.lowercased().trimmingPrefix(while: { $0 == " " })
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            return !(image && ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) })
        }
        return false
    }

    // MARK: - Walking

    private struct State {
        let renderer: MarkdownRenderer
        var out = ""
        var shift = 0
        var anchors: [String] = []
        var headingIndex = 0
        var fragmentMap: [String: String] = [:]
        var linkDepth = 0

        init(renderer: MarkdownRenderer) { self.renderer = renderer }

        mutating func children(_ n: MarkdownNode, tight: Bool) {
            for c in n.children { block(c, tight: tight) }
        }

        mutating func block(_ n: MarkdownNode, tight: Bool) {
            switch n.kind {
            case .document: children(n, tight: false)
            case .blockQuote:
                out += "<blockquote>\n"
                children(n, tight: false)
                out += "</blockquote>\n"
            case .list(let ordered, let start, let isTight):
                if ordered {
                    out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
                } else {
                    out += "<ul>\n"
                }
                for item in n.children {
                    out += "<li>"
                    for (i, c) in item.children.enumerated() {
                        if isTight, case .paragraph = c.kind {
                            inlines(c)
                            if i < item.children.count - 1 { out += "\n" }
                        } else {
                            if i == 0 { out += "\n" }
                            block(c, tight: isTight)
                        }
                    }
                    out += "</li>\n"
                }
                out += ordered ? "</ol>\n" : "</ul>\n"
            case .item: children(n, tight: tight)
            case .codeBlock(let info):
                let language = info.split(separator: " ").first.map(String.init) ?? ""
                // A code block scrolls sideways when its lines are long: `tabindex` lets a keyboard reach and
                // scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
                out += language.isEmpty ? "<pre tabindex=\"0\"><code>" : "<pre tabindex=\"0\"><code class=\"language-\(Escaping.markup(language))\">"
                out += Escaping.markup(n.literal)
                out += "</code></pre>\n"
            case .htmlBlock:
                if renderer.allowRawHTML {
                    out += n.literal
                } else {
                    out += "<p class=\"raw-html\">" + Escaping.markup(n.literal.trimmingSuffixNewlines) + "</p>\n"
                }
            case .paragraph:
                out += "<p>"
                inlines(n)
                out += "</p>\n"
            case .heading(let level):
                let l = min(6, max(1, level + shift))
                let anchor = headingIndex < anchors.count ? anchors[headingIndex] : Slugger.slug(n.plainText)
                headingIndex += 1
                out += "<h\(l) id=\"\(Escaping.markup(anchor))\">"
                inlines(n)
                out += "</h\(l)>\n"
            case .thematicBreak: out += "<hr>\n"
            case .customBlock: children(n, tight: tight)
            default: inline(n)
            }
        }

        mutating func inlines(_ n: MarkdownNode) {
            for c in n.children { inline(c) }
        }

        mutating func inline(_ n: MarkdownNode) {
            switch n.kind {
            case .text: text(n.literal)
            case .softBreak: out += "\n"
            case .lineBreak: out += "<br>\n"
            case .code: out += "<code>" + Escaping.markup(n.literal) + "</code>"
            case .htmlInline: out += renderer.allowRawHTML ? n.literal : Escaping.markup(n.literal)
            case .emphasis:
                out += "<em>"
                inlines(n)
                out += "</em>"
            case .strong:
                out += "<strong>"
                inlines(n)
                out += "</strong>"
            case .link(let destination, let title):
                guard let href = href(destination, image: false), linkDepth == 0 else {
                    inlines(n)
                    return
                }
                out += "<a href=\"\(Escaping.markup(href))\""
                if !title.isEmpty { out += " title=\"\(Escaping.markup(title))\"" }
                out += ">"
                linkDepth += 1
                inlines(n)
                linkDepth -= 1
                out += "</a>"
            case .image(let source, let title):
                let alt = Escaping.markup(n.plainText)
                guard let src = href(source, image: true) else {
                    out += alt
                    return
                }
                out += "<img src=\"\(Escaping.markup(src))\" alt=\"\(alt)\""
                if !title.isEmpty { out += " title=\"\(Escaping.markup(title))\"" }
                out += ">"
            default:
                if case .customInline = n.kind { inlines(n) } else { block(n, tight: false) }
            }
        }

        /// The href a destination is published with, or nil to render the link's text alone.
        func href(_ destination: String, image: Bool) -> String? {
            if !renderer.allowRawHTML, MarkdownRenderer.isUnsafe(destination, image: image) { return nil }
            if destination.hasPrefix("#") {
                let fragment = String(destination.dropFirst())
                return fragmentMap[fragment].map { "#" + $0 } ?? nil
            }
            if SignalIDScanner.isSignalID(destination) { return renderer.signalURL(destination) }
            switch renderer.resolveLink(destination) {
            case .keep: return destination
            case .replace(let url): return url
            case .unlink: return nil
            }
        }

        /// Text, with known signal IDs linked (outside links).
        mutating func text(_ s: String) {
            guard linkDepth == 0, s.utf8.count >= 4 else {
                out += Escaping.markup(s)
                return
            }
            let matches = SignalIDScanner.matches(in: s)
            guard !matches.isEmpty else {
                out += Escaping.markup(s)
                return
            }
            let bytes = Array(s.utf8)
            var cursor = 0
            for (range, id) in matches {
                guard let url = renderer.signalURL(id) else { continue }
                out += Escaping.markup(String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self))
                out += "<a class=\"signal-ref\" href=\"\(Escaping.markup(url))\">\(id)</a>"
                cursor = range.upperBound
            }
            out += Escaping.markup(String(decoding: bytes[cursor...], as: UTF8.self))
        }
    }
}

extension String {
    fileprivate var trimmingSuffixNewlines: String {
        var s = Substring(self)
        while s.last == "\n" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
