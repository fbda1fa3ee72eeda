import CSEDiagnostics
import CSEYAML

/// A small deterministic YAML writer for the simple shapes the tool generates (mappings of scalars, lists of
/// mappings). Keys are written in the order given.
///
/// A string is written plain only when it is made of unremarkable characters and reads back, through our own
/// YAML 1.2 core-schema reader, as the same string; otherwise it is double-quoted. So `1.0`, `true`, `null`,
/// `0x1F`, `- x`, `a: b` and `#x` are all quoted.
public enum YAMLValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    /// A number written the shortest way that reads back as the same double (`0.85`, not `0.85000…`).
    case double(Double)
    case bool(Bool)
    case list([YAMLValue])
    /// A list written in flow style (`[a, b]`); only for scalars.
    case flowList([YAMLValue])
    case map([(String, YAMLValue)])

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool { YAMLEmitter.emit(a) == YAMLEmitter.emit(b) }
    public func hash(into hasher: inout Hasher) { hasher.combine(YAMLEmitter.emit(self)) }
}

public enum YAMLEmitter {
    public static func emit(_ value: YAMLValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out, inList: false)
        return out
    }

    static func write(_ value: YAMLValue, indent: Int, into out: inout String, inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .map(let members):
            for (i, (key, v)) in members.enumerated() {
                out += (i == 0 && inList) ? "" : pad
                out += scalar(key) + ":"
                switch v {
                case .map(let m) where !m.isEmpty:
                    out += "\n"
                    write(v, indent: indent + 2, into: &out, inList: false)
                case .list(let l) where !l.isEmpty:
                    out += "\n"
                    write(v, indent: indent + 2, into: &out, inList: false)
                default:
                    out += " " + inline(v) + "\n"
                }
            }
        case .list(let items):
            for item in items {
                out += pad + "- "
                switch item {
                case .map(let m) where !m.isEmpty: write(item, indent: indent + 2, into: &out, inList: true)
                default: out += inline(item) + "\n"
                }
            }
        default:
            out += pad + inline(value) + "\n"
        }
    }

    static func inline(_ v: YAMLValue) -> String {
        switch v {
        case .string(let s): scalar(s)
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        case .bool(let b): b ? "true" : "false"
        case .flowList(let l), .list(let l): "[" + l.map(inline).joined(separator: ", ") + "]"
        case .map(let m): m.isEmpty ? "{}" : "{" + m.map { scalar($0.0) + ": " + inline($0.1) }.joined(separator: ", ") + "}"
        }
    }

    /// The string as a plain scalar when that is safe, else double-quoted.
    public static func scalar(_ s: String) -> String { isSafePlain(s) ? s : Escaping.yamlDoubleQuoted(s) }

    static func isSafePlain(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if first == " " || last == " " { return false }
        if !(first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "(" || first == "/") { return false }
        for u in s.unicodeScalars {
            if u.properties.isAlphabetic || ("0"..."9").contains(u) { continue }
            if " -_.,()/+&;'’–—".unicodeScalars.contains(u) { continue }
            return false
        }
        // Reads back as the same string under the core schema (so not a number, bool or null).
        let (node, diagnostics) = DocumentLoader.load(Array("k: \(s)\n".utf8), path: "<scalar>", format: .yaml)
        return !diagnostics.containsErrors && node?["k"]?.string == s
    }
}
