import CSEDiagnostics
import Testing

@testable import CSECore

/// Page contexts reach the templates as plain values (``TemplateLibrary``), with the documented `has_x`
/// keys.
@Suite struct TemplateValuesTests {
    /// Renders `text` as the one template `t`, from `context`.
    static func render(_ text: String, _ context: [String: Any]) throws -> String {
        let (templates, diagnostics) = SiteTemplates.load(from: InMemoryFileSystem(files: ["templates/t.mustache": text]), directory: "templates")
        #expect(diagnostics.allSatisfy { $0.id == "template.missing" }, "\(diagnostics)")
        let loaded = try #require(templates)
        return try #require(try loaded.render(context, template: "t"))
    }

    @Test func textAndIntegersRenderAsThemselvesEscaped() throws {
        #expect(
            try Self.render("{{a}}|{{{a}}}|{{n}}|{{m}}|{{d}}", ["a": "<b> & 'c'", "n": 42, "m": -7, "d": 0.5])
                == "&lt;b&gt; &amp; &#39;c&#39;|<b> & 'c'|42|-7|0.5")
    }

    @Test func hasKeysFollowListsAtEveryLevel() throws {
        let context: [String: Any] = [
            "tags": ["x", "y"], "empty": [String](), "rows": [["items": [["v": "1"]], "none": [[String: Any]]()]],
        ]
        let template = "{{#has_tags}}T{{/has_tags}}{{^has_empty}}E{{/has_empty}}{{#rows}}{{#has_items}}I{{/has_items}}{{^has_none}}N{{/has_none}}{{/rows}}"
        #expect(try Self.render(template, context) == "TEIN")
    }

    /// An absent `has_x` falls through to the enclosing context, as a missing key always does; a `has_x`
    /// the context sets itself wins.
    @Test func hasKeysFallThroughAndExplicitOnesWin() throws {
        let context: [String: Any] = ["items": ["a"], "has_bundle": false, "bundle": ["b"], "rows": [["items": [String]()]]]
        #expect(try Self.render("{{#rows}}{{#has_items}}outer{{/has_items}}{{/rows}}|{{^has_bundle}}off{{/has_bundle}}", context) == "outer|off")
    }

    /// Inside `{{#url}}…{{/url}}` the text is the current item, and other names resolve in the page.
    @Test func textSectionsExposeTheTextAndTheEnclosingPage() throws {
        let context: [String: Any] = ["url": "u.html", "name": "N", "missing_in_text": "page"]
        #expect(
            try Self.render("{{#url}}<a href=\"{{.}}\">{{name}} {{missing_in_text}} {{url}}</a>{{/url}}{{^nothing}}!{{/nothing}}", context)
                == "<a href=\"u.html\">N page u.html</a>!")
    }

    @Test func listsIterate() throws {
        let context: [String: Any] = ["tags": ["b", "a", "c"], "rows": [["id": "1"], ["id": "2"]], "count": 3, "object": ["k": "v"]]
        #expect(try Self.render("{{#tags}}{{.}}{{/tags}}|{{#rows}}{{id}}{{/rows}}|{{count}}|{{object.k}}", context) == "bac|12|3|v")
    }

    /// Transforms (`{{sorted(tags)}}`) are not Mustache: a template that uses one is refused with its position
    /// instead of rendering nothing there.
    @Test func transformsAreSyntaxErrors() {
        let (_, diagnostics) = SiteTemplates.load(
            from: InMemoryFileSystem(files: ["templates/t.mustache": "a\n  {{#sorted(tags)}}{{.}}{{/sorted(tags)}}"]), directory: "templates")
        let syntax = diagnostics.filter { $0.id == "template.syntax" }.map(ToolDiagnosticFormatter.line)
        #expect(
            syntax == [
                "templates/t.mustache:2:3: error: template 't' does not parse: 'sorted(tags)' is a transform, which cse's templates do not support [template.syntax]"
            ])
    }
}
