import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

/// Each target language's one escaper (`Escaping`): exact replacements, text without specials returned
/// as is, and round trips through a real reader where there is one.
@Suite struct EscapingTests {
    /// Seeded strings over an alphabet of every special character of every escaper, controls, line and
    /// paragraph separators, and non-ASCII text with combining marks.
    static func samples(_ count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let alphabet: [Unicode.Scalar] =
            Array("aZ09 &<>\"'\\|,:%\n\r\t/é".unicodeScalars)
            + ["\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}", "\u{301}", "\u{2028}", "\u{2029}", "\u{FEFF}", "😀"]
        return (0..<count).map { _ in
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &rng) { s.append(alphabet.randomElement(using: &rng)!) }
            return String(s)
        }
    }

    @Test func markupEscapesTheFourCharactersOfTextAndDoubleQuotedAttributes() {
        #expect(Escaping.markup(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'")
        #expect(Escaping.markup("plain café") == "plain café")
        // A quote followed by a combining mark is one Character but still ends an attribute.
        #expect(Escaping.markup("\"\u{301}<\u{301}") == "&quot;\u{301}&lt;\u{301}")
    }

    @Test func templateValuesAlsoEscapeTheApostrophe() {
        #expect(Escaping.templateValue(#"<a href='x'>"&"</a>"#) == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
        #expect(Escaping.templateValue("\"\u{301}") == "&quot;\u{301}")
    }

    @Test func jsonStringsRoundTrip() throws {
        for text in Self.samples(300, seed: 11) {
            let literal = Escaping.json(text)
            let (node, diagnostics) = DocumentLoader.load(Array(literal.utf8), path: "s.json", format: .json)
            #expect(diagnostics.isEmpty && node?.string == text, "\(text.debugDescription) → \(literal)")
        }
        #expect(Escaping.json("\u{1}\"\\\n") == #""\u0001\"\\\n""#)
    }

    @Test func yamlDoubleQuotedScalarsRoundTrip() throws {
        for text in Self.samples(300, seed: 13) {
            let quoted = Escaping.yamlDoubleQuoted(text)
            let (node, diagnostics) = DocumentLoader.load(Array("k: \(quoted)\n".utf8), path: "s.yaml", format: .yaml)
            #expect(!diagnostics.containsErrors && node?["k"]?.string == text, "\(text.debugDescription) → \(quoted)")
            #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" })
        }
        #expect(Escaping.yamlDoubleQuoted("a\"b\\\u{85}") == #""a\"b\\\u0085""#)
    }

    @Test func markdownInlineTextStaysOnOneLineAndKeepsItsPipes() {
        #expect(Escaping.markdownInline(#"a|b\c"#) == #"a\|b\\c"#)
        #expect(Escaping.markdownInline("line\r\nnext") == "line  next")
        for text in Self.samples(200, seed: 17) {
            let cell = Escaping.markdownInline(text)
            #expect(!cell.utf8.contains(0x0A) && !cell.utf8.contains(0x0D))
            // Every pipe in the cell is escaped: an unescaped one would split it.
            let bytes = Array(cell.utf8)
            var backslashes = 0
            for b in bytes {
                if b == UInt8(ascii: "|") { #expect(backslashes % 2 == 1, "\(cell.debugDescription)") }
                backslashes = b == UInt8(ascii: "\\") ? backslashes + 1 : 0
            }
        }
    }

    /// RFC 4180 fields, read back with a reader of the RFC's grammar.
    @Test func csvFieldsRoundTrip() {
        // Byte-wise, as CSV readers work: a quote followed by a combining mark is still a quote.
        func isQuoted(_ field: String) -> Bool {
            let b = Array(field.utf8)
            return b.count >= 2 && b.first == 0x22 && b.last == 0x22
        }
        func read(_ field: String) -> String {
            guard isQuoted(field) else { return field }
            let inner = Array(field.utf8.dropFirst().dropLast())
            var out: [UInt8] = [], i = 0
            while i < inner.count {
                out.append(inner[i])
                i += inner[i] == 0x22 && i + 1 < inner.count && inner[i + 1] == 0x22 ? 2 : 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        #expect(Escaping.csvField("plain") == "plain")
        #expect(Escaping.csvField("a,b") == "\"a,b\"")
        #expect(Escaping.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Escaping.csvField("crlf\r\n") == "\"crlf\r\n\"")
        for text in Self.samples(200, seed: 19) {
            let field = Escaping.csvField(text)
            #expect(read(field) == text, "\(text.debugDescription)")
            #expect(isQuoted(field) == (field != text))
            #expect((field != text) == text.utf8.contains { [0x2C, 0x22, 0x0A, 0x0D].contains($0) })
        }
    }

    @Test func workflowCommandsKeepTheirMessageOnOneLine() {
        #expect(Escaping.workflowCommandData("100%\r\nnext") == "100%25%0D%0Anext")
        #expect(Escaping.workflowCommandProperty("a:b,c%") == "a%3Ab%2Cc%25")
    }

    @Test func messageQuotesStayOnOneLineAndAreBounded() {
        #expect(Escaping.messageQuote("a\nb\tc", limit: 10) == #"'a\nb\tc'"#)
        #expect(Escaping.messageQuote("abcdef", limit: 6) == "'abcdef'")
        #expect(Escaping.messageQuote("abcdefg", limit: 6) == "'abcde…'")
        #expect(Escaping.messageQuote(String(repeating: "é", count: 1_000_000), limit: 80).unicodeScalars.count == 82)
    }
}
