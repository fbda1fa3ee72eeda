/// Renders one diagnostic as `path:line:col: severity: summary [id]` (columns in UTF-8 bytes).
public enum ToolDiagnosticFormatter {
    public static func line(_ d: Diagnostic) -> String {
        let location: String
        if let r = d.range {
            location = "\(r.file):\(r.span.start.line):\(r.span.start.column): "
        } else {
            location = ""
        }
        return "\(location)\(d.severity): \(d.summary) [\(d.id)]"
    }
}
