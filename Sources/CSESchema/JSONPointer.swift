import Foundation

/// One step of a JSON Pointer (RFC 6901): an object key or an array index.
enum PointerStep: Hashable, Sendable {
    case key(String)
    case index(Int)

    /// The escaped token (`~0` for `~`, `~1` for `/`).
    var token: String {
        switch self {
        case .index(let i): String(i)
        case .key(let k): escapePointerToken(k)
        }
    }
}

func escapePointerToken(_ key: String) -> String {
    guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
    return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

/// Renders steps as a JSON Pointer (`""` for the root, `/a/0/b~1c` otherwise).
func pointerString(_ steps: [PointerStep]) -> String {
    var out = ""
    for step in steps { out += "/" + step.token }
    return out
}

/// Parses the text of a JSON Pointer into unescaped reference tokens; nil when it does not start with `/`.
func parsePointerTokens(_ pointer: String) -> [String]? {
    if pointer.isEmpty { return [] }
    guard pointer.hasPrefix("/") else { return nil }
    return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { token in
        var t = String(token)
        if t.contains("~") {
            t = t.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        return t
    }
}
