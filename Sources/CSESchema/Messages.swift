import CSEYAML

/// Plain-words summaries for schema failures (lower-case start, no trailing period, user text in '…').
enum Messages {
    static func quote(_ text: String) -> String {
        let limit = 80
        if text.count <= limit { return "'" + text + "'" }
        return "'" + text.prefix(limit - 1) + "…'"
    }

    /// A value as it would be written: strings quoted, containers in compact JSON.
    static func render(_ node: Node) -> String {
        switch node.value {
        case .string(let s): return quote(s)
        default:
            let json = compactJSON(node)
            return json.count <= 80 ? json : String(json.prefix(79)) + "…"
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
            return "{" + members.map { compactJSON(Node(.string($0.key))) + ":" + compactJSON($0.value) }
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

    /// The candidate closest to `text` by edit distance, when it is close enough to be a likely typo:
    /// at most a third of the longer word's length (minimum 1), or equal ignoring case.
    static func closest(to text: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        let lowered = text.lowercased()
        for candidate in candidates where candidate != text {
            let distance = candidate.lowercased() == lowered ? 0 : levenshtein(text, candidate)
            let limit = max(1, max(text.count, candidate.count) / 3)
            guard distance <= limit else { continue }
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Edit distance over Unicode scalars (insertions, deletions, substitutions each cost 1).
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}
