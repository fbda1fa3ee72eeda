import Foundation

/// An RFC 3986 URI reference split into its five components, with reference resolution (section 5).
///
/// Foundation's `URL` normalises and rejects too much (URNs, empty authorities, `%`-escapes) to be used
/// for `$id` and `$ref` resolution, so this is the small, exact algorithm instead.
struct URIReference: Hashable, Sendable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    /// Splits `text` with the regular expression of RFC 3986 appendix B.
    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
            !rest[..<colon].contains(where: { $0 == "/" })
        {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[afterSlashes..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    var isAbsolute: Bool { scheme != nil }

    /// The reference recomposed (RFC 3986 section 5.3).
    var text: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// The reference without its fragment.
    var withoutFragment: URIReference {
        var copy = self
        copy.fragment = nil
        return copy
    }

    /// Resolves `self` (a reference) against `base` (RFC 3986 section 5.2.2, strict).
    func resolved(against base: URIReference) -> URIReference {
        var target = URIReference(scheme: nil, authority: nil, path: "", query: nil, fragment: fragment)
        if let scheme {
            target.scheme = scheme
            target.authority = authority
            target.path = Self.removeDotSegments(path)
            target.query = query
            return target
        }
        target.scheme = base.scheme
        if authority != nil {
            target.authority = authority
            target.path = Self.removeDotSegments(path)
            target.query = query
            return target
        }
        target.authority = base.authority
        if path.isEmpty {
            target.path = base.path
            target.query = query ?? base.query
        } else {
            if path.hasPrefix("/") {
                target.path = Self.removeDotSegments(path)
            } else {
                target.path = Self.removeDotSegments(merge(base))
            }
            target.query = query
        }
        return target
    }

    private func merge(_ base: URIReference) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }

    /// RFC 3986 section 5.2.4.
    static func removeDotSegments(_ input: String) -> String {
        guard input.contains(".") else { return input }
        var input = Substring(input)
        var output: [Substring] = []
        var result = ""
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if input == "/.." {
                input = "/"
                if !output.isEmpty { output.removeLast() }
            } else if input == "." || input == ".." {
                input = ""
            } else {
                let start = input.startIndex
                let searchFrom = input.hasPrefix("/") ? input.index(after: start) : start
                let end = input[searchFrom...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[start..<end])
                input = input[end...]
            }
        }
        for segment in output { result += segment }
        return result
    }
}

/// Resolves `reference` against `base` (both as text); a missing base leaves the reference as written.
///
/// Compiling a schema resolves the same few pairs many times over (every subschema's location is walked
/// from its document's root, which re-resolves the root's `$id`), so results are remembered for the
/// process: resolution is a pure function of the two strings.
func resolveURI(_ reference: String, against base: String) -> String {
    if base.isEmpty { return reference }
    let key = URIPair(reference: reference, base: base)
    if let known = resolvedURIs.value(for: key) { return known }
    let resolved = URIReference(reference).resolved(against: URIReference(base)).text
    resolvedURIs.store(resolved, for: key)
    return resolved
}

private struct URIPair: Hashable, Sendable {
    var reference: String
    var base: String
}

/// The process's resolved pairs, behind a lock (`NSLock`, as the package supports macOS 14, which has no
/// `Synchronization.Mutex`).
private final class ResolvedURIs: @unchecked Sendable {
    private var values: [URIPair: String] = [:]
    private let lock = NSLock()

    func value(for key: URIPair) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func store(_ value: String, for key: URIPair) {
        lock.lock()
        defer { lock.unlock() }
        // Bounded, so that a long-running caller validating ever-new schemas does not grow it forever.
        if values.count >= 4096 { values.removeAll(keepingCapacity: true) }
        values[key] = value
    }
}

private let resolvedURIs = ResolvedURIs()

/// Splits `uri` at its first `#` into the part before it and the fragment (nil when there is no `#`).
func splitFragment(_ uri: String) -> (base: String, fragment: String?) {
    guard let hash = uri.firstIndex(of: "#") else { return (uri, nil) }
    return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
}

/// Decodes `%XX` escapes as UTF-8; malformed escapes are kept literally.
func percentDecoded(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    let utf8 = Array(text.utf8)
    var i = 0
    while i < utf8.count {
        if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
            let high = hexValue(utf8[i + 1]), let low = hexValue(utf8[i + 2])
        {
            bytes.append(high << 4 | low)
            i += 3
        } else {
            bytes.append(utf8[i])
            i += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
