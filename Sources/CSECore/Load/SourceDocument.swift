public import CSEDiagnostics
public import CSEYAML

/// One input file after reading and parsing.
public struct SourceDocument: Sendable {
    public var file: InputFile
    public var text: SourceText
    /// The parsed tree, for YAML and JSON inputs that could be read.
    public var node: Node?
    /// True when the tree satisfied its schema (model building trusts the types of such documents).
    public var schemaValid: Bool

    public var path: String { file.path }
}
