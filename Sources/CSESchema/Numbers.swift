import CSEYAML
import Foundation

/// Numeric comparisons and `multipleOf` without binary floating-point surprises.
enum Numbers {
    /// -1, 0 or 1.
    static func compare(_ a: Number, _ b: Number) -> Int {
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        let x = a.doubleValue, y = b.doubleValue
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// Whether `value / divisor` is an integer, computed in decimal for decimal literals
    /// (so `0.0075` is a multiple of `0.0001`).
    static func isMultiple(_ value: Number, of divisor: Number) -> Bool {
        if case .int(let x) = value, case .int(let y) = divisor {
            return y != 0 && x % y == 0
        }
        let x = value.doubleValue, y = divisor.doubleValue
        guard y != 0, x.isFinite, y.isFinite else { return false }
        if let a = scaledDecimal(value), let b = scaledDecimal(divisor), let exact = divides(a, b) {
            return exact
        }
        if abs(x) < 1e25, abs(y) > 1e-25,
            let dx = Decimal(string: decimalText(value)), let dy = Decimal(string: decimalText(divisor)),
            !dx.isNaN, !dy.isNaN, dy != 0
        {
            var quotient = dx / dy
            var rounded = Decimal()
            NSDecimalRound(&rounded, &quotient, 0, .plain)
            return rounded == quotient
        }
        let quotient = x / y
        guard quotient.isFinite else { return false }
        return quotient == quotient.rounded()
    }

    /// The number as `significand × 10^exponent` from its shortest decimal spelling, when the
    /// significand fits in an `Int`.
    private static func scaledDecimal(_ n: Number) -> (significand: Int, exponent: Int)? {
        if case .int(let i) = n { return (i, 0) }
        var significand = 0, exponent = 0, negative = false, afterPoint = false
        var utf8 = decimalText(n).utf8[...]
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        while let c = utf8.first {
            if c == UInt8(ascii: ".") {
                afterPoint = true
            } else if c >= 48 && c <= 57 {
                let (m, o1) = significand.multipliedReportingOverflow(by: 10)
                let (sum, o2) = m.addingReportingOverflow(Int(c - 48))
                if o1 || o2 { return nil }
                significand = sum
                if afterPoint { exponent -= 1 }
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard let e = Int(String(decoding: utf8.dropFirst(), as: UTF8.self)) else { return nil }
                exponent += e
                break
            } else {
                return nil
            }
            utf8 = utf8.dropFirst()
        }
        return (negative ? -significand : significand, exponent)
    }

    /// Whether a·10^p is a multiple of b·10^q, or nil when the arithmetic would overflow.
    private static func divides(_ x: (significand: Int, exponent: Int), _ y: (significand: Int, exponent: Int)) -> Bool? {
        guard y.significand != 0 else { return nil }
        var a = x.significand, b = y.significand
        var shift = x.exponent - y.exponent
        guard abs(shift) <= 36 else { return nil }
        while shift > 0 {
            let (m, o) = a.multipliedReportingOverflow(by: 10)
            if o { return nil }
            a = m
            shift -= 1
        }
        while shift < 0 {
            let (m, o) = b.multipliedReportingOverflow(by: 10)
            if o { return nil }
            b = m
            shift += 1
        }
        return a % b == 0
    }

    private static func decimalText(_ n: Number) -> String {
        switch n {
        case .int(let i): String(i)
        case .double(let d): "\(d)"
        }
    }
}
