import CSEDiagnostics
import Foundation
import Testing

@testable import CSEYAML

/// Every YAML and input diagnostic, with its exact position.
struct YAMLDiagnosticTests {
    @Test func reportsSyntaxErrorWithLibyamlProblemAndContext() throws {
        let (node, diagnostics) = load("a: [1, 2\nb: 3\n")
        #expect(node == nil)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.id == "yaml.syntax")
        #expect(d.summary == "did not find expected ',' or ']' while parsing a flow sequence")
        #expect(d.range?.start.description == "2:2")
        #expect(d.notes.first?.range?.start.description == "1:4")
    }

    @Test func reportsSyntaxErrorAtByteColumn() throws {
        let (_, diagnostics) = load("é: x\nü: \"a\" b\n")
        #expect(diagnostics.map(\.brief) == ["yaml.syntax 2:9"])
    }

    @Test func reportsControlCharacterAsSyntaxError() {
        let (_, diagnostics) = load("a: 1\nb: \u{1}\n")
        #expect(diagnostics.map(\.brief) == ["yaml.syntax 2:4"])
    }

    /// libyaml 0.2.5 accepts these; YAML 1.2 does not (yaml-test-suite SU5Z, CVW2, 9JBA, MUS6/00, X4QW).
    @Test func reportsCommentNotSeparatedBySpace() throws {
        #expect(load("key: \"value\"# note\n").1.map(\.brief) == ["yaml.syntax 1:13"])
        #expect(load("a: [x, y,#note\n  ]\n").1.map(\.brief) == ["yaml.syntax 1:10"])
        #expect(load("a: [x]#note\n").1.map(\.brief) == ["yaml.syntax 1:7"])
        #expect(load("%YAML 1.2#x\n---\na: 1\n").1.map(\.brief) == ["yaml.syntax 1:10"])
        #expect(load("block: >-#note\n  text\n").1.map(\.brief) == ["yaml.syntax 1:10"])
        #expect(load("block: |2 # spaced\n   text\nother: !!str |\n  x\n").1.isEmpty)
        #expect(load("%YAML 1.2 # spaced\n%TAG !e! tag:example.com,2000:app/\n---\na: 1\n").1.isEmpty)
        let d = try #require(load("é: 'x'#n\n").1.first)
        #expect(d.summary == "a comment must be separated from what precedes it by a space")
        #expect(d.range?.start.description == "1:8")
    }

    @Test func keepsHashInsideValuesAndSpacedComments() throws {
        let (node, diagnostics) = load("# top\nurl: https://example.org/a#frag # spaced\nk#ey: \"#\"\t# tab\nlist: [a#b, c] #c\n")
        #expect(diagnostics.isEmpty)
        #expect(node?["url"]?.string == "https://example.org/a#frag")
        #expect(node?["k#ey"]?.string == "#")
        #expect(node?["list"]?.array?.first?.string == "a#b")
    }

    /// libyaml 0.2.5 accepts these; YAML 1.2 does not (yaml-test-suite 9C9N, QB6E, DK95/01, Y79Y/003).
    @Test func reportsContinuationLinesNotIndentedPastTheirParent() throws {
        #expect(load("flow: [a,\nb]\n").1.map(\.brief) == ["yaml.syntax 2:1"])
        #expect(load("quoted: \"a\nb\"\n").1.map(\.brief) == ["yaml.syntax 2:1"])
        #expect(load("foo: \"bar\n\tbaz\"\n").1.map(\.brief) == ["yaml.syntax 2:1"])
        let d = try #require(load("top:\n  list: [a,\n  b]\n").1.first)
        #expect(d.range?.start.description == "3:3")
        #expect(d.summary == "this line continues a value from line 2 but is not indented past its parent (column 3)")
        // Indented continuations, blank and comment lines, and top-level flow collections are fine.
        #expect(load("a: [x,\n  y,\n\t\n# note\n  z]\nb: \"p\n q\"\nc: plain\n continued\n").1.isEmpty)
        #expect(load("[a,\nb]\n").1.isEmpty)
    }

    @Test func reportsLonePlainDash() {
        #expect(load("- [-, a]\n").1.map(\.brief) == ["yaml.syntax 1:4"])
        #expect(load("a: [-]\n").1.map(\.brief) == ["yaml.syntax 1:5"])
        #expect(load("a: '-'\nb: -x\n").1.isEmpty)
    }

    @Test func reportsDuplicateKeyAtSecondKeyWithNote() throws {
        let (node, diagnostics) = load("a: 1\nb: 2\na: 3\n")
        #expect(node == nil)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.map(\.brief) == ["yaml.duplicate-key 3:1"])
        #expect(d.summary == "duplicate key 'a'")
        #expect(d.notes.map { $0.range?.start.description } == ["1:1"])
    }

    @Test func reportsDuplicateKeyInLargeMapping() {
        let text = (0..<40).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        let (_, diagnostics) = load(text)
        #expect(diagnostics.map(\.brief) == ["yaml.duplicate-key 41:1"])
        #expect(diagnostics.first?.notes.first?.range?.start.description == "8:1")
    }

    /// Open collections share one scratch stack per kind: a nested mapping's keys are not the outer
    /// mapping's, and the outer mapping still sees its own keys after the nested one closes.
    @Test func duplicateKeysAreFoundPerMappingAcrossNesting() throws {
        let (node, diagnostics) = load("a: 1\nb:\n  a: 2\n  c: [x, {a: 3, d: [y]}]\n  e: 4\nf: 5\n")
        #expect(diagnostics.isEmpty)
        let root = try #require(node)
        #expect(root.members?.map(\.key) == ["a", "b", "f"])
        #expect(root["b"]?.members?.map(\.key) == ["a", "c", "e"])
        #expect(root["b"]?["c"]?.array?.count == 2)
        #expect(root["b"]?["c"]?.array?[1].members?.map(\.key) == ["a", "d"])
        #expect(root["b"]?["c"]?.array?[1]["d"]?.array?.map(\.string) == ["y"])
        #expect(load("a: 1\nb: {a: 2, x: [1, 2]}\na: 3\n").1.map(\.brief) == ["yaml.duplicate-key 3:1"])
        #expect(load("a:\n  - {k: 1, k: 2}\n").1.map(\.brief) == ["yaml.duplicate-key 2:12"])
        // A large mapping nested in another one: its index holds only its own keys.
        let inner = (0..<20).map { "  k\($0): \($0)\n" }.joined()
        let (big, bigDiagnostics) = load("k1: outer\nm:\n" + inner + "k2: outer\n")
        #expect(bigDiagnostics.isEmpty)
        #expect(big?["m"]?.members?.count == 20)
        #expect(load("m:\n" + inner + "  k19: again\n").1.map(\.brief) == ["yaml.duplicate-key 22:3"])
    }

    @Test func reportsDuplicateKeysThatDifferOnlyInQuoting() {
        let (_, diagnostics) = load("1: a\n\"1\": b\n")
        #expect(diagnostics.map(\.brief) == ["yaml.duplicate-key 2:1"])
    }

    @Test func rejectsAnchorsAndAliasesWithoutExpandingThem() throws {
        let (node, diagnostics) = load("a: &x 1\nb: *x\n")
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["yaml.alias 1:4", "yaml.alias 2:4"])
        #expect(diagnostics[1].summary == "aliases are not supported: '*x'")
        #expect(diagnostics[1].notes.first?.range?.start.description == "1:4")
    }

    @Test func rejectsBillionLaughsQuickly() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<30 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let (node, diagnostics) = load(text)
        #expect(node == nil)
        #expect(diagnostics.allSatisfy { $0.id == "yaml.alias" })
    }

    @Test func reportsMultipleDocumentsAtTheSecondDocument() {
        let (node, diagnostics) = load("a: 1\n---\nb: 2\n")
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["yaml.multiple-documents 2:1"])
    }

    @Test func reportsCollectionKeys() {
        let (node, diagnostics) = load("? [a, b]\n: 1\nc: 2\n")
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["yaml.non-scalar-key 1:3"])
        #expect(load("{x: 1, {y: 2}: 3}").1.map(\.brief) == ["yaml.non-scalar-key 1:8"])
    }

    @Test func reportsTooDeepNesting() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let (node, diagnostics) = load(text)
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["yaml.too-deep 1:513"])
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(load(ok).1.isEmpty)
    }

    @Test(arguments: [
        ([0x61, 0x3A, 0x20, 0x31, 0x0A, 0x62, 0x3A, 0x20, 0xFF] as [UInt8], "2:4@8"),  // never valid
        ([0x61, 0x3A, 0x20, 0xC0, 0x80], "1:4@3"),  // overlong NUL
        ([0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80], "1:4@3"),  // encoded surrogate
        ([0x61, 0x3A, 0x20, 0xE2, 0x82], "1:4@3"),  // truncated at end of file
        ([0x61, 0x3A, 0x20, 0xF4, 0x90, 0x80, 0x80], "1:4@3"),  // above U+10FFFF
        ([0xC3, 0xA9, 0x0D, 0x0A, 0x80], "2:1@4"),  // stray continuation byte after CRLF
    ])
    func reportsInvalidUTF8AtFirstBadByte(bytes: [UInt8], location: String) {
        for format in [DocumentFormat.yaml, .json] {
            let (node, diagnostics) = load(bytes: bytes, format: format)
            #expect(node == nil)
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?.id == "input.invalid-utf8")
            #expect(diagnostics.first?.range?.start.brief == location)
        }
    }

    @Test func rejectsFilesOverMaximumSize() {
        let (node, diagnostics) = load("a: 1\n", maximumSize: 4)
        #expect(node == nil)
        #expect(diagnostics.map(\.brief) == ["input.too-large 1:1"])
        #expect(diagnostics.first?.summary == "file is 5 bytes, more than the maximum of 4")
        #expect(load("a: 1\n", maximumSize: 5).1.isEmpty)
    }

    /// Generated byte strings of YAML and JSON punctuation: loading never traps, a tree comes only with no
    /// errors, every failure has an error, every diagnostic points inside the file, and JSON the reader accepts
    /// Foundation's reader accepts too (ours is the stricter). The seed is printed on failure;
    /// `CSE_TEST_SEED=<n>` replays a run.
    @Test func arbitraryBytesLoadOrFailWithPositionedErrors() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["CSE_TEST_SEED"] ?? "") ?? 0xB17E5
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array("{}[]:,-?&*!|>'\"#%@` \n\t\r\\abc1.é".utf8)
        var trees = 0, failures = 0
        for round in 0..<1_000 {
            let bytes = (0..<(next() % 64)).map { _ in alphabet[next() % alphabet.count] }
            let context = "seed \(seed), round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)"
            for format in [DocumentFormat.yaml, .json] {
                let (node, diagnostics) = load(bytes: bytes, format: format)
                if node != nil {
                    trees += 1
                    #expect(!diagnostics.containsErrors, "\(format) \(context)")
                } else if diagnostics.containsErrors {
                    failures += 1
                } else {
                    // Only a YAML file with no document (empty, or comments and blank lines) has neither.
                    #expect(format == .yaml, "\(format) gave no tree and no error: \(context)")
                }
                for d in diagnostics {
                    let start = try #require(d.range?.span.start)
                    #expect(start.line >= 1 && start.column >= 1 && start.offset <= bytes.count, "\(format) \(d.id) at \(start.brief): \(context)")
                }
                if format == .json, node != nil {
                    #expect((try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil, "accepted JSON: \(context)")
                }
            }
        }
        #expect(trees > 50 && failures > 50, "the generator no longer reaches both outcomes (\(trees) trees, \(failures) failures)")
    }
}
