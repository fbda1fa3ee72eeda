public import CSEDiagnostics

/// The syntax a document is written in.
public enum DocumentFormat: Sendable, Hashable {
    case yaml
    case json

    /// The format implied by a file name's extension (`.json` is JSON, everything else YAML).
    public init(path: String) {
        self = path.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

/// Reads YAML or JSON bytes into a `Node` tree, reporting every problem as a diagnostic.
public enum DocumentLoader {
    /// Files larger than this are rejected before parsing (a signal is a few kilobytes; 8 MiB leaves room
    /// for large control catalogs while bounding what a hostile pull request can make us allocate).
    public static let defaultMaximumSize = 8 * 1024 * 1024

    /// Parses one document.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - path: the path diagnostics name.
    ///   - format: the syntax; YAML is also a superset of JSON, but JSON files get the strict JSON reader.
    /// - Returns: the root node (nil when the document could not be read) and the diagnostics found.
    public static func load(
        _ bytes: [UInt8],
        path: String,
        format: DocumentFormat,
        maximumSize: Int = defaultMaximumSize
    ) -> (Node?, [Diagnostic]) {
        fatalError("implemented by the YAML/JSON loader work")
    }
}
