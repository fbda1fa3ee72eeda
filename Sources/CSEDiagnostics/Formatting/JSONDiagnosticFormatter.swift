/// The versioned JSON diagnostics document (`format_version` 1).
public enum JSONDiagnosticFormatter {
    public static let formatVersion = 1

    public static func document(_ diagnostics: [Diagnostic], fileCount: Int, toolVersion: String) -> JSONValue {
        let summary = DiagnosticSummary(diagnostics)
        return .object([
            ("format_version", .int(formatVersion)),
            ("tool", .object([("name", "cse"), ("version", .string(toolVersion))])),
            (
                "summary",
                .object([
                    ("files", .int(fileCount)), ("errors", .int(summary.errors)), ("warnings", .int(summary.warnings)),
                    ("notes", .int(summary.notes)),
                ])
            ),
            ("diagnostics", .array(diagnostics.map(entry))),
        ])
    }

    static func location(_ r: SourceRange?) -> [(String, JSONValue?)] {
        guard let r else { return [("file", nil)] }
        return [
            ("file", .string(r.file)), ("line", .int(r.span.start.line)), ("column", .int(r.span.start.column)),
            ("end_line", .int(r.span.end.line)), ("end_column", .int(r.span.end.column)),
        ]
    }

    static func entry(_ d: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue?)] = [("id", .string(d.id.rawValue)), ("severity", .string(d.severity.description))]
        members += location(d.range)
        members += [
            ("message", .string(d.summary)),
            ("hint", d.hint.map(JSONValue.string)),
            ("instance_pointer", d.instancePointer.map(JSONValue.string)),
            ("schema_path", d.schemaPath.map(JSONValue.string)),
            ("notes", d.notes.isEmpty ? nil : .array(d.notes.map { .object(dropping: [("message", .string($0.message))] + location($0.range)) })),
            // On the line that closes a list truncated per file and ID: how many diagnostics it stands for.
            ("omitted_count", d.omittedCount > 0 ? .int(d.omittedCount) : nil),
        ]
        return .object(dropping: members)
    }
}
