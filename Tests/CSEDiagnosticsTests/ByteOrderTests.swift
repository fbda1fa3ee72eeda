import CSEDiagnostics
import Testing

@Suite struct ByteOrderTests {
    /// `utf8Precedes` is the byte order of the UTF-8 forms: checked against the generic definition on every
    /// pair, including prefixes, the empty string, non-ASCII text and a decomposed accent (where Swift's
    /// own `<`, which compares canonically, may disagree with the bytes).
    @Test func agreesWithByteOrderOnEveryPair() {
        let strings = [
            "", "a", "A", "ab", "a/b", "a-b", "a.b", "signals/index.json", "signals/page/2.json", "signals/page/10.json",
            "§164.312(a)", "é", "e\u{301}", "z", "Z", "日本", "a\u{0}", "AC-2(1)", "AC-2",
        ]
        for a in strings {
            for b in strings {
                #expect(a.utf8Precedes(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
        #expect(!"e\u{301}".utf8Precedes("e\u{301}"))
        #expect("e\u{301}".utf8Precedes("é"))
    }
}
