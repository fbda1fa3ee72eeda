import CSEDiagnostics

@testable import CSEYAML

/// Loads `text` as a file named `test.yaml` (or `test.json`).
func load(_ text: String, format: DocumentFormat = .yaml, maximumSize: Int = DocumentLoader.defaultMaximumSize) -> (Node?, [Diagnostic]) {
    DocumentLoader.load(Array(text.utf8), path: format == .json ? "test.json" : "test.yaml", format: format, maximumSize: maximumSize)
}

/// Loads raw bytes as YAML.
func load(bytes: [UInt8], format: DocumentFormat = .yaml) -> (Node?, [Diagnostic]) {
    DocumentLoader.load(bytes, path: format == .json ? "test.json" : "test.yaml", format: format)
}

extension SourceLocation {
    /// `line:column@offset`, for compact expectations.
    var brief: String { "\(line):\(column)@\(offset)" }
}

extension Diagnostic {
    /// `id line:column`, for compact expectations.
    var brief: String { "\(id) \(range?.start.description ?? "-")" }
}
