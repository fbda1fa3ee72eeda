/// Renders diagnostics as a SARIF 2.1.0 log for code-scanning dashboards.
///
/// SARIF has no UTF-8 column kind, so columns are converted to Unicode scalars (`unicodeCodePoints`).
public struct SARIFDiagnosticFormatter: Sendable {
    public var sources: SourceProvider

    public init(sources: @escaping SourceProvider) { self.sources = sources }

    public func document(_ diagnostics: [Diagnostic], toolVersion: String) -> JSONValue {
        let ruleIDs = Array(Set(diagnostics.map(\.id))).sorted()
        let rules: [JSONValue] = ruleIDs.map { id in
            .object([("id", .string(id.rawValue)), ("helpUri", .string("https://cse-registry.org/docs/diagnostics#\(id.rawValue)"))])
        }
        let run: JSONValue = .object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", "cse"), ("version", .string(toolVersion)),
                            ("informationUri", "https://cse-registry.org/"), ("rules", .array(rules)),
                        ])
                    )
                ])
            ),
            ("columnKind", "unicodeCodePoints"),
            ("results", .array(diagnostics.map { result($0, ruleIndex: ruleIDs.firstIndex(of: $0.id) ?? 0) })),
        ])
        return .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            ("runs", .array([run])),
        ])
    }

    private func result(_ d: Diagnostic, ruleIndex: Int) -> JSONValue {
        let level =
            switch d.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "note"
            }
        var text = d.summary
        if let hint = d.hint { text += " (hint: \(hint))" }
        var members: [(String, JSONValue?)] = [
            ("ruleId", .string(d.id.rawValue)), ("ruleIndex", .int(ruleIndex)), ("level", .string(level)),
            ("message", .object([("text", .string(text))])),
        ]
        if let r = d.range {
            members.append(("locations", .array([location(r)])))
        }
        if !d.notes.isEmpty {
            members.append(
                (
                    "relatedLocations",
                    .array(
                        d.notes.enumerated().compactMap { i, note in
                            guard let r = note.range else { return nil }
                            return .object([("id", .int(i)), ("message", .object([("text", .string(note.message))]))] + location(r).objectMembers)
                        })
                ))
        }
        return .object(dropping: members)
    }

    private func location(_ r: SourceRange) -> JSONValue {
        let text = sources(r.file)
        let startColumn = text?.scalarColumn(line: r.span.start.line, byteColumn: r.span.start.column) ?? r.span.start.column
        var region: [(String, JSONValue)] = [("startLine", .int(r.span.start.line)), ("startColumn", .int(startColumn))]
        if r.span.end.offset > r.span.start.offset {
            let endColumn = text?.scalarColumn(line: r.span.end.line, byteColumn: r.span.end.column) ?? r.span.end.column
            region += [("endLine", .int(r.span.end.line)), ("endColumn", .int(endColumn))]
        }
        return .object([
            (
                "physicalLocation",
                .object([("artifactLocation", .object([("uri", .string(r.file))])), ("region", .object(region))])
            )
        ])
    }
}

extension JSONValue {
    fileprivate var objectMembers: [(String, JSONValue)] {
        if case .object(let m) = self { return m }
        return []
    }
}
