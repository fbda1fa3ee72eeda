import CSEDiagnostics
import Testing

@Suite struct JSONWriterTests {
    @Test func escapesOnlyWhatJSONRequires() {
        let value: JSONValue = .object([("a/b", .string("q\"\\\n\t\u{01}/é")), ("n", .double(0.85)), ("i", .double(2)), ("z", nil)])
        #expect(JSONWriter(style: .compact).string(value) == #"{"a/b":"q\"\\\n\t\u0001/é","n":0.85,"i":2,"z":null}"#)
    }

    @Test func prettyOutputIsStable() {
        let value: JSONValue = .sortedObject(["b": [1, 2], "a": .object([]), "c": []])
        #expect(JSONWriter().string(value) == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": []\n}\n")
    }

    /// Integers are written digit by digit, without `String(i)`; they must print exactly as it does.
    @Test(arguments: [0, 7, -7, 9, 10, -10, 99, 100, 123_456_789, -1_000_000, Int.max, Int.min, Int.min + 1])
    func integersPrintAsTheirDecimalForm(_ i: Int) {
        #expect(JSONWriter(style: .compact).string(.int(i)) == String(i))
        #expect(JSONWriter(style: .compact).string([.int(i), .int(i)]) == "[\(i),\(i)]")
    }

    /// Short (inline) and long (heap) strings, with escapes at the start, middle and end; and every length up
    /// to 40 with each kind of escape at every position, so that each place in and across the eight-byte words
    /// the scan tests is covered (including a byte just above an escape, and `\u{7F}`, which needs none).
    @Test func escapesStringsOfEveryLength() {
        var texts = ["", "\"", "a\"", "\\end", "short é", String(repeating: "x", count: 40) + "\n" + String(repeating: "é", count: 20) + "\u{1F}"]
        for length in 1...40 {
            for position in 0..<length {
                for special in ["\"", "\\", "\n", "\u{1F}", "\u{00}", "!", "]", "\u{7F}", "é"] {
                    texts.append(String(repeating: "a", count: position) + special + String(repeating: "b", count: length - position - 1))
                }
            }
        }
        for text in texts {
            var expected = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": expected += "\\\""
                case "\\": expected += "\\\\"
                case "\n": expected += "\\n"
                case "\u{1F}": expected += "\\u001f"
                case "\u{00}": expected += "\\u0000"
                default: expected.unicodeScalars.append(scalar)
                }
            }
            expected += "\""
            #expect(JSONWriter(style: .compact).string(.string(text)) == expected)
        }
    }
}

@Suite struct HumanFormatterTests {
    /// The caret sits under the value even when the line holds multi-byte characters before it.
    @Test func caretCountsCharactersNotBytes() {
        let text = SourceText(bytes: Array("名前: \"é\" bad\n".utf8))
        let start = SourceLocation(line: 1, column: 14, offset: 13)
        let end = SourceLocation(line: 1, column: 17, offset: 16)
        let d = Diagnostic(id: "test.x", range: SourceRange(file: "f.yaml", span: SourceSpan(start: start, end: end)), summary: "bad thing", hint: "fix it")
        let out = HumanDiagnosticFormatter(sources: { _ in text }).render(d)
        #expect(
            out == """
                error[test.x]: bad thing
                  --> f.yaml:1:14
                   |
                 1 | 名前: "é" bad
                   |         ^^^
                   = hint: fix it

                """)
        #expect(text.scalarColumn(line: 1, byteColumn: 14) == 9)
    }

    @Test func summarySentence() {
        let w = Diagnostic(id: "a.b", severity: .warning, range: nil, summary: "w")
        let e = Diagnostic(id: "a.b", range: nil, summary: "e")
        #expect(DiagnosticSummary([]).sentence(fileCount: 1) == "no problems in 1 file")
        #expect(DiagnosticSummary([e, e, w]).sentence(fileCount: 3) == "2 errors and 1 warning in 3 files")
    }
}
