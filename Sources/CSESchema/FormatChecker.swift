/// The `format` values this validator can assert (when ``SchemaOptions/assertFormats`` is on).
/// Unknown formats always pass, as the specification requires.
enum FormatChecker {
    static func isValid(_ text: String, format: String) -> Bool {
        switch format {
        case "date": isDate(Array(text.utf8)[...])
        case "time": isTime(Array(text.utf8)[...])
        case "date-time": isDateTime(text)
        case "uri": isURI(text, requireScheme: true)
        case "uri-reference": isURI(text, requireScheme: false)
        case "email": isEmail(text)
        case "uuid": isUUID(text)
        default: true
        }
    }

    static func describe(_ format: String) -> String {
        switch format {
        case "date": "date"
        case "time": "time"
        case "date-time": "date-time"
        case "uri": "URI"
        case "uri-reference": "URI reference"
        case "email": "email address"
        case "uuid": "UUID"
        default: format
        }
    }

    static func hint(_ format: String) -> String? {
        switch format {
        case "date": "write a calendar date as YYYY-MM-DD, for example 2024-03-01"
        case "time": "write a time as HH:MM:SS with an offset, for example 12:00:00Z"
        case "date-time": "write an RFC 3339 date-time, for example 2024-03-01T12:00:00Z"
        case "uri": "write an absolute URI with a scheme, for example https://example.org/page"
        case "email": "write an address such as name@example.org"
        default: nil
        }
    }

    // MARK: - RFC 3339

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return bytes.isEmpty ? nil : value
    }

    /// `full-date`: YYYY-MM-DD with a day that exists in that month.
    static func isDate(_ s: ArraySlice<UInt8>) -> Bool {
        let s = Array(s)
        guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
            let year = digits(s[0..<4]), let month = digits(s[5..<7]), let day = digits(s[8..<10]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// `full-time`: HH:MM:SS[.frac](Z|±HH:MM); a leap second only at 23:59:60 UTC.
    static func isTime(_ s: ArraySlice<UInt8>) -> Bool {
        let s = Array(s)
        guard s.count >= 9, s[2] == UInt8(ascii: ":"), s[5] == UInt8(ascii: ":"),
            let hour = digits(s[0..<2]), let minute = digits(s[3..<5]), let second = digits(s[6..<8]),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var i = 8
        if s[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
            if i == start { return false }
        }
        guard i < s.count else { return false }
        var offsetMinutes = 0
        switch s[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == s.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard s.count - i == 6, s[i + 3] == UInt8(ascii: ":"),
                let oh = digits(s[(i + 1)..<(i + 3)]), let om = digits(s[(i + 4)..<(i + 6)]),
                oh <= 23, om <= 59
            else { return false }
            offsetMinutes = (oh * 60 + om) * (s[i] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func isDateTime(_ text: String) -> Bool {
        let s = Array(text.utf8)
        guard s.count > 11, s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: "t") else { return false }
        return isDate(s[0..<10]) && isTime(s[11...])
    }

    // MARK: - RFC 3986

    /// `uriCharacters[b]` is true for the bytes RFC 3986 allows anywhere in a URI reference.
    private static let uriCharacters: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".utf8 {
            table[Int(c)] = true
        }
        return table
    }()

    static func isURI(_ text: String, requireScheme: Bool) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ isURI($0, requireScheme: requireScheme) }) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer { isURI($0, requireScheme: requireScheme) }
    }

    /// The same checks on bytes: the components are found as ``URIReference`` splits them (RFC 3986
    /// appendix B), without building strings. Every allowed byte is ASCII, so bytes are characters.
    static func isURI(_ bytes: UnsafeBufferPointer<UInt8>, requireScheme: Bool) -> Bool {
        let n = bytes.count
        var i = 0
        var hash = n
        while i < n {
            let c = bytes[i]
            guard uriCharacters[Int(c)] else { return false }
            if c == UInt8(ascii: "%") {
                guard i + 2 < n, isHex(bytes[i + 1]), isHex(bytes[i + 2]) else { return false }
                i += 2
            } else if c == UInt8(ascii: "#") {
                // A second '#' in the fragment.
                if hash < n { return false }
                hash = i
            }
            i += 1
        }
        // Up to the query or fragment.
        var end = hash
        for k in 0..<hash where bytes[k] == UInt8(ascii: "?") {
            end = k
            break
        }
        var start = 0
        var colon = -1
        for k in 0..<end {
            let c = bytes[k]
            if c == UInt8(ascii: "/") { break }
            if c == UInt8(ascii: ":") {
                colon = k
                break
            }
        }
        if colon > 0 {
            guard isAlpha(bytes[0]) else { return false }
            for k in 1..<colon {
                let c = bytes[k]
                guard isAlpha(c) || (48...57).contains(c) || c == 43 || c == 45 || c == 46 else { return false }
            }
            start = colon + 1
        } else if requireScheme {
            return false
        }
        if end - start >= 2, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") {
            // Authority: brackets only around an IP literal host; at most one '@'.
            var authorityEnd = start + 2
            while authorityEnd < end, bytes[authorityEnd] != UInt8(ascii: "/") { authorityEnd += 1 }
            var hostStart = start + 2
            var ats = 0
            for k in (start + 2)..<authorityEnd where bytes[k] == UInt8(ascii: "@") {
                ats += 1
                hostStart = k + 1
            }
            if ats > 1 { return false }
            var bracket = false, closing = false
            for k in hostStart..<authorityEnd {
                if bytes[k] == UInt8(ascii: "[") { bracket = true }
                if bytes[k] == UInt8(ascii: "]") {
                    bracket = true
                    closing = true
                }
            }
            if bracket {
                guard hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "["), closing else { return false }
            }
        } else {
            for k in start..<end where bytes[k] == UInt8(ascii: "[") || bytes[k] == UInt8(ascii: "]") {
                return false
            }
        }
        return true
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b)
    }

    private static func isAlpha(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }

    // MARK: - RFC 5321 (simplified)

    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at], domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, local.utf8.count <= 64 else { return false }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
        } else {
            let atext = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~.")
            guard local.allSatisfy({ atext.contains($0) }), !local.hasPrefix("."), !local.hasSuffix("."),
                !local.contains("..")
            else { return false }
        }
        if domain.hasPrefix("[") { return domain.hasSuffix("]") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard b == UInt8(ascii: "-") else { return false }
            } else if !isHex(b) {
                return false
            }
        }
        return true
    }
}
