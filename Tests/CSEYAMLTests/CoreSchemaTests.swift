import Testing

@testable import CSEYAML

/// YAML 1.2 core schema typing of scalars.
struct CoreSchemaTests {
    static let plainScalars: [(String, Node.Value)] = [
        ("null", .null), ("Null", .null), ("NULL", .null), ("~", .null), ("", .null),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("0", .number(.int(0))), ("-17", .number(.int(-17))), ("+5", .number(.int(5))), ("007", .number(.int(7))),
        ("0o17", .number(.int(15))), ("0x1F", .number(.int(31))), ("0xff", .number(.int(255))),
        ("9223372036854775807", .number(.int(Int.max))), ("-9223372036854775808", .number(.int(Int.min))),
        ("9223372036854775808", .number(.double(9_223_372_036_854_775_808))),
        ("0x10000000000000000", .number(.double(18_446_744_073_709_551_616))),
        ("1.5", .number(.double(1.5))), ("-1.5e3", .number(.double(-1500))), (".5", .number(.double(0.5))),
        ("1.", .number(.double(1))), ("1e3", .number(.double(1000))), ("+1E-2", .number(.double(0.01))),
        (".inf", .number(.double(.infinity))), ("-.Inf", .number(.double(-.infinity))), ("+.INF", .number(.double(.infinity))),
        // YAML 1.1 spellings and look-alikes stay strings.
        ("no", .string("no")), ("yes", .string("yes")), ("on", .string("on")), ("off", .string("off")),
        ("y", .string("y")), ("n", .string("n")), ("1.0.0", .string("1.0.0")), ("2024-01-15", .string("2024-01-15")),
        ("0x", .string("0x")), ("0o8", .string("0o8")), ("1_000", .string("1_000")), ("0b101", .string("0b101")),
        ("nULL", .string("nULL")), ("truE", .string("truE")), (".", .string(".")), ("-a", .string("-a")),
        ("+", .string("+")), ("1e", .string("1e")), ("e3", .string("e3")), ("12:30", .string("12:30")),
        ("+0x10", .string("+0x10")), ("-.nan", .string("-.nan")), ("名前", .string("名前")),
    ]

    @Test(arguments: plainScalars)
    func typesPlainScalarsWithTheCoreSchema(text: String, expected: Node.Value) throws {
        let (node, diagnostics) = load("v: \(text)\n")
        #expect(diagnostics.isEmpty)
        let value = try #require(node?["v"])
        #expect(value.value == expected, "'\(text)'")
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func readsNotANumber(text: String) throws {
        let (node, _) = load("v: \(text)")
        let number = try #require(node?["v"]?.number)
        #expect(number.doubleValue.isNaN)
    }

    static let nonPlainScalars: [(String, Node.Value)] = [
        ("\"123\"", .string("123")), ("'true'", .string("true")), ("''", .string("")), ("\"null\"", .string("null")),
        ("|\n  1\n", .string("1\n")), (">-\n  true\n", .string("true")),
        ("!!str 123", .string("123")), ("!!int \"12\"", .number(.int(12))), ("!!int 0x10", .number(.int(16))),
        ("!!float 1", .number(.double(1))), ("!!float '2.5'", .number(.double(2.5))),
        ("!!bool \"true\"", .bool(true)), ("!!null ''", .null), ("! 12", .string("12")), ("! true", .string("true")),
        ("!custom 12", .number(.int(12))), ("!custom '12'", .string("12")),
    ]

    @Test(arguments: nonPlainScalars)
    func typesQuotedBlockAndTaggedScalars(text: String, expected: Node.Value) throws {
        let (node, diagnostics) = load("v: \(text)")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let value = try #require(node?["v"])
        #expect(value.value == expected, "'\(text)'")
    }

    @Test(arguments: ["!!int abc", "!!bool yes", "!!null 0", "!!float x", "!!map 1", "!!str [1]"])
    func reportsTagMismatch(text: String) {
        let (node, diagnostics) = load("v: \(text)")
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["yaml.tag-mismatch 1:4"])
    }

    @Test func keepsScalarKeysAsWritten() throws {
        let (node, diagnostics) = load("1: a\ntrue: b\n0x10: c\n\"q\": d\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(node?.members).map(\.key) == ["1", "true", "0x10", "q"])
    }

    @Test func readsSequencesAndMappings() throws {
        let (node, diagnostics) = load("a:\n  - 1\n  - [x, {y: null}]\nb: {}\nc: []\n")
        #expect(diagnostics.isEmpty)
        let expected = Node(
            .object([
                Member(
                    key: "a",
                    value: Node(
                        .array([
                            Node(.number(.int(1))),
                            Node(.array([Node(.string("x")), Node(.object([Member(key: "y", value: Node(.null))]))])),
                        ]))),
                Member(key: "b", value: Node(.object([]))),
                Member(key: "c", value: Node(.array([]))),
            ]))
        #expect(try #require(node).jsonEquals(expected))
    }
}
