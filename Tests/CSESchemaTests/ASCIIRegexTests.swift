import Foundation
import Testing

@testable import CSESchema

/// The ICU-free matcher must agree with the ICU translation on every pattern it accepts.
@Suite struct ASCIIRegexTests {
    static let patterns = [
        "^CSE-[A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+(?:-[A-Z0-9]+)*-[0-9]{3,}$", "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$",
        "^[a-z0-9]+(-[a-z0-9]+)*$", "^https://", "^[A-Z][A-Z0-9]*$", "a+b", "^a{2,3}$", "x{2}", "^(ab|cd)?e$", "[^a-c]",
        "\\d\\D\\w\\W", "^\\s*$", "a.c", "^.*$", "[\\d-]", "[a\\-z]", "^[-a]+$", "a|b|", "(a*)*b", "^(a|ab)(c|bcd)(d*)$",
        "^[\\]x]$", "\\.$", "^$", "a{0}", "(?:a?){3}b", "[.]", "\\/", "^\\t\\n$", "[^\\s]",
        // Outside the subset: must be rejected (ICU handles them).
        "(?=a)", "\\bword", "\\p{L}", "a{", "]", "\\1", "é", "a**", "[]", "[^]", "\\u0041", "(?<n>a)",
    ]
    static let texts = [
        "", "a", "ab", "abc", "aab", "aaa", "aaaa", "b", "e", "abe", "cde", "xx", "CSE-GEN-ACCESS-FOO-001",
        "CSE-GEN-ACCESS-001", "CSE-GEN-ACCESS-FOO-BAR-12345", "1.2.3", "01.2.3", "10.20.30", "data-protection",
        "Data", "-a-", "https://example.org", "http://x", "A", "AB9", "9A", "1a_ ", " \t", "\n", "a\nc", "a\rc",
        "abcd", "abbcd", "ab\n", "]", "x]", "-", "5", "\u{8}", ".", "/", "\t\n", "aaab", "bbb", "a.c",
    ]

    @Test func agreesWithICU() throws {
        for pattern in Self.patterns {
            let fast = ASCIIRegex(pattern)
            let icu = try? NSRegularExpression(pattern: ECMARegex.translate(pattern))
            guard let fast else { continue }
            let reference = try #require(icu, "ICU rejects \(pattern)")
            for text in Self.texts {
                let expected = reference.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                let got = Array(text.utf8).withUnsafeBufferPointer { fast.matches($0) }
                #expect(got == expected, "\(pattern) on \(text.debugDescription)")
            }
        }
    }

    @Test func rejectsUnsupportedSyntax() {
        for pattern in ["[\\b]", "(?=a)", "\\bword", "\\p{L}", "a{", "]", "\\1", "é", "a**", "[]", "[^]", "\\u0041", "(?<n>a)"] {
            #expect(ASCIIRegex(pattern) == nil, "\(pattern)")
        }
    }

    @Test func uriFormatOnBytes() {
        let cases: [(String, Bool, Bool)] = [
            ("https://example.org/a?b#c", true, true), ("//host/path", false, true), ("a:b", true, true),
            ("1a:b", false, false), ("http://[::1]/", true, true), ("http://a@b@c/", false, false),
            ("http://h]/", false, false), ("/p[", false, false), ("x#a#b", false, false), ("%zz", false, false),
            ("a b", false, false), ("rel/path", false, true), ("http://u@[v]:1/x[", true, true), ("", false, true),
        ]
        for (text, absolute, reference) in cases {
            #expect(FormatChecker.isURI(text, requireScheme: true) == absolute, "\(text)")
            #expect(FormatChecker.isURI(text, requireScheme: false) == reference, "\(text)")
        }
    }
}
