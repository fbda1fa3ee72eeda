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

    /// Class 9 of issue 16: a problem on a 1.2 MB one-line file printed the whole line and a 1 MB caret
    /// line. Long lines are cut to a window around the range, marked with `…` where text was left out.
    @Test func longLinesAreCutToAWindowAroundTheRange() {
        let line = "{\"a\": \"" + String(repeating: "x", count: 600_000) + "\", \"bad\": \"é\", \"z\": \"" + String(repeating: "y", count: 600_000) + "\"}"
        let text = SourceText(bytes: Array(line.utf8))
        let column = 600_000 + 10  // the key "bad"
        let start = SourceLocation(line: 1, column: column + 1, offset: column)
        let end = SourceLocation(line: 1, column: column + 6, offset: column + 5)
        let d = Diagnostic(id: "test.x", range: SourceRange(file: "f.json", span: SourceSpan(start: start, end: end)), summary: "bad key")
        let out = HumanDiagnosticFormatter(sources: { _ in text }).render(d)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.count < 200 }, "\(lines.map(\.count))")
        let shown = String(lines[3]), caret = String(lines[4])
        #expect(shown.hasPrefix(" 1 | …xxx") && shown.hasSuffix("yyy…"))
        #expect(shown.contains("\"bad\": \"é\""))
        // The carets stand under the key, counted in characters of the window.
        let prefix = " 1 | ", caretPrefix = "   | "
        let shownBody = Array(shown.dropFirst(prefix.count)), caretBody = Array(caret.dropFirst(caretPrefix.count))
        let firstCaret = caretBody.firstIndex(of: "^")!
        #expect(String(shownBody[firstCaret..<(firstCaret + 5)]) == "\"bad\"")
        #expect(caretBody.filter { $0 == "^" }.count == 5)
    }

    /// A short line is shown whole, as before.
    @Test func shortLinesAreShownWhole() {
        let text = SourceText(bytes: Array("key: value\n".utf8))
        let d = Diagnostic(
            id: "test.x",
            range: SourceRange(file: "f.yaml", span: SourceSpan(start: .init(line: 1, column: 6, offset: 5), end: .init(line: 1, column: 11, offset: 10))),
            summary: "s")
        #expect(HumanDiagnosticFormatter(sources: { _ in text }).render(d).contains(" 1 | key: value\n   |      ^^^^^\n"))
    }

    /// The per-file, per-ID bound keeps the first ones and counts the rest, idempotently.
    @Test func limiterKeepsTheFirstAndCountsTheRest() {
        let many =
            (1...250).map { i in
                Diagnostic(
                    id: "schema.x",
                    range: SourceRange(
                        file: "a.yaml", span: SourceSpan(start: .init(line: i, column: 1, offset: 0), end: .init(line: i, column: 2, offset: 1))),
                    summary: "s\(i)")
            } + [Diagnostic(id: "schema.y", range: .file("a.yaml"), summary: "other"), Diagnostic(id: "schema.x", range: .file("b.yaml"), summary: "b")]
        let limited = DiagnosticLimiter.limit(many.sorted(by: Diagnostic.printOrder), perFileAndID: 100)
        #expect(limited.count == 100 + 1 + 1 + 1)
        let closing = limited.filter { $0.omittedCount > 0 }
        #expect(closing.map(\.summary) == ["and 150 more schema.x errors in this file"])
        #expect(closing.first?.range?.span.start.line == 101)
        #expect(DiagnosticLimiter.limit(limited, perFileAndID: 100) == limited)
        #expect(DiagnosticSummary(limited).errors == 252)
        #expect(
            DiagnosticLimiter.limit(limited, perFileAndID: 50).filter { $0.omittedCount > 0 }.map(\.summary) == ["and 200 more schema.x errors in this file"])
    }

    @Test func summarySentence() {
        let w = Diagnostic(id: "a.b", severity: .warning, range: nil, summary: "w")
        let e = Diagnostic(id: "a.b", range: nil, summary: "e")
        #expect(DiagnosticSummary([]).sentence(fileCount: 1) == "no problems in 1 file")
        #expect(DiagnosticSummary([e, e, w]).sentence(fileCount: 3) == "2 errors and 1 warning in 3 files")
    }
}
