/// A position in a source file.
///
/// Lines and columns are 1-based. Columns count UTF-8 bytes from the start of the line, the unit
/// that editors, GitHub annotations and SARIF (`columnKind: utf8CodeUnits` is not defined, so we
/// document bytes) can all agree on; `offset` is the 0-based UTF-8 byte offset into the file.
///
/// Stored as 32-bit numbers (inputs are limited to a few MiB) because every key and value of every parsed
/// document carries two of these: at 10,000 signals that halves the memory the node trees take.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var storedLine: UInt32
    private var storedColumn: UInt32
    private var storedOffset: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = UInt32(clamping: newValue) }
    }

    public init(line: Int, column: Int, offset: Int) {
        self.storedLine = UInt32(clamping: line)
        self.storedColumn = UInt32(clamping: column)
        self.storedOffset = UInt32(clamping: offset)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }

    /// The start of a file.
    public static let start = SourceLocation(line: 1, column: 1, offset: 0)
}

/// A half-open span `[start, end)` within one file.
public struct SourceSpan: Hashable, Sendable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty span at the start of a file, for whole-file problems.
    public static let fileStart = SourceSpan(start: .start, end: .start)
}

/// A span in a named file.
public struct SourceRange: Hashable, Sendable {
    /// The file's path as the user should see it (relative to the root being validated where possible).
    public var file: String
    public var span: SourceSpan

    public init(file: String, span: SourceSpan) {
        self.file = file
        self.span = span
    }

    /// A range that names a file without a position inside it.
    public static func file(_ path: String) -> SourceRange {
        SourceRange(file: path, span: .fileStart)
    }

    public var start: SourceLocation { span.start }
}
