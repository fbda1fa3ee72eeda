import CSEDiagnostics
import CSEMarkdown

/// Markdown-aware README checks: links to files that do not exist, to anchors that no heading gives, and to
/// files the site does not publish (docs/site.md "README checks").
///
/// Unknown signal IDs, as text or as a link destination, are `readme.unknown-signal` (``TextRules``).
enum ReadmeLinks {
    static func check(_ text: SourceText, file: String, fileSystem: any FileSystem) -> [Diagnostic] {
        // Most READMEs have no links at all; skip the parse for them.
        guard mayHaveLinks(text.bytes) else { return [] }
        let document = MarkdownDocument(String(decoding: text.bytes, as: UTF8.self))
        let anchors = Set(document.headings.map(\.anchor))
        var out = BoundedDiagnostics()
        var anchorIndex: SuggestionIndex?
        for link in document.links {
            let range = SourceRange(file: file, span: SourceSpan(start: link.start, end: link.end))
            let destination = link.destination
            switch ReadmeLinkTarget(destination, in: file) {
            case .external, .signalID: break
            case .fragment(let anchor):
                if !anchor.isEmpty, !anchors.contains(anchor) {
                    out.append(.readmeBrokenAnchor) {
                        if anchorIndex == nil { anchorIndex = SuggestionIndex(anchors) }
                        let suggestion = anchorIndex?.closest(to: anchor)
                        return Diagnostic(
                            $0, range: range,
                            summary: "link to '#\(anchor)', which no heading of this README gives"
                                + (suggestion.map { " (did you mean '#\($0)'?)" } ?? ""),
                            hint: "anchors are the heading text lower-cased with spaces as '-' (docs/site.md); correct the anchor or add the heading")
                    }
                }
            case .outsideRoot:
                out.append(.readmeBrokenLink) {
                    Diagnostic(
                        $0, range: range,
                        summary: "link to '\(destination)' leaves the registry",
                        hint: "link to a file inside the registry, or use an absolute https:// URL")
                }
            case .signalFolder, .framework, .file:
                let path = resolvedPath(destination, in: file)
                if fileSystem.kind(of: path) == nil {
                    out.append(.readmeBrokenLink) {
                        Diagnostic(
                            $0, range: range,
                            summary: "link to '\(destination)', which does not exist ('\(path)')",
                            hint: "correct the path (it is relative to the README's folder), or link to the signal by its ID")
                    }
                } else if case .file = ReadmeLinkTarget(destination, in: file) {
                    out.append(.readmeUnpublishedLink) {
                        Diagnostic(
                            $0, range: range,
                            summary: "link to '\(destination)', which the site does not publish; it is shown as text",
                            hint: "link to a signal (by its ID) or a framework folder, or use an absolute https:// URL")
                    }
                }
            }
        }
        return out.finish()
    }

    /// The root-relative path a relative destination names.
    static func resolvedPath(_ destination: String, in file: String) -> String {
        var path = destination
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        var parts: [Substring] = path.hasPrefix("/") ? [] : file.split(separator: "/").dropLast()
        for component in path.split(separator: "/") where component != "." {
            if component == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(component) }
        }
        return parts.joined(separator: "/")
    }

    /// Whether the text contains `](`, `]:` or `<` followed by a letter (an inline, reference or autolink).
    static func mayHaveLinks(_ b: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x5D, b[i + 1] == 0x28 || b[i + 1] == 0x3A { return true }
            if b[i] == 0x3C, (b[i + 1] | 0x20) >= 0x61, (b[i + 1] | 0x20) <= 0x7A { return true }
            i += 1
        }
        return false
    }
}
