/// Finds signal IDs (`CSE-<DOMAIN>-<CATEGORY>-<NAME…>-<NNN>`) written in text.
///
/// The same rule the README checks use: `CSE-` not preceded by a letter, digit or `-`, followed by upper-case
/// letters, digits and `-`, with trailing `-` dropped, at least five parts and a last part of three or more digits.
public enum SignalIDScanner {
    /// Byte ranges (in the text's UTF-8) and the IDs found there.
    public static func matches(in text: String) -> [(range: Range<Int>, id: String)] {
        let b = Array(text.utf8)
        var out: [(Range<Int>, String)] = []
        func isIDByte(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D }
        var i = 0
        while i + 4 <= b.count {
            if b[i] == 0x43, b[i + 1] == 0x53, b[i + 2] == 0x45, b[i + 3] == 0x2D,
                i == 0 || !(isIDByte(b[i - 1]) || (b[i - 1] >= 0x61 && b[i - 1] <= 0x7A))
            {
                var j = i
                while j < b.count, isIDByte(b[j]) { j += 1 }
                var end = j
                while end > i, b[end - 1] == 0x2D { end -= 1 }
                if isID(b[i..<end]) { out.append((i..<end, String(decoding: b[i..<end], as: UTF8.self))) }
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    /// Whether the whole string is one signal ID.
    public static func isSignalID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.starts(with: Array("CSE-".utf8)), b.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
            return false
        }
        return isID(b[...])
    }

    private static func isID(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: 0x2D, omittingEmptySubsequences: false)
        guard parts.count >= 5, !parts.contains(where: \.isEmpty), let last = parts.last else { return false }
        return last.count >= 3 && last.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
