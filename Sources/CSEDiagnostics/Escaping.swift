/// Every way `cse` escapes text for a target language, in one place, each tested (`EscapingTests`).
///
/// JSON is the exception that proves the rule: it is written only through ``JSONStream`` and ``JSONWriter``,
/// whose string writer is the one JSON escaper (``json(_:)`` exposes it for tests and callers that need a
/// lone string).
///
/// The markup escapers work on Unicode scalars, never on grapheme clusters: a `"` followed by a combining
/// mark is one `Character` but still ends an attribute value in a browser, so it must be escaped.
public enum Escaping {
    /// HTML or XML text and double-quoted attribute values written by `cse` itself (markdown HTML, the
    /// coverage chart's SVG, the sitemap and Atom feed): `&`, `<`, `>` and `"`.
    public static func markup(_ text: String) -> String { replacingASCII(text, markupEntity) }

    private static func markupEntity(_ b: UInt8) -> StaticString? {
        switch b {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: nil
        }
    }

    /// Values the site's templates place, which may land in text or in an attribute of either quoting:
    /// ``markup(_:)`` and `'` (as `&#39;`).
    public static func templateValue(_ text: String) -> String {
        replacingASCII(text) { $0 == UInt8(ascii: "'") ? "&#39;" : markupEntity($0) }
    }

    /// A JSON string literal, quotes included.
    public static func json(_ text: String) -> String {
        var out: [UInt8] = []
        JSONWriter.writeString(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A YAML double-quoted scalar, quotes included: `"` and `\` escaped, and every character YAML does not
    /// allow printed (C0 and C1 controls, DEL) or a reader might take for a line break (U+2028, U+2029) as
    /// an escape.
    public static func yamlDoubleQuoted(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16).uppercased()
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Text inside one line of GitHub-flavoured markdown (a table cell, a heading): `\` and `|` escaped, CR
    /// and LF as spaces.
    public static func markdownInline(_ text: String) -> String {
        replacingASCII(text) { b in
            switch b {
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "|"): "\\|"
            case 0x0A, 0x0D: " "
            default: nil
            }
        }
    }

    /// An RFC 4180 CSV field: quoted, with `"` doubled, when it holds a comma, a quote or a line break.
    public static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        return "\"" + replacingASCII(text) { $0 == UInt8(ascii: "\"") ? "\"\"" : nil } + "\""
    }

    /// The message of a GitHub Actions workflow command (`::error …::message`): `%`, CR and LF percent-encoded.
    public static func workflowCommandData(_ text: String) -> String { replacingASCII(text, workflowEscape) }

    /// A property value of a workflow command (`file=…,title=…`): as ``workflowCommandData(_:)``, and `:`
    /// and `,`.
    public static func workflowCommandProperty(_ text: String) -> String {
        replacingASCII(text) { b in
            switch b {
            case UInt8(ascii: ":"): "%3A"
            case UInt8(ascii: ","): "%2C"
            default: workflowEscape(b)
            }
        }
    }

    private static func workflowEscape(_ b: UInt8) -> StaticString? {
        switch b {
        case UInt8(ascii: "%"): "%25"
        case 0x0D: "%0D"
        case 0x0A: "%0A"
        default: nil
        }
    }

    /// User text inside a diagnostic message: in single quotes, line breaks and tabs written as `\n`, `\r`,
    /// `\t` so that one diagnostic stays one line, and at most `limit` scalars shown (the last one `…` when
    /// the text is cut) so that one bad value cannot flood the output.
    public static func messageQuote(_ text: String, limit: Int) -> String {
        var out = "'"
        var shown = 0
        let total = text.unicodeScalars.count
        for scalar in text.unicodeScalars {
            if total > limit && shown == limit - 1 {
                out += "…"
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
            shown += 1
        }
        return out + "'"
    }

    /// `text` with each ASCII byte `replacement` gives a string for replaced by it; text with none is
    /// returned as it is (most text has nothing to escape). Non-ASCII bytes are copied: UTF-8 never uses an
    /// ASCII byte inside a multi-byte character, so this is exact at the scalar level.
    @inline(__always)
    static func replacingASCII(_ text: String, _ replacement: (UInt8) -> StaticString?) -> String {
        // Over the contiguous UTF-8 bytes (a native string's own storage): scanning `String.UTF8View` by
        // index costs several times more, and every page's every value passes through here.
        var text = text
        let escaped: [UInt8]? = text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count, bytes[i] >= 0x80 || replacement(bytes[i]) == nil { i += 1 }
            guard i < bytes.count else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<i]))
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80, let r = replacement(b) {
                    out.append(contentsOf: UnsafeBufferPointer(start: r.utf8Start, count: r.utf8CodeUnitCount))
                } else {
                    out.append(b)
                }
                i += 1
            }
            return out
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }
}
