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
        if abs(x) < 1e25, abs(y) > 1e-25,
           let dx = Decimal(string: decimalText(value)), let dy = Decimal(string: decimalText(divisor)),
           !dx.isNaN, !dy.isNaN, dy != 0 {
            var quotient = dx / dy
            var rounded = Decimal()
            NSDecimalRound(&rounded, &quotient, 0, .plain)
            return rounded == quotient
        }
        let quotient = x / y
        guard quotient.isFinite else { return false }
        return quotient == quotient.rounded()
    }

    private static func decimalText(_ n: Number) -> String {
        switch n {
        case .int(let i): String(i)
        case .double(let d): "\(d)"
        }
    }
}
