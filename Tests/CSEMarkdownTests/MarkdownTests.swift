import CSEDiagnostics
import CSEMarkdown
import Testing

@Suite struct MarkdownTests {
    @Test(arguments: [
        ("What it is", "what-it-is"),
        ("  How -- it_is   detected?  ", "how-it-is-detected"),
        ("Überprüfung der Zugriffsrechte", "überprüfung-der-zugriffsrechte"),
        ("AC-2(1): account management", "ac-21-account-management"),
        ("!!!", "section"),
        ("データ 保護", "データ-保護"),
    ])
    func slugRules(text: String, slug: String) {
        #expect(Slugger.slug(text) == slug)
    }

    @Test func duplicateHeadingsGetNumberedAnchors() {
        let doc = MarkdownDocument("# Examples\n\n## Examples\n\n## Examples\n\n## Examples 2\n")
        #expect(doc.headings.map(\.anchor) == ["examples", "examples-2", "examples-3", "examples-2-2"])
    }

    @Test func reservedAnchorsAreSkippedAndFragmentLinksFollow() {
        let r = MarkdownRenderer(reservedAnchors: ["mappings"])
        let result = r.render(MarkdownDocument("## Mappings\n\nSee [below](#mappings).\n"))
        #expect(result.headings.map(\.anchor) == ["mappings-2"])
        #expect(result.html == "<h2 id=\"mappings-2\">Mappings</h2>\n<p>See <a href=\"#mappings-2\">below</a>.</p>\n")
    }

    @Test func headingsShiftToTheRequestedTopLevel() {
        let r = MarkdownRenderer(topHeadingLevel: 2)
        #expect(r.html("# A\n\n## B\n\n###### C\n") == "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n<h6 id=\"c\">C</h6>\n")
        #expect(MarkdownRenderer(topHeadingLevel: 3).html("## B\n### C\n") == "<h3 id=\"b\">B</h3>\n<h4 id=\"c\">C</h4>\n")
    }

    @Test func rawHTMLIsEscapedUnlessAllowed() {
        let md = "<div onclick=\"x()\">hi</div>\n\nText <b>bold</b> and [x](javascript:alert(1)).\n"
        #expect(
            MarkdownRenderer().html(md)
                == "<p class=\"raw-html\">&lt;div onclick=&quot;x()&quot;&gt;hi&lt;/div&gt;</p>\n<p>Text &lt;b&gt;bold&lt;/b&gt; and x.</p>\n")
        #expect(
            MarkdownRenderer(allowRawHTML: true).html(md)
                == "<div onclick=\"x()\">hi</div>\n<p>Text <b>bold</b> and <a href=\"javascript:alert(1)\">x</a>.</p>\n")
    }

    @Test func signalIDsInTextAndLinkTargetsResolve() {
        let known = "CSE-HIPAA-TECH-NO-ENCRYPTION-004"
        let r = MarkdownRenderer(signalURL: { $0 == known ? "../\($0)/index.html" : nil })
        let html = r.html(
            "Compare CSE-HIPAA-TECH-NO-ENCRYPTION-004, not CSE-HIPAA-TECH-MISSING-THING-009.\n\n[that one](\(known)) `CSE-HIPAA-TECH-NO-ENCRYPTION-004`\n")
        #expect(
            html
                == "<p>Compare <a class=\"signal-ref\" href=\"../CSE-HIPAA-TECH-NO-ENCRYPTION-004/index.html\">CSE-HIPAA-TECH-NO-ENCRYPTION-004</a>, not CSE-HIPAA-TECH-MISSING-THING-009.</p>\n"
                + "<p><a href=\"../CSE-HIPAA-TECH-NO-ENCRYPTION-004/index.html\">that one</a> <code>CSE-HIPAA-TECH-NO-ENCRYPTION-004</code></p>\n")
        // An unknown ID as a link target renders as text, never as a dead link.
        #expect(r.html("[gone](CSE-HIPAA-TECH-MISSING-THING-009)\n") == "<p>gone</p>\n")
    }

    @Test func linkResolverDecides() {
        let r = MarkdownRenderer(resolveLink: { $0.hasPrefix("http") ? .keep : $0 == "x.md" ? .replace("x.html") : .unlink })
        #expect(r.html("[a](https://e.org/) [b](x.md) [c](y.md)\n") == "<p><a href=\"https://e.org/\">a</a> <a href=\"x.html\">b</a> c</p>\n")
    }

    @Test func tightAndLooseListsAndCode() {
        #expect(MarkdownRenderer().html("- a\n- b\n") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n")
        #expect(MarkdownRenderer().html("3. a\n\n4. b\n") == "<ol start=\"3\">\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ol>\n")
        #expect(MarkdownRenderer().html("```yaml\na: <b>\n```\n") == "<pre tabindex=\"0\"><code class=\"language-yaml\">a: &lt;b&gt;\n</code></pre>\n")
    }

    @Test func positionsAreOneBasedUTF8ByteColumns() throws {
        // "Zugriffsprüfung — " is 18 characters but 21 bytes (ü is 2 bytes, the dash 3).
        let md = "# Überblick\n\nZugriffsprüfung — [Log](../missing.md) und ![Bild](img.png)\n"
        let doc = MarkdownDocument(md)
        let links = doc.links
        #expect(links.count == 2)
        let first = try #require(links.first)
        #expect(first.destination == "../missing.md")
        #expect(first.start.line == 3)
        #expect(first.start.column == 22)
        let bytes = Array(md.utf8)
        #expect(String(decoding: bytes[first.start.offset..<first.end.offset], as: UTF8.self) == "[Log](../missing.md)")
        let image = try #require(links.last)
        #expect(image.isImage)
        #expect(String(decoding: bytes[image.start.offset..<image.end.offset], as: UTF8.self) == "![Bild](img.png)")
        #expect(doc.headings.first?.start == SourceLocation(line: 1, column: 1, offset: 0))
    }

    @Test func signalIDScannerFollowsTheReadmeRule() {
        let found = SignalIDScanner.matches(in: "x CSE-A-B-C-001- and xCSE-A-B-C-002, CSE-A-B-003 and é CSE-GEN-X-Y-Z-1234.")
        #expect(found.map(\.id) == ["CSE-A-B-C-001", "CSE-GEN-X-Y-Z-1234"])
        #expect(SignalIDScanner.isSignalID("CSE-A-B-C-001"))
        #expect(!SignalIDScanner.isSignalID("CSE-A-B-C-001/README.md"))
    }
}
