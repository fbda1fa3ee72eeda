import CSEDiagnostics
import Testing

/// `JSONStream` must give exactly `JSONWriter`'s bytes in either style: the API and the manifest write their
/// many documents or entries through the stream and the rest through the writer, and consumers see one format.
@Suite struct JSONStreamTests {
    /// Writes `value` through the stream's calls, member by member.
    static func stream(_ value: JSONValue, into out: inout JSONStream) {
        switch value {
        case .null: out.null()
        case .bool(let b): out.bool(b)
        case .int(let i): out.int(i)
        case .double(let d): out.double(d)
        case .string(let s): out.string(s)
        case .array(let items):
            out.beginArray()
            for item in items { stream(item, into: &out) }
            out.endArray()
        case .object(let members):
            out.beginObject()
            for (key, member) in members {
                out.key(key)
                stream(member, into: &out)
            }
            out.endObject()
        }
    }

    static let compact = JSONWriter(style: .compact)

    static let samples: [JSONValue] = [
        .null, true, 0, -7, 1_234_567_890_123, .double(0.85), .double(1.0), .double(-0.5), .double(.nan), "",
        "quote \" backslash \\ newline \n tab \t control \u{01} é ✓",
        [], [[], .object([])], .object([]),
        .object([("a", 1), ("b", [1, 2, .null]), ("c", .object([("d", "e"), ("f", [.object([])])]))]),
        .object([("key with \"quotes\"", .object([("", [true, false])]))]),
        [.object([("x", [[1], [2, [3]]])]), "tail"],
    ]

    @Test(arguments: samples) func matchesTheCompactWriter(_ value: JSONValue) {
        var out = JSONStream()
        Self.stream(value, into: &out)
        #expect(out.bytes == Self.compact.bytes(value))
        var whole = JSONStream()
        whole.value(value)
        #expect(whole.bytes == Self.compact.bytes(value))
    }

    @Test(arguments: samples) func matchesThePrettyWriter(_ value: JSONValue) {
        let pretty = JSONWriter(style: .pretty)
        var out = JSONStream(style: .pretty)
        Self.stream(value, into: &out)
        #expect(String(decoding: out.finish(), as: UTF8.self) == pretty.string(value))
        // A tree written inside a streamed container is indented at its depth.
        var nested = JSONStream(style: .pretty)
        nested.beginObject()
        nested.key("outer")
        nested.beginArray()
        nested.value(value)
        nested.endArray()
        nested.endObject()
        #expect(String(decoding: nested.finish(), as: UTF8.self) == pretty.string(.object([("outer", [value])])))
    }

    @Test func objectHelperWritesOneCompactObject() {
        let bytes = JSONStream.object { out in
            out.member("id", "X")
            out.member("n", 2)
        }
        #expect(bytes == Self.compact.bytes(.object([("id", "X"), ("n", 2)])))
        #expect(JSONStream.object { _ in } == Array("{}".utf8))
    }

    @Test func membersRawPartsAndDroppedMembers() {
        var out = JSONStream()
        out.beginObject()
        out.member("id", "A-1")
        out.member("parent", nil as String?)
        out.optionalMember("section", nil)
        out.optionalMember("authority", "NIST")
        out.member("count", 3)
        out.member("withdrawn", false)
        out.member("tags", ["x", "y\"z"])
        out.member("levels", [1, -2])
        out.member("groups", [Int]())
        out.key("items")
        out.beginArray()
        out.raw(Self.compact.bytes(.object([("n", 1)])))
        out.raw(Self.compact.bytes(.object([("n", 2)])))
        out.endArray()
        out.key("next")
        out.string(nil as String?)
        out.endObject()
        let expected = JSONValue.object([
            ("id", "A-1"), ("parent", .null), ("authority", "NIST"), ("count", 3), ("withdrawn", false), ("tags", ["x", "y\"z"]), ("levels", [1, -2]),
            ("groups", []),
            ("items", [.object([("n", 1)]), .object([("n", 2)])]), ("next", .null),
        ])
        #expect(out.bytes == Self.compact.bytes(expected))
    }
}
