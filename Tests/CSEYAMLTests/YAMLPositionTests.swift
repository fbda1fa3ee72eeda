import CSEDiagnostics
import Testing

@testable import CSEYAML

/// Positions are 1-based lines and 1-based UTF-8 byte columns, whatever libyaml counts.
struct YAMLPositionTests {
    @Test func reportsByteColumnsAfterMultibyteCharacters() throws {
        let (node, diagnostics) = load("名前: \"é\"\nkey: x\n")
        #expect(diagnostics.isEmpty)
        let members = try #require(node?.members)
        #expect(members[0].key == "名前")
        #expect(members[0].keySpan.start.brief == "1:1@0")
        #expect(members[0].keySpan.end.brief == "1:7@6")
        #expect(members[0].value.span.start.brief == "1:9@8")
        #expect(members[0].value.span.end.brief == "1:13@12")
        #expect(members[1].keySpan.start.brief == "2:1@13")
        #expect(members[1].value.span.start.brief == "2:6@18")
    }

    @Test func reportsByteColumnsInFlowCollections() throws {
        let (node, _) = load("{é: 1, k: 2}")
        let members = try #require(node?.members)
        #expect(members[1].keySpan.start.brief == "1:9@8")
        #expect(members[1].value.span.start.brief == "1:12@11")
        #expect(node?.span.end.brief == "1:14@13")
    }

    @Test func countsCRLFAsOneLineBreak() throws {
        let (node, diagnostics) = load("a: 1\r\nb: 2\r\n")
        #expect(diagnostics.isEmpty)
        let members = try #require(node?.members)
        #expect(members[1].keySpan.start.brief == "2:1@6")
        #expect(members[1].value.span.start.brief == "2:4@9")
    }

    @Test func skipsByteOrderMark() throws {
        let (node, diagnostics) = load("\u{FEFF}a: 1\nb: x")
        #expect(diagnostics.isEmpty)
        let members = try #require(node?.members)
        // Offsets count from the true file start; line 1's columns start after the BOM.
        #expect(members[0].keySpan.start.brief == "1:1@3")
        #expect(members[0].value.span.start.brief == "1:4@6")
        #expect(members[1].keySpan.start.brief == "2:1@8")
    }

    @Test func spansBlockCollectionsToTheirLastCharacter() throws {
        let (node, _) = load("a:\n  - 1\n  - 2\n\n# comment\nb: 3\n")
        let a = try #require(node?["a"])
        #expect(a.span.start.brief == "2:3@5")
        #expect(a.span.end.brief == "3:6@14")
    }

    @Test func readsEmptyFilesAsNoDocument() {
        for text in ["", "# only a comment\n", "\n\n"] {
            let (node, diagnostics) = load(text)
            #expect(node == nil)
            #expect(diagnostics.isEmpty)
        }
        let (node, diagnostics) = load("---\n")
        #expect(node?.value == .null)
        #expect(diagnostics.isEmpty)
    }
}
