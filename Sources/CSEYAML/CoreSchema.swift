/// The YAML 1.2 core schema (spec §10.3.2): how plain scalars are typed, working on UTF-8 bytes.
///
/// Only the core forms are recognised, so YAML 1.1 spellings (`yes`, `no`, `on`, `off`, `y`), versions
/// (`1.0.0`) and dates (`2024-01-15`) stay strings.
enum CoreSchema {
    /// The value of an untagged plain scalar.
    static func resolvePlain(_ text: UnsafeBufferPointer<UInt8>) -> Node.Value {
        guard let first = text.first else { return .null }
        // Fast path: most plain scalars in a registry are words, which no core form starts with.
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"):
            break
        default:
            return .string(String(decoding: text, as: UTF8.self))
        }
        if isNull(text) { return .null }
        if let b = bool(text) { return .bool(b) }
        if let n = int(text) { return .number(n) }
        if let d = float(text) { return .number(.double(d)) }
        return .string(String(decoding: text, as: UTF8.self))
    }

    /// True for `null`, `Null`, `NULL`, `~` and the empty scalar.
    static func isNull(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.isEmpty || matches(text, "~") || matches(text, "null") || matches(text, "Null") || matches(text, "NULL")
    }

    /// The value of `true|True|TRUE|false|False|FALSE`.
    static func bool(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        if matches(text, "true") || matches(text, "True") || matches(text, "TRUE") { return true }
        if matches(text, "false") || matches(text, "False") || matches(text, "FALSE") { return false }
        return nil
    }

    /// The value of `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; a `.double` when it overflows `Int`.
    static func int(_ text: UnsafeBufferPointer<UInt8>) -> Number? {
        let n = text.count
        guard n > 0 else { return nil }
        if n > 2, text[0] == UInt8(ascii: "0"), text[1] == UInt8(ascii: "o") || text[1] == UInt8(ascii: "x") {
            let radix = text[1] == UInt8(ascii: "o") ? 8 : 16
            var value = 0
            var approximate = 0.0
            var overflow = false
            for i in 2..<n {
                guard let digit = digitValue(text[i], radix: radix) else { return nil }
                approximate = approximate * Double(radix) + Double(digit)
                if !overflow {
                    let (m, o1) = value.multipliedReportingOverflow(by: radix)
                    let (s, o2) = m.addingReportingOverflow(digit)
                    if o1 || o2 { overflow = true } else { value = s }
                }
            }
            return overflow ? .double(approximate) : .int(value)
        }
        var i = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        // Accumulate towards negative so that Int.min fits.
        var value = 0
        var overflow = false
        for j in i..<n {
            guard let digit = digitValue(text[j], radix: 10) else { return nil }
            if !overflow {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(digit)
                if o1 || o2 { overflow = true } else { value = s }
            }
        }
        if overflow { return Double(String(decoding: text, as: UTF8.self)).map(Number.double) }
        if negative { return .int(value) }
        if value == Int.min { return .double(-Double(Int.min)) }
        return .int(-value)
    }

    /// The value of `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)` or
    /// `\.(nan|NaN|NAN)`.
    static func float(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = text.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            i = 1
        }
        let rest = UnsafeBufferPointer(rebasing: text[i...])
        if matches(rest, ".inf") || matches(rest, ".Inf") || matches(rest, ".INF") {
            return negative ? -.infinity : .infinity
        }
        if i == 0, matches(rest, ".nan") || matches(rest, ".NaN") || matches(rest, ".NAN") { return .nan }
        func isDigit(_ j: Int) -> Bool { j < n && text[j] >= UInt8(ascii: "0") && text[j] <= UInt8(ascii: "9") }
        var integerDigits = 0
        while isDigit(i) { i += 1; integerDigits += 1 }
        var fractionDigits = 0
        if i < n, text[i] == UInt8(ascii: ".") {
            i += 1
            while isDigit(i) { i += 1; fractionDigits += 1 }
            // `.` needs digits after it when there are none before it.
            if integerDigits == 0 && fractionDigits == 0 { return nil }
        } else if integerDigits == 0 {
            return nil
        }
        if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") { i += 1 }
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        guard i == n else { return nil }
        // Swift's parser accepts every form the pattern allows (`1.`, `.5`, `+1e3`).
        return Double(String(decoding: text, as: UTF8.self))
    }

    private static func digitValue(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// True when `text` is exactly the ASCII `word`.
    private static func matches(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard text.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<text.count where text[i] != w[i] { return false }
        return true
    }
}
