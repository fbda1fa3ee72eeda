import CSEDiagnostics
import CSEYAML

/// Stage 2: reads one discovered file and parses it, bounded and confined (``BoundedFile``).
///
/// YAML and JSON become a position-keeping tree; a README stays text (checked to be UTF-8 and not nested
/// deeper than the renderer allows). A file that should define something and holds no document is an
/// error. Nothing here looks at what the tree means: that is stage 3 (``DocumentValidator``).
struct DocumentReader: Sendable {
    var fileSystem: any FileSystem
    var maximumSize: Int

    func read(_ file: InputFile) -> (SourceDocument?, [Diagnostic]) {
        var bytes: [UInt8]
        do {
            bytes = try fileSystem.contents(of: file.path, limit: maximumSize)
        } catch {
            return (nil, [InputDiagnostics.unreadable(file.path, error)])
        }
        // Every file's text stays in memory until the end of the run: keep it in an allocation of its own
        // size (a reader may return spare capacity, e.g. the room it grew to look for the end of file).
        if bytes.capacity - bytes.count > 64 {
            let exact = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: exact.count) { buffer, count in
                _ = buffer.initialize(fromContentsOf: exact)
                count = exact.count
            }
        }
        let text = SourceText(bytes: bytes)
        if file.kind == .releaseFile && file.path.hasSuffix("SHA256SUMS") {
            return (SourceDocument(file: file, text: text, node: nil, schemaValid: true), [])
        }
        if case .signalReadme = file.kind {
            guard let markdown = String(validating: bytes, as: UTF8.self) else {
                return (nil, [Diagnostic(.inputInvalidUTF8, range: .file(file.path), summary: "README.md is not valid UTF-8", hint: "save the file as UTF-8")])
            }
            if let deep = InputDiagnostics.markdownTooDeep(bytes, file: file.path) {
                return (SourceDocument(file: file, text: text, node: nil, schemaValid: false, markdown: markdown), [deep])
            }
            return (SourceDocument(file: file, text: text, node: nil, schemaValid: true, markdown: markdown), [])
        }
        var (node, diagnostics) = DocumentLoader.load(bytes, path: file.path, format: DocumentFormat(path: file.path), maximumSize: maximumSize)
        if node == nil, diagnostics.isEmpty {
            // Empty, or only comments: the signal, catalog or mapping this file should define would vanish.
            diagnostics.append(InputDiagnostics.noDocument(file.path))
        }
        return (SourceDocument(file: file, text: text, node: diagnostics.containsErrors && node == nil ? nil : node, schemaValid: false), diagnostics)
    }
}
