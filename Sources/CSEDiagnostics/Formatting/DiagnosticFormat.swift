/// The output formats for a list of diagnostics.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// Compiler-style text with the source line and a caret.
    case human
    /// One `path:line:col: severity: summary [id]` line per problem, for editors and scripts.
    case tool
    /// GitHub Actions workflow commands (`::error file=…`), so problems show on a pull request's lines.
    case github
    /// A versioned JSON document (`docs/diagnostics.md` describes it).
    case json
    /// SARIF 2.1.0, for code-scanning dashboards.
    case sarif

    /// Renders diagnostics (already in print order) in this format; `explains` tells the human format which
    /// IDs `cse explain` knows.
    public func render(
        _ diagnostics: [Diagnostic],
        sources: @escaping SourceProvider,
        fileCount: Int,
        toolVersion: String,
        explains: @escaping @Sendable (DiagnosticID) -> Bool = { _ in false }
    ) -> String {
        switch self {
        case .human: HumanDiagnosticFormatter(sources: sources, explains: explains).render(diagnostics, fileCount: fileCount)
        case .tool: diagnostics.map(ToolDiagnosticFormatter.line).joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n")
        case .github: GitHubDiagnosticFormatter(sources: sources).render(diagnostics)
        case .json:
            JSONWriter().string(
                JSONDiagnosticFormatter.document(diagnostics, fileCount: fileCount, toolVersion: toolVersion))
        case .sarif: JSONWriter().string(SARIFDiagnosticFormatter(sources: sources).document(diagnostics, toolVersion: toolVersion))
        }
    }
}

/// Counts of diagnostics by severity, and the sentence that reports them.
public struct DiagnosticSummary: Sendable, Hashable {
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public init(_ diagnostics: [Diagnostic]) {
        for d in diagnostics {
            // A line that closes a truncated list stands for the diagnostics it counts.
            let count = d.omittedCount > 0 ? d.omittedCount : 1
            switch d.severity {
            case .error: errors += count
            case .warning: warnings += count
            case .note: notes += count
            }
        }
    }

    /// `2 errors and 1 warning in 240 files`, or `no problems in 240 files`.
    public func sentence(fileCount: Int) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let files = plural(fileCount, "file")
        switch (errors, warnings) {
        case (0, 0): return "no problems in \(files)"
        case (_, 0): return "\(plural(errors, "error")) in \(files)"
        case (0, _): return "\(plural(warnings, "warning")) in \(files)"
        default: return "\(plural(errors, "error")) and \(plural(warnings, "warning")) in \(files)"
        }
    }
}
