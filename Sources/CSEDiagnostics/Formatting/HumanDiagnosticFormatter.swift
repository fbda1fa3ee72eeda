/// Renders diagnostics the way a compiler does: summary, `--> file:line:col`, the numbered source line
/// with a caret under the problem, then hint and notes, and last the `cse explain` command for an ID the
/// catalogue explains.
public struct HumanDiagnosticFormatter: Sendable {
    public var sources: SourceProvider
    /// Whether `cse explain` knows an ID (the catalogue lives above this module).
    public var explains: @Sendable (DiagnosticID) -> Bool

    public init(sources: @escaping SourceProvider, explains: @escaping @Sendable (DiagnosticID) -> Bool = { _ in false }) {
        self.sources = sources
        self.explains = explains
    }

    public func render(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        var out = ""
        for d in diagnostics {
            out += render(d)
            out += "\n"
        }
        out += DiagnosticSummary(diagnostics).sentence(fileCount: fileCount) + "\n"
        return out
    }

    public func render(_ d: Diagnostic) -> String {
        var out = "\(d.severity)[\(d.id)]: \(d.summary)\n"
        if let range = d.range {
            let start = range.span.start
            out += "  --> \(range.file):\(start.line):\(start.column)\n"
            if let text = sources(range.file), let snippet = Snippet(text: text, range: range) {
                let number = String(start.line)
                let gutter = String(repeating: " ", count: number.count)
                out += " \(gutter) |\n"
                out += " \(number) | \(snippet.line)\n"
                out += " \(gutter) | \(snippet.caret)\n"
            }
        }
        if let hint = d.hint { out += "   = hint: \(hint)\n" }
        for note in d.notes {
            if let r = note.range {
                out += "   = note: \(note.message) (\(r.file):\(r.span.start.line):\(r.span.start.column))\n"
            } else {
                out += "   = note: \(note.message)\n"
            }
        }
        if explains(d.id) { out += "   = explain: cse explain \(d.id)\n" }
        return out
    }

}

/// The source line under a diagnostic and the caret line that marks its range.
///
/// A line longer than ``maximumWidth`` characters (a minified one-line JSON file) is cut to a window around
/// the range, as compilers do, with `…` where text was left out; only that window's bytes are decoded.
struct Snippet {
    static let maximumWidth = 120
    /// Characters of context shown before the range when the line is cut.
    static let leadingContext = 40

    var line: String
    var caret: String

    init?(text: SourceText, range: SourceRange) {
        let start = range.span.start, end = range.span.end
        guard let bytes = text.lineRange(start.line) else { return nil }
        // Byte offsets of the range on this line (1-based columns count UTF-8 bytes).
        let from = min(bytes.upperBound, bytes.lowerBound + max(0, start.column - 1))
        var to: Int
        if end.line == start.line, end.column > start.column {
            to = min(bytes.upperBound, bytes.lowerBound + end.column - 1)
        } else if end.line > start.line {
            to = bytes.upperBound
        } else {
            to = from
        }
        // The window: whole line when short, else from a little before the range, on scalar boundaries.
        let width = Self.maximumWidth
        var windowStart = bytes.lowerBound, windowEnd = bytes.upperBound
        if bytes.count > width {
            windowStart = max(bytes.lowerBound, from - Self.leadingContext * 4)
            windowStart = text.scalarBoundary(atOrAfter: windowStart, in: bytes)
            let before = text.scalarCount(windowStart..<from)
            if before > Self.leadingContext {
                windowStart = text.advance(windowStart, byScalars: before - Self.leadingContext, in: bytes)
            }
            windowEnd = text.advance(windowStart, byScalars: width, in: bytes)
        }
        let cutBefore = windowStart > bytes.lowerBound, cutAfter = windowEnd < bytes.upperBound
        var shown = String(decoding: text.bytes[windowStart..<windowEnd], as: UTF8.self)
        shown = String(shown.map { $0 == "\t" ? " " : $0 })
        line = (cutBefore ? "…" : "") + shown + (cutAfter ? "…" : "")
        // Caret columns count scalars from the window's start; the range is clipped to the window.
        let clippedFrom = min(max(from, windowStart), windowEnd)
        to = min(max(to, clippedFrom), windowEnd)
        let lead = text.scalarCount(windowStart..<clippedFrom) + (cutBefore ? 1 : 0)
        var span = text.scalarCount(clippedFrom..<to)
        if span == 0 {
            span = 1
        }
        caret = String(repeating: " ", count: lead) + String(repeating: "^", count: span)
    }
}
