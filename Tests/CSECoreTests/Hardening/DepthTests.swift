import CSEDiagnostics
import CSEMarkdown
import CSESchema
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// Class 3 of issue 16: no recursive walk over data a pull request controls can overflow the stack. Each
/// walk has a bound with a positioned diagnostic, and the deepest input within the bounds goes through.
@Suite struct DepthTests {
    static let id = "CSE-HIPAA-TECH-NO-ENCRYPTION-001"
    static let folder = "signals/HIPAA/TECH/\(id)"
    static let base = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder(id))

    /// 20,000 nested block quotes, emphasis or list items crashed validate and build (SIGSEGV); now each is
    /// `markdown.too-deep` at the first node past the limit, and the site renders nothing of it.
    /// (cmark gives emphasis the position of its paragraph's start.)
    @Test(arguments: [
        (String(repeating: "> ", count: 20_000) + "[x](https://example.org)\n", 1, 199),
        (String(repeating: "*", count: 20_000) + "x" + String(repeating: "*", count: 20_000) + "\n", 1, 1),
        (String(repeating: "- ", count: 20_000) + "x\n", 1, 99),
        ((0..<150).map { String(repeating: "  ", count: $0) + "- item\n" }.joined(), 50, 99),
    ])
    func deepMarkdownIsADiagnostic(_ readme: String, _ line: Int, _ column: Int) throws {
        var files = Self.base
        files["\(Self.folder)/README.md"] = readme
        let result = try TestRegistry.load(files)
        let found = result.diagnostics.filter { $0.id == "markdown.too-deep" }
        #expect(found.count == 1)
        #expect(found.first?.range?.file == "\(Self.folder)/README.md")
        #expect(found.first?.range?.span.start.line == line)
        #expect(found.first?.range?.span.start.column == column)
        #expect(result.registry == nil)
        // The renderer's own guard: a too-deep document renders as nothing, without recursing.
        #expect(MarkdownRenderer().html(readme) == "")
    }

    /// Exactly at the limit everything goes through, on the loader's worker threads.
    @Test func markdownAtTheLimitIsRendered() throws {
        let depth = MarkdownDocument.maximumDepth - 2  // the document and the paragraph take two levels
        let readme = String(repeating: ">", count: depth) + " deep enough\n"
        var files = Self.base
        files["\(Self.folder)/README.md"] = readme
        let result = try TestRegistry.load(files)
        #expect(!result.diagnostics.contains { $0.id == "markdown.too-deep" })
        #expect(MarkdownRenderer().html(readme).contains("deep enough"))
        #expect(MarkdownDocument(readme + String(repeating: ">", count: 3) + " x\n").tooDeep == nil)
        #expect(MarkdownDocument(String(repeating: ">", count: depth + 1) + " x\n").tooDeep != nil)
    }

    /// The cheap bound decides whether a README is parsed for depth: it must never be below the depth cmark
    /// gives. Checked on generated texts mixing every construct that nests (seed printed on failure).
    @Test func nestingBoundIsNeverBelowCmarksDepth() {
        let seed = UInt64(ProcessInfo.processInfo.environment["CSE_TEST_SEED"] ?? "") ?? 0x5EED_0016
        var rng = SplitMix64(seed: seed)
        let pieces = [
            "> ", "- ", "* ", "+ ", "1. ", "2) ", "  ", "\t", "*", "_", "**", "[", "](x)", "<a@b.c>", "`", "\n", "\r", "\r\n", "\n\n",
            "text ", "# ", "---\n", "    code\n", "```\n", "![", "<div>\n", "\\*", "1.", "-",
        ]
        for round in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 60) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            let bound = bytes.withUnsafeBufferPointer { MarkdownDocument.nestingBound($0) }
            let document = MarkdownDocument(text)
            let depth = document.tooDeep == nil ? Self.depth(document.root) : MarkdownDocument.maximumDepth + 1
            if depth > bound {
                Issue.record("seed \(seed), round \(round): bound \(bound) < depth \(depth) for \(text.debugDescription)")
                return
            }
        }
    }

    static func depth(_ node: MarkdownNode) -> Int {
        switch node.kind {
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .htmlBlock, .codeBlock, .thematicBreak: 0
        default: 1 + (node.children.map(depth).max() ?? 0)
        }
    }

    /// Templates: sections nested past the limit, a partial cycle and a partial named by the data are each
    /// refused before the template engine (which recurses) sees them.
    @Test func templatesThatWouldRecurseWithoutBoundAreRefused() throws {
        let deep = String(repeating: "{{#a}}", count: 5_000) + String(repeating: "{{/a}}", count: 5_000)
        let delimited = "{{=<% %>=}}" + String(repeating: "<%#a%>", count: 70) + String(repeating: "<%/a%>", count: 70)
        let files = [
            "templates/deep.mustache": deep, "templates/delimited.mustache": delimited,
            "templates/a.mustache": "x\n{{>b}}", "templates/b.mustache": "{{#list}}{{>c}}{{/list}}", "templates/c.mustache": "{{>a}}",
            "templates/self.mustache": "{{>self}}", "templates/dynamic.mustache": "{{>*name}}", "templates/fine.mustache": "{{>b2}}",
            "templates/b2.mustache": "ok",
        ]
        let (site, diagnostics) = SiteTemplates.load(from: InMemoryFileSystem(files: files), directory: "templates")
        let lines = diagnostics.filter { $0.id != "template.missing" }.sorted(by: Diagnostic.printOrder).map(ToolDiagnosticFormatter.line)
        #expect(
            lines == [
                "templates/c.mustache:1:1: error: template 'c' includes 'a', which leads back to 'c' (a → b → c → a) [template.recursive-partial]",
                "templates/deep.mustache:1:385: error: template 'deep' nests sections more than 64 levels deep here [template.too-deep]",
                "templates/delimited.mustache:1:396: error: template 'delimited' nests sections more than 64 levels deep here [template.too-deep]",
                "templates/dynamic.mustache:1:1: error: template 'dynamic' includes a partial named by the data ('{{>*…}}') [template.dynamic-partial]",
                "templates/self.mustache:1:1: error: template 'self' includes 'self', which leads back to 'self' (self → self) [template.recursive-partial]",
            ])
        #expect(site?.templates["fine"] != nil)
        #expect(try site?.render([:], template: "fine") == "ok")
    }

    /// A YAML document nested as deep as the parser allows goes through the loader's worker threads; one
    /// level more is `yaml.too-deep`.
    @Test func deepestDocumentsGoThroughTheLoader() throws {
        let depth = DocumentLoader.maximumDepth - 1
        var files = Self.base
        files["\(Self.folder)/signal.yaml"]! += "x_deep: " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth) + "\n"
        let result = try TestRegistry.load(files)
        #expect(result.diagnostics.map(\.id) == ["schema.additional-property"])
        files["\(Self.folder)/signal.yaml"]! += "y_deep: " + String(repeating: "[", count: depth + 2) + String(repeating: "]", count: depth + 2) + "\n"
        #expect(try TestRegistry.load(files).diagnostics.contains { $0.id == "yaml.too-deep" })
    }

    /// A valid document as deep as the parsers allow validates against a recursive schema: the evaluator's
    /// limits admit it (before, a 500-deep document failed with `schema.depth`), on a stack that holds it.
    @Test(arguments: [
        ##"{"$defs":{"n":{"type":["array","string"],"items":{"$ref":"#/$defs/n"}}},"$ref":"#/$defs/n"}"##,
        ##"{"$defs":{"n":{"allOf":[{"$ref":"#/$defs/m"}]},"m":{"anyOf":[{"type":"array","items":{"$ref":"#/$defs/n"}},{"type":"string"}]}},"$ref":"#/$defs/n"}"##,
    ])
    func deepestValidDocumentIsValid(_ schema: String) throws {
        let depth = DocumentLoader.maximumDepth - 1
        let text = String(repeating: "[", count: depth) + "\"x\"" + String(repeating: "]", count: depth)
        let instance = try #require(DocumentLoader.load(Array(text.utf8), path: "d.json", format: .json).0)
        let schemaNode = try #require(DocumentLoader.load(Array(schema.utf8), path: "s.json", format: .json).0)
        let validator = try SchemaRegistry.validator(for: schemaNode, uri: "https://example.org/s.json")
        #expect(validator.validate(instance, file: "d.json") == [])
        #expect(validator.isValid(instance))
        // From a worker thread, as the loader runs it.
        let fromWorker = [0, 1].concurrentMap(minimumBatch: 1) { _ in validator.validate(instance, file: "d.json").isEmpty }
        #expect(fromWorker == [true, true])
    }

    /// A `$ref` cycle that never descends stops with `schema.depth`, not a crash.
    @Test func selfReferenceWithoutDescentIsADiagnostic() throws {
        let schemaNode = try #require(DocumentLoader.load(Array(##"{"$ref": "#"}"##.utf8), path: "s.json", format: .json).0)
        let instance = try #require(DocumentLoader.load(Array("[1]".utf8), path: "d.json", format: .json).0)
        let validator = try SchemaRegistry.validator(for: schemaNode, uri: "https://example.org/loop.json")
        let found = validator.validate(instance, file: "d.json")
        #expect(found.map(\.id) == ["schema.depth"])
        #expect(found.first?.summary.contains("refers to itself") == true)
        #expect(!validator.isValid(instance))
    }
}

/// A small, seedable generator (SplitMix64), so that generated tests are reproducible from their seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
