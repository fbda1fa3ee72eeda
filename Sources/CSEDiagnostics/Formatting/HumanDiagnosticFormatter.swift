/// Renders diagnostics the way a compiler does: summary, `--> file:line:col`, the numbered source line
/// with a caret under the problem, then hint and notes.
public struct HumanDiagnosticFormatter: Sendable {
    public var sources: SourceProvider

    public init(sources: @escaping SourceProvider) { self.sources = sources }

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
            if let text = sources(range.file), let line = text.line(start.line) {
                let number = String(start.line)
                let gutter = String(repeating: " ", count: number.count)
                out += " \(gutter) |\n"
                out += " \(number) | \(line.replacingTabs)\n"
                out += " \(gutter) | \(caret(line: line, range: range, text: text))\n"
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
        return out
    }

    private func caret(line: String, range: SourceRange, text: SourceText) -> String {
        let start = range.span.start, end = range.span.end
        let startCol = text.scalarColumn(line: start.line, byteColumn: start.column)
        let lineScalars = line.unicodeScalars.count
        let endCol: Int
        if end.line == start.line, end.column > start.column {
            endCol = text.scalarColumn(line: start.line, byteColumn: end.column)
        } else if end.line > start.line {
            endCol = lineScalars + 1
        } else {
            endCol = startCol + 1
        }
        let width = max(1, min(endCol, lineScalars + 1) - startCol)
        return String(repeating: " ", count: max(0, startCol - 1)) + String(repeating: "^", count: width)
    }
}

extension String {
    /// Tabs become one space so that caret columns line up with scalar columns.
    fileprivate var replacingTabs: String { String(map { $0 == "\t" ? " " : $0 }) }
}
