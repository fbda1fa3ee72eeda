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
    /// Deepest nesting of sequences and mappings (arrays and objects) a document may have. Every later stage
    /// that walks a tree (schema evaluation, equality, writers) is sized to handle this depth.
    public static let maximumDepth = 512

    /// Parses one document.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - path: the path diagnostics name.
    ///   - format: the syntax; YAML is also a superset of JSON, but JSON files get the strict JSON reader.
    /// - Returns: the root node and the diagnostics found. The node is nil when any error was found (so that
    ///   later stages never see a half-read tree) and when a YAML file holds no document at all (empty or
    ///   comments only), which is not an error here.
    ///
    /// Never traps: every problem with the input, however malformed, is a diagnostic.
    public static func load(
        _ bytes: [UInt8],
        path: String,
        format: DocumentFormat,
        maximumSize: Int = defaultMaximumSize
    ) -> (Node?, [Diagnostic]) {
        if bytes.count > maximumSize {
            return (
                nil,
                [
                    .error(
                        .inputTooLarge, path, .fileStart,
                        "file is \(bytes.count) bytes, more than the maximum of \(maximumSize)",
                        hint: "split the file or raise the size limit"
                    )
                ]
            )
        }
        return bytes.withUnsafeBufferPointer { buffer in
            // Validates UTF-8 and records line starts; a leading BOM is skipped here (positions still
            // count from the true file start, but line 1's columns start after the BOM).
            let map: SourceMap
            switch SourceMap.scan(buffer, trackScalars: format == .yaml) {
            case .valid(let m):
                map = m
            case .invalidUTF8(let location):
                return (
                    nil,
                    [
                        .error(
                            .inputInvalidUTF8, path, SourceSpan(start: location, end: location),
                            "file is not valid UTF-8: byte 0x\(hex(buffer[location.offset])) cannot appear here",
                            hint: "save the file as UTF-8"
                        )
                    ]
                )
            }
            switch format {
            case .json:
                var parser = JSONParser(bytes: buffer, map: map, path: path)
                return parser.parse()
            case .yaml:
                // A file with no document (empty, or only comments) gives no node and no diagnostic:
                // the caller decides whether that is acceptable.
                var parser = YAMLParser(bytes: buffer, map: map, path: path)
                return parser.parse()
            }
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
