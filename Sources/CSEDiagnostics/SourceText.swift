/// The text of one source file with a line table, for snippets and column conversions.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset at which each line starts (line 1 is index 0).
    public let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where buffer[i] == 0x0A { starts.append(i + 1) }
        }
        self.lineStarts = starts
    }

    /// The text of a 1-based line without its line end (LF or CRLF), or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, end <= bytes.count, end - 1 >= start, bytes[end - 1] == 0x0D { end -= 1 }
        guard start <= end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The byte range of a 1-based line without its line end (LF or CRLF), or nil past the end.
    public func lineRange(_ number: Int) -> Range<Int>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, end <= bytes.count, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The number of Unicode scalars that start in a byte range (UTF-8 continuation bytes start none).
    public func scalarCount(_ range: Range<Int>) -> Int {
        var count = 0
        for i in range where (bytes[i] & 0xC0) != 0x80 { count += 1 }
        return count
    }

    /// The first scalar boundary at or after `offset`, within `range`.
    func scalarBoundary(atOrAfter offset: Int, in range: Range<Int>) -> Int {
        var i = offset
        while i < range.upperBound, (bytes[i] & 0xC0) == 0x80 { i += 1 }
        return i
    }

    /// The offset `count` scalars after `offset` (at a boundary), stopping at the end of `range`.
    func advance(_ offset: Int, byScalars count: Int, in range: Range<Int>) -> Int {
        var i = offset, left = count
        while i < range.upperBound {
            if (bytes[i] & 0xC0) != 0x80 {
                if left == 0 { return i }
                left -= 1
            }
            i += 1
        }
        return range.upperBound
    }

    /// Converts a 1-based UTF-8 byte column on a line to a 1-based Unicode scalar column.
    public func scalarColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return byteColumn }
        let start = lineStarts[line - 1]
        let end = min(bytes.count, start + max(0, byteColumn - 1))
        guard start <= end else { return byteColumn }
        // Count bytes that start a scalar (not UTF-8 continuation bytes 10xxxxxx).
        return bytes[start..<end].reduce(1) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
    }
}

/// Supplies the text of a file named in a diagnostic, when it is available.
public typealias SourceProvider = @Sendable (String) -> SourceText?
