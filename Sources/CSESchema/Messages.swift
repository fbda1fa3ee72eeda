import CSEDiagnostics
import CSEYAML

/// Plain-words summaries for schema failures (lower-case start, no trailing period, user text in '…').
enum Messages {
    /// User text in quotes, at most 80 characters shown (``Escaping/messageQuote(_:limit:)``).
    static func quote(_ text: String) -> String { Escaping.messageQuote(text, limit: 80) }

    /// A value as it would be written: strings quoted, containers in compact JSON.
    static func render(_ node: Node) -> String {
        switch node.value {
        case .string(let s): return quote(s)
        default:
            var json = ""
            compactJSON(node, into: &json, limit: 81)
            return json.count <= 80 ? json : String(json.prefix(79)) + "…"
        }
    }

    /// Appends the compact JSON of `node` to `out`, stopping once `out` has `limit` characters: a message
    /// shows the start of a value, and a value can be megabytes.
    static func compactJSON(_ node: Node, into out: inout String, limit: Int) {
        if out.count >= limit { return }
        switch node.value {
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if out.count >= limit { return }
                if i > 0 { out += "," }
                compactJSON(item, into: &out, limit: limit)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if out.count >= limit { return }
                if i > 0 { out += "," }
                out += compactJSON(Node(.string(String(member.key.prefix(limit))))) + ":"
                compactJSON(member.value, into: &out, limit: limit)
            }
            out += "}"
        case .string(let s):
            out += compactJSON(Node(.string(String(s.prefix(limit)))))
        default:
            out += compactJSON(node)
        }
    }

    static func compactJSON(_ node: Node) -> String {
        switch node.value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s):
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        case .array(let items): return "[" + items.map(compactJSON).joined(separator: ",") + "]"
        case .object(let members):
            return "{"
                + members.map { compactJSON(Node(.string($0.key))) + ":" + compactJSON($0.value) }
                .joined(separator: ",") + "}"
        }
    }

    /// `a string`, `an integer`, `null`.
    static func withArticle(_ type: String) -> String {
        switch type {
        case "null": "null"
        case "integer", "array", "object": "an " + type
        default: "a " + type
        }
    }

    /// `a, b or c`.
    static func list(_ items: [String], conjunction: String = "or") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }

    static func typeMismatch(expected: [String], found: Node) -> String {
        "expected \(list(expected.map(withArticle))), found \(withArticle(found.typeName))"
    }

    static func count(_ n: Int, _ noun: String) -> String {
        if n == 1 { return "1 \(noun)" }
        return noun == "property" ? "\(n) properties" : "\(n) \(noun)s"
    }

    static func notInEnum(_ node: Node, _ values: [Node]) -> String {
        let shown = values.prefix(12).map(render).joined(separator: ", ")
        let more = values.count > 12 ? ", … (\(values.count - 12) more)" : ""
        var summary = "\(render(node)) is not one of the allowed values: \(shown)\(more)"
        if let text = node.string, let suggestion = closest(to: text, among: values.compactMap(\.string)) {
            summary += " (did you mean \(quote(suggestion))?)"
        }
        return summary
    }

    static func notConst(_ node: Node, _ value: Node) -> String {
        "expected \(render(value)), found \(render(node))"
    }

    static func extraProperty(_ key: String, known: [String]) -> String {
        var summary = "property \(quote(key)) is not allowed"
        if let suggestion = closest(to: key, among: known) { summary += " (did you mean \(quote(suggestion))?)" }
        return summary
    }

    static func extraItem(_ index: Int, allowed: Int) -> String {
        allowed == 0
            ? "item \(index) is not allowed (the array must be empty)"
            : "item \(index) is not allowed (at most \(count(allowed, "item")) allowed)"
    }

    // MARK: - Suggestions

    /// The candidate closest to `text`, when close enough to be a likely typo (``Suggestions``).
    static func closest(to text: String, among candidates: [String]) -> String? {
        Suggestions.closest(to: text, in: candidates)
    }
}
