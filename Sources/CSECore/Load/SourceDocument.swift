public import CSEDiagnostics
public import CSEYAML

/// One input file after reading and parsing.
///
/// The file, the tree and the schema verdict live in one shared, immutable object: the loader reads
/// documents out of its arrays many times over (30,000 at 10,000 signals), and each copy is then two
/// reference counts (that object and the text) instead of one per string and node.
public struct SourceDocument: Sendable {
    private final class Fields: Sendable {
        let file: InputFile
        let node: Node?
        let schemaValid: Bool
        let markdown: String?

        init(file: InputFile, node: Node?, schemaValid: Bool, markdown: String?) {
            self.file = file
            self.node = node
            self.schemaValid = schemaValid
            self.markdown = markdown
        }
    }

    private let fields: Fields
    /// The file's text; the loader drops the text of documents no diagnostic points into.
    public var text: SourceText

    public init(file: InputFile, text: SourceText, node: Node?, schemaValid: Bool, markdown: String? = nil) {
        fields = Fields(file: file, node: node, schemaValid: schemaValid, markdown: markdown)
        self.text = text
    }

    public var file: InputFile { fields.file }
    /// The parsed tree, for YAML and JSON inputs that could be read.
    public var node: Node? { fields.node }
    /// True when the tree satisfied its schema (model building trusts the types of such documents).
    public var schemaValid: Bool { fields.schemaValid }
    /// The text of a markdown input (a signal's README), decoded where the file was read, on all cores.
    public var markdown: String? { fields.markdown }

    public var path: String { file.path }

    /// The same document with the schema's verdict.
    func marking(schemaValid: Bool) -> SourceDocument {
        var copy = SourceDocument(file: file, text: text, node: node, schemaValid: schemaValid, markdown: markdown)
        copy.text = text
        return copy
    }
}
