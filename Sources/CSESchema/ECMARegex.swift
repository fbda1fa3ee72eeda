import Foundation

/// A `pattern` compiled once, with ECMA-262 meaning translated to ICU (NSRegularExpression).
///
/// Translations: `\d`/`\D` → ASCII digits, `\w`/`\W`/`\b`-classes → ASCII word characters, `\s` adds
/// U+FEFF, unescaped `$` outside a class → `\z` (end of input only; ICU's `$` also matches
/// before a final newline), `\cX` kept, `\p{…}` passed through (ICU understands the ECMA property names
/// and `Script=`/`General_Category=` forms). Deviations that remain: ICU accepts some syntax ECMA
/// rejects (possessive quantifiers, `\Q…\E`, nested classes), and ECMA's `\b` stays ICU's Unicode word
/// boundary. Patterns match anywhere in the string (not anchored), as the specification says.
///
/// A class, so that copying a `pattern` keyword during evaluation costs one reference count.
final class ECMARegex: @unchecked Sendable {
    struct CompileError: Error { var reason: String }

    let source: String
    // NSRegularExpression is immutable after creation and documented as safe to use from many threads.
    private let expression: NSRegularExpression
    /// For pure literals (no metacharacters) a substring test is enough.
    private let literal: String?
    /// The same pattern for ASCII text, without ICU, when it stays within ``ASCIIRegex``'s subset.
    private let ascii: ASCIIRegex?

    init(_ source: String) throws(CompileError) {
        self.source = source
        let translated = Self.translate(source)
        do {
            expression = try NSRegularExpression(pattern: translated, options: [])
        } catch {
            throw CompileError(reason: "not a valid regular expression")
        }
        let metacharacters = Set("\\^$.|?*+()[]{}")
        literal = source.contains(where: { metacharacters.contains($0) }) ? nil : source
        ascii = ASCIIRegex(source)
    }

    /// Whether a pattern matches, or that the engine could not tell.
    enum Verdict {
        case match, noMatch
        /// The engine stopped on a limit of its own (ICU's backtracking stack): the answer is unknown.
        case undecided
    }

    func matches(_ text: String) -> Bool { verdict(text) == .match }

    func verdict(_ text: String) -> Verdict {
        if let literal { return literal.isEmpty || text.contains(literal) ? .match : .noMatch }
        if let ascii {
            let result: Bool? =
                text.utf8.withContiguousStorageIfAvailable { bytes in
                    var nonASCII: UInt8 = 0
                    for b in bytes { nonASCII |= b }
                    return nonASCII < 0x80 ? ascii.matches(bytes) : nil
                } ?? nil
            if let result { return result ? .match : .noMatch }
        }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        var found = false, failed = false
        expression.enumerateMatches(in: text, options: [.reportCompletion], range: range) { match, flags, stop in
            if match != nil {
                found = true
                stop.pointee = true
            }
            if flags.contains(.internalError) { failed = true }
        }
        return found ? .match : failed ? .undecided : .noMatch
    }

    static func translate(_ source: String) -> String {
        var out = ""
        var inClass = false
        var iterator = Array(source.unicodeScalars)[...]
        while let c = iterator.popFirst() {
            switch c {
            case "\\":
                guard let next = iterator.popFirst() else {
                    out += "\\\\"
                    continue
                }
                switch next {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += inClass ? "\\x00-/:-\\x{10FFFF}" : "[^0-9]"
                case "w": out += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
                case "W": out += inClass ? "\\x00-/:-@\\[-^`{-\\x{10FFFF}" : "[^A-Za-z0-9_]"
                case "s": out += inClass ? "\\s\\x{FEFF}" : "[\\s\\x{FEFF}]"
                case "S": out += inClass ? "\\S" : "[^\\s\\x{FEFF}]"
                default:
                    out.unicodeScalars.append("\\")
                    out.unicodeScalars.append(next)
                }
            case "[" where !inClass:
                var negated = false
                if iterator.first == "^" {
                    negated = true
                    iterator.removeFirst()
                }
                if iterator.first == "]" {
                    // ECMA `[]` matches nothing and `[^]` matches any character.
                    iterator.removeFirst()
                    out += negated ? "(?s:.)" : "(?!)"
                    continue
                }
                inClass = true
                out += negated ? "[^" : "["
            case "]" where inClass:
                inClass = false
                out += "]"
            case "[" where inClass:
                out += "\\["
            case "$" where !inClass:
                out += "\\z"
            default:
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
