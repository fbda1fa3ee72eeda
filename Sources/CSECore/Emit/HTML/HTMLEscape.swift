import Mustache

/// HTML escaping for the site, byte-identical to what the templates' default escaping gives but without
/// its per-character dictionary lookups: most values have nothing to escape and are returned as they are.
enum HTMLEscape {
    /// True for the bytes any of the site's escapers replaces.
    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
    }

    /// What swift-mustache's HTML escaping gives (`<`, `>`, `&`, `"`, `'`).
    static func mustache(_ text: String) -> String {
        var special = false, ascii = true
        for b in text.utf8 {
            if isSpecial(b) { special = true }
            if b >= 0x80 { ascii = false }
        }
        if !special { return text }
        if !ascii {
            // A special character may start a grapheme cluster with combining marks, which the library
            // compares as a whole and so leaves alone: do exactly what it does.
            var out = ""
            out.reserveCapacity(text.utf8.count + 16)
            for c in text {
                switch c {
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "&": out += "&amp;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.append(c)
                }
            }
            return out
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "<"): bytes += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case UInt8(ascii: ">"): bytes += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case UInt8(ascii: "&"): bytes += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case UInt8(ascii: "\""): bytes += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            case UInt8(ascii: "'"): bytes += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The site templates' content type: HTML, escaped by ``HTMLEscape/mustache(_:)``.
struct FastHTMLContentType: MustacheContentType {
    /// The name templates select it by (`{{% CONTENT_TYPE: cse-html }}`, prepended on load).
    static let name = "cse-html"

    func escapeText(_ text: String) -> String { HTMLEscape.mustache(text) }
}
