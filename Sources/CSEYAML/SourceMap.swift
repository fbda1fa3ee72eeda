import CSEDiagnostics

/// Byte-level facts about one UTF-8 file: where its lines start and where its multi-byte scalars are.
///
/// Built in a single pass that also validates the UTF-8, so the loaders can turn any byte offset (JSON) or
/// Unicode scalar index (libyaml marks) into a `SourceLocation` in O(log n) without per-character
/// `String` work.
///
/// Line breaks are `\n`, `\r\n` and a lone `\r`, as editors count them; a CR is never a column of its own
/// line. A UTF-8 byte order mark is skipped: offsets still count from the true file start, but the first
/// line starts after the mark, so columns on line 1 match what an editor shows.
struct SourceMap {
    /// Byte offset of the first byte after a leading BOM (0 or 3).
    let contentStart: Int
    /// Byte offset at which each line starts; `lineStarts[0] == contentStart`.
    private(set) var lineStarts: [Int]
    /// Scalar index (counted from `contentStart`) of every multi-byte scalar, ascending.
    private var multiByteScalars: [Int] = []
    /// For each entry of `multiByteScalars`, the extra bytes (beyond one per scalar) up to and including it.
    private var extraBytes: [Int] = []

    /// The result of scanning a file.
    enum ScanResult {
        case valid(SourceMap)
        /// The bytes are not UTF-8; the location is that of the first bad byte.
        case invalidUTF8(SourceLocation)
    }

    private init(contentStart: Int) {
        self.contentStart = contentStart
        self.lineStarts = [contentStart]
    }

    /// Validates `bytes` as UTF-8 and records line starts; when `trackScalars` is set it also records the
    /// multi-byte scalars so that scalar indices can be mapped to byte offsets.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, trackScalars: Bool) -> ScanResult {
        let count = bytes.count
        let hasBOM = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var map = SourceMap(contentStart: hasBOM ? 3 : 0)
        var i = map.contentStart
        var scalarIndex = 0
        var extra = 0
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A {
                    map.lineStarts.append(i + 1)
                } else if b == 0x0D, i + 1 >= count || bytes[i + 1] != 0x0A {
                    map.lineStarts.append(i + 1)
                }
                i += 1
                scalarIndex += 1
                continue
            }
            let width = sequenceWidth(bytes, at: i)
            if width == 0 { return .invalidUTF8(map.location(ofByte: i)) }
            if trackScalars {
                extra += width - 1
                map.multiByteScalars.append(scalarIndex)
                map.extraBytes.append(extra)
            }
            i += width
            scalarIndex += 1
        }
        return .valid(map)
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (a non-ASCII lead byte), or 0 when it
    /// is ill-formed (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    private static func sequenceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = bytes[i]
        let count = bytes.count
        func continuation(_ j: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            j < count && bytes[j] >= low && bytes[j] <= high
        }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(i + 1) ? 2 : 0
        case 0xE0:
            return continuation(i + 1, 0xA0) && continuation(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(i + 1) && continuation(i + 2) ? 3 : 0
        case 0xED:
            return continuation(i + 1, 0x80, 0x9F) && continuation(i + 2) ? 3 : 0
        case 0xF0:
            return continuation(i + 1, 0x90) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        case 0xF4:
            return continuation(i + 1, 0x80, 0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        default:
            return 0
        }
    }

    /// The location of a byte offset (which may equal the file length).
    func location(ofByte offset: Int) -> SourceLocation {
        // The last line start that is <= offset.
        var low = 0, high = lineStarts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid }
        }
        let start = lineStarts[low]
        return SourceLocation(line: low + 1, column: max(offset - start, 0) + 1, offset: offset)
    }

    /// ``location(ofByte:)`` for offsets that mostly grow: `hint` is the line index of the previous call,
    /// so the common case (same or next line) needs no search.
    func location(ofByte offset: Int, hint: inout Int) -> SourceLocation {
        let count = lineStarts.count
        var line = hint
        if line < count, lineStarts[line] <= offset {
            if line + 1 < count, lineStarts[line + 1] <= offset {
                line += 1
                if line + 1 < count, lineStarts[line + 1] <= offset {
                    let found = location(ofByte: offset)
                    hint = found.line - 1
                    return found
                }
            }
        } else {
            let found = location(ofByte: offset)
            hint = found.line - 1
            return found
        }
        hint = line
        return SourceLocation(line: line + 1, column: max(offset - lineStarts[line], 0) + 1, offset: offset)
    }

    /// The byte offset of the scalar with index `scalarIndex`, counted from `contentStart` as libyaml does.
    func byteOffset(ofScalar scalarIndex: Int) -> Int {
        // Extra bytes of all multi-byte scalars strictly before `scalarIndex`.
        var low = 0, high = multiByteScalars.count
        while low < high {
            let mid = (low + high) / 2
            if multiByteScalars[mid] < scalarIndex { low = mid + 1 } else { high = mid }
        }
        let extra = low == 0 ? 0 : extraBytes[low - 1]
        return contentStart + scalarIndex + extra
    }

    /// The location of the scalar with index `scalarIndex`.
    func location(ofScalar scalarIndex: Int) -> SourceLocation {
        location(ofByte: byteOffset(ofScalar: scalarIndex))
    }
}
