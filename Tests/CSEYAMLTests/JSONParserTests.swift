import CSEDiagnostics
import Testing

@testable import CSEYAML

/// The strict, position-keeping JSON reader.
struct JSONParserTests {
    @Test func readsEveryKindOfValue() throws {
        let text = #"{"a": [1, 2.5, -3e2, true, false, null, "x\u00e9\ud83d\ude00\n\"\\\/"], "b": {}, "c": [], "d": -0}"#
        let (node, diagnostics) = load(text, format: .json)
        #expect(diagnostics.isEmpty)
        let expected = Node(
            .object([
                Member(
                    key: "a",
                    value: Node(
                        .array([
                            Node(.number(.int(1))), Node(.number(.double(2.5))), Node(.number(.double(-300))),
                            Node(.bool(true)), Node(.bool(false)), Node(.null), Node(.string("xé😀\n\"\\/")),
                        ]))),
                Member(key: "b", value: Node(.object([]))),
                Member(key: "c", value: Node(.array([]))),
                Member(key: "d", value: Node(.number(.int(0)))),
            ]))
        #expect(try #require(node).jsonEquals(expected))
        #expect(node?["a"]?.array?[0].number == .int(1))
    }

    @Test func keepsLargeIntegersAsDoubles() throws {
        let (node, _) = load("[12345678901234567890, 9223372036854775807, -9223372036854775808]", format: .json)
        let items = try #require(node?.array)
        #expect(
            items.map(\.value) == [
                .number(.double(1.2345678901234567e19)), .number(.int(.max)), .number(.int(.min)),
            ])
    }

    @Test func readsLoneSurrogatesAsReplacementCharacter() throws {
        let (node, diagnostics) = load(#"["\ud800", "\udc00x", "\ud800\u0041"]"#, format: .json)
        #expect(diagnostics.isEmpty)
        #expect(try #require(node?.array).map(\.string) == ["\u{FFFD}", "\u{FFFD}x", "\u{FFFD}A"])
    }

    @Test func keepsPositionsInBytes() throws {
        let (node, _) = load("{\n  \"名\": 1,\n  \"k\": [true]\n}", format: .json)
        let members = try #require(node?.members)
        #expect(members[0].keySpan.start.brief == "2:3@4")
        #expect(members[0].value.span.start.brief == "2:10@11")
        #expect(members[1].keySpan.start.brief == "3:3@16")
        #expect(members[1].value.span.start.brief == "3:8@21")
        #expect(members[1].value.span.end.brief == "3:14@27")
        #expect(node?.span.end.brief == "4:2@29")
    }

    @Test func skipsByteOrderMark() throws {
        let (node, diagnostics) = load("\u{FEFF}{\"a\": 1}", format: .json)
        #expect(diagnostics.isEmpty)
        #expect(try #require(node?.members).first?.keySpan.start.brief == "1:2@4")
    }

    static let syntaxErrors: [(String, String, String)] = [
        (#"{"a": 1,}"#, "1:9", "expected a string key, found '}'"),
        ("[1 2]", "1:4", "expected ',' or ']', found '2'"),
        (#"{"a" 1}"#, "1:6", "expected ':' after the key, found '1'"),
        (#"{"a": 1"#, "1:8", "expected ',' or '}', found end of input"),
        ("[01]", "1:3", "expected '.', 'e' or the end of the number after a leading '0', found '1'"),
        ("[1.]", "1:4", "expected a digit after '.', found ']'"),
        ("[-x]", "1:3", "expected a digit after '-', found 'x'"),
        ("[1e+]", "1:5", "expected a digit in the exponent, found ']'"),
        (#"{"a": tru}"#, "1:7", "expected a value, found 'tru'"),
        ("[True]", "1:2", "expected a value, found 'True'"),
        ("[NaN]", "1:2", "expected a value, found 'NaN'"),
        ("[+1]", "1:2", "expected a value, found '+'"),
        ("['a']", "1:2", "expected a value, found \"'\""),
        (#""abc"#, "1:5", "expected '\"' to close the string, found end of input"),
        ("\"a\nb\"", "1:3", "expected '\"' to close the string, found a line break; control characters must be escaped"),
        (#""\x""#, "1:3", "expected an escape character ('\"', '\\', '/', 'b', 'f', 'n', 'r', 't' or 'u'), found 'x'"),
        (#""\u12G4""#, "1:6", "expected 4 hex digits after '\\u', found 'G'"),
        ("[1] 2", "1:5", "expected end of input after the value, found '2'"),
        ("", "1:1", "expected a value, found end of input"),
        ("  \n", "2:1", "expected a value, found end of input"),
        ("{\"a\":1}\n{\"b\":2}", "2:1", "expected end of input after the value, found '{'"),
        ("[é]", "1:2", "expected a value, found 'é'"),
        ("{\"é\": 1 x}", "1:10", "expected ',' or '}', found 'x'"),
    ]

    @Test(arguments: syntaxErrors)
    func reportsSyntaxErrorsAtExactByte(text: String, location: String, summary: String) throws {
        let (node, diagnostics) = load(text, format: .json)
        #expect(node == nil)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.id == "json.syntax")
        #expect(d.range?.start.description == location)
        #expect(d.summary == summary)
    }

    @Test func reportsDuplicateKeyWithNote() throws {
        let (node, diagnostics) = load(#"{"a": 1, "a": 2}"#, format: .json)
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["json.duplicate-key 1:10"])
        #expect(diagnostics.first?.notes.first?.range?.start.description == "1:2")
    }

    @Test func reportsTooDeepNesting() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let (node, diagnostics) = load(text, format: .json)
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["json.too-deep 1:513"])
        let ok = String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(load(ok, format: .json).1.isEmpty)
    }

    @Test func readsTheSameTreeAsYAML() throws {
        let json = #"{"name": "x", "list": [1, 2.5, true, null, {"k": "v"}]}"#
        let yaml = "name: x\nlist:\n  - 1\n  - 2.5\n  - true\n  - null\n  - k: v\n"
        let a = try #require(load(json, format: .json).0)
        let b = try #require(load(yaml).0)
        #expect(a.jsonEquals(b))
    }
}
