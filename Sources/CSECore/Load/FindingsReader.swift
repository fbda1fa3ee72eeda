public import CSEDiagnostics
import CSEYAML
import Foundation

/// Reads findings files: JSON or YAML in the CSE finding format (an array of findings or `{findings: [...]}`),
/// or any other file as a plain list of signal IDs, one per line (`#` comments and blank lines skipped).
public enum FindingsReader {
    public static func read(_ bytes: [UInt8], path: String, schemas: SchemaCatalog, registry: Registry) -> ([Finding], [Diagnostic]) {
        let lower = path.lowercased()
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        if lower.hasSuffix(".json") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            let (node, found) = DocumentLoader.load(bytes, path: path, format: DocumentFormat(path: path))
            diagnostics += found
            guard let node, !found.containsErrors else { return ([], diagnostics) }
            let schemaDiagnostics = schemas.validate(node, schema: "finding-set.schema.json", file: path)
            diagnostics += schemaDiagnostics
            if schemaDiagnostics.containsErrors { return ([], diagnostics) }
            for entry in node.array ?? node["findings"]?.array ?? [] {
                guard let id = entry["id"]?.string, let signal = entry["signal"]?["id"]?.string, let status = entry["status"]?.string
                else { continue }
                findings.append(
                    Finding(
                        id: id, signal: signal, status: status,
                        severity: entry["severity_override"]?.string ?? entry["severity"]?["level"]?.string,
                        range: SourceRange(file: path, span: entry["signal"]?["id"]?.span ?? entry.span)))
            }
        } else {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return ([], [Diagnostic(.inputInvalidUTF8, range: .file(path), summary: "'\(path)' is not valid UTF-8", hint: "save the file as UTF-8")])
            }
            var offset = 0
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                defer { offset += line.utf8.count + 1 }
                let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { continue }
                let leading = content.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
                let start = SourceLocation(line: i + 1, column: leading + 1, offset: offset + leading)
                let end = SourceLocation(line: i + 1, column: leading + 1 + trimmed.utf8.count, offset: offset + leading + trimmed.utf8.count)
                findings.append(
                    Finding(
                        id: "line-\(i + 1)", signal: trimmed, status: "open", severity: nil,
                        range: SourceRange(file: path, span: SourceSpan(start: start, end: end))))
            }
        }
        let known = SuggestionIndex(registry.signals.map(\.id))
        for f in findings where registry.signal(f.signal) == nil {
            let suggestion = known.closest(to: f.signal)
            diagnostics.append(
                Diagnostic(
                    .gapUnknownSignal, range: f.range,
                    summary: "signal '\(f.signal)' does not exist" + Suggestions.didYouMean(suggestion),
                    hint: "a finding must name a signal of this registry; check for a typo or a newer registry version"))
        }
        var seen: [String: Finding] = [:]
        for f in findings {
            if let first = seen[f.id], !f.id.hasPrefix("line-") {
                diagnostics.append(
                    Diagnostic(
                        .gapDuplicateFinding, range: f.range, summary: "finding '\(f.id)' is listed twice",
                        hint: "finding IDs must be unique within a file", notes: [.init(range: first.range, message: "first listed here")]))
            } else {
                seen[f.id] = f
            }
        }
        diagnostics.sort(by: Diagnostic.printOrder)
        return (findings, diagnostics)
    }
}
