/// Renders diagnostics as GitHub Actions workflow commands, which GitHub shows on the pull request's lines.
///
/// Columns are converted to Unicode scalars when the source is available (GitHub counts characters).
public struct GitHubDiagnosticFormatter: Sendable {
    public var sources: SourceProvider

    public init(sources: @escaping SourceProvider) { self.sources = sources }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(command).joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n")
    }

    public func command(_ d: Diagnostic) -> String {
        let level =
            switch d.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
        var properties: [String] = []
        if let r = d.range {
            let text = sources(r.file)
            let col = text?.scalarColumn(line: r.span.start.line, byteColumn: r.span.start.column) ?? r.span.start.column
            properties.append("file=\(Escaping.workflowCommandProperty(r.file))")
            properties.append("line=\(r.span.start.line)")
            properties.append("col=\(col)")
            if r.span.end.line >= r.span.start.line, r.span.end.offset > r.span.start.offset {
                let endCol = text?.scalarColumn(line: r.span.end.line, byteColumn: r.span.end.column) ?? r.span.end.column
                properties.append("endLine=\(r.span.end.line)")
                properties.append("endColumn=\(endCol)")
            }
        }
        properties.append("title=\(Escaping.workflowCommandProperty(d.id.rawValue))")
        var message = d.summary
        if let hint = d.hint { message += "\nhint: \(hint)" }
        return "::\(level) \(properties.joined(separator: ","))::\(Escaping.workflowCommandData(message))"
    }
}
