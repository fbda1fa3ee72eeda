import CSEDiagnostics

/// A one-pass reading of a mustache template's tags, without the engine: how deep its sections nest and
/// which templates it includes, so that a template that would make the engine recurse without bound is
/// refused before it is compiled.
///
/// Tags are found as the engine finds them: with the current delimiters, which a set-delimiter tag
/// (`{{=<% %>=}}`) changes; `{{{…}}}` is one tag. Sections are `#`, `^`, `$` (block) and `<` (parent);
/// `/` closes one. `>` names a partial, `<` a parent template, `>*` a dynamic partial.
struct MustacheScan {
    /// Static partial and parent references, with the position of their tags.
    private(set) var partials: [(name: String, location: SourceLocation)] = []
    /// Dynamic partials (`{{>*name}}`), whose template is chosen by the data.
    private(set) var dynamicPartials: [SourceLocation] = []
    /// The deepest section nesting, and where each depth was first reached.
    private var depthReached: [SourceLocation] = []

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        var depth = 0
        var i = 0, line = 1, lineStart = 0
        func location(_ at: Int) -> SourceLocation { SourceLocation(line: line, column: at - lineStart + 1, offset: at) }
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
            var k = start
            while k + needle.count <= bytes.count {
                if bytes[k] == needle[0], bytes[k..<(k + needle.count)].elementsEqual(needle) { return k }
                k += 1
            }
            return nil
        }
        func advanceLines(to end: Int) {
            while i < end {
                if bytes[i] == 0x0A {
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
        }
        while let tagStart = find(open, from: i) {
            advanceLines(to: tagStart)
            let here = location(tagStart)
            var contentStart = tagStart + open.count
            var closer = close
            if open == Array("{{".utf8), contentStart < bytes.count, bytes[contentStart] == UInt8(ascii: "{") {
                closer = Array("}}}".utf8)
                contentStart += 1
            }
            guard let contentEnd = find(closer, from: contentStart) else { break }
            let content = Array(bytes[contentStart..<contentEnd])
            switch content.first {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                if depth > depthReached.count { depthReached.append(here) }
                if content.first == UInt8(ascii: "<") { Self.reference(content, at: here, into: &partials) }
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            case UInt8(ascii: ">"):
                if content.dropFirst().first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "*") {
                    dynamicPartials.append(here)
                } else {
                    Self.reference(content, at: here, into: &partials)
                }
            case UInt8(ascii: "="):
                // `=<% %>=`: the new opening and closing delimiters, separated by white space.
                let inner = content.dropFirst().reversed().drop(while: { $0 == 0x20 }).reversed()
                let body = inner.last == UInt8(ascii: "=") ? inner.dropLast() : inner[...]
                let parts = body.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            default: break
            }
            advanceLines(to: contentEnd + closer.count)
        }
    }

    private static func reference(_ content: [UInt8], at location: SourceLocation, into list: inout [(name: String, location: SourceLocation)]) {
        let name = String(decoding: content.dropFirst(), as: UTF8.self).trimmingCharacters(in: [" ", "\t"])
        if !name.isEmpty { list.append((name, location)) }
    }

    /// Where the sections first nest deeper than `limit`, or nil.
    func tooDeep(than limit: Int) -> SourceLocation? {
        depthReached.count > limit ? depthReached[limit] : nil
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
