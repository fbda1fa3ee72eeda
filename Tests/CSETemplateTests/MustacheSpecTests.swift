import CSEDiagnostics
import Foundation
import Testing

@testable import CSETemplate

/// Runs the official Mustache specification (../shared/conformance/mustache-spec) against ``TemplateLibrary``:
/// every test of the interpolation, sections, inverted, partials, comments and delimiters files must pass.
/// The optional modules (`~lambdas`, `~dynamic-names`, `~inheritance`) are not supported and not run.
@Suite struct MustacheSpecTests {
    static let specs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/mustache-spec/specs").standardizedFileURL
    static let files = ["interpolation", "sections", "inverted", "partials", "comments", "delimiters"]
    static let present = FileManager.default.fileExists(atPath: specs.appendingPathComponent("sections.json").path)

    /// A JSON value as the spec files hold it, read without Foundation's number bridging (so that `true`
    /// stays a Bool and `1` an Int).
    enum JSON: Decodable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case array([JSON])
        case object([String: JSON])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int.self) {
                self = .int(i)
            } else if let d = try? c.decode(Double.self) {
                self = .double(d)
            } else if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let a = try? c.decode([JSON].self) {
                self = .array(a)
            } else {
                self = .object(try c.decode([String: JSON].self))
            }
        }

        /// The value as templates read it; nil for null (an absent member).
        var value: Any? {
            switch self {
            case .null: nil
            case .bool(let b): b
            case .int(let i): i
            case .double(let d): d
            case .string(let s): s
            case .array(let a): a.compactMap(\.value) as [Any]
            case .object(let o): o.compactMapValues(\.value) as [String: Any]
            }
        }
    }

    struct SpecFile: Decodable {
        struct Case: Decodable {
            var name: String
            var data: JSON
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Case]
    }

    /// The spec's HTML escaping: `&`, `"`, `<`, `>` (the site's escaper, which also escapes `'`, agrees on these).
    static func escape(_ text: String) -> String { Escaping.templateValue(text) }

    static func run(_ test: SpecFile.Case) -> Result<String, Template.SyntaxError> {
        var library = TemplateLibrary()
        do {
            for (name, source) in (test.partials ?? [:]).sorted(by: { $0.key < $1.key }) { try library.register(source, named: name) }
            try library.register(test.template, named: "\u{0}test")
        } catch { return .failure(error) }
        library.prepare()
        return .success((try? library.render(test.data.value ?? [String: Any](), template: "\u{0}test", escape: escape)) ?? "")
    }

    @Test(.enabled(if: present, "the Mustache spec is not at ../shared/conformance/mustache-spec"))
    func requiredModulesPass() throws {
        var total = 0, passed = 0
        var failures: [String] = []
        for file in Self.files {
            let data = try Data(contentsOf: Self.specs.appendingPathComponent(file + ".json"))
            let spec = try JSONDecoder().decode(SpecFile.self, from: data)
            var filePassed = 0
            for test in spec.tests {
                total += 1
                switch Self.run(test) {
                case .success(let output) where output == test.expected:
                    passed += 1
                    filePassed += 1
                case .success(let output): failures.append("\(file) / \(test.name): expected \(test.expected.debugDescription), got \(output.debugDescription)")
                case .failure(let error): failures.append("\(file) / \(test.name): \(error)")
                }
            }
            print("Mustache spec \(file): \(filePassed)/\(spec.tests.count) passed")
        }
        print("Mustache spec (required modules): \(passed)/\(total) passed")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(total == 136, "the six required spec files hold 136 tests; a different count means the suite changed")
    }

    @Test func syntaxErrorsArePositioned() {
        #expect(throws: Template.SyntaxError(kind: .unclosedSection("a"), line: 2, column: 3)) { try Template("x\n  {{#a}}\n") }
        #expect(throws: Template.SyntaxError(kind: .mismatchedClose(expected: "a", found: "b"), line: 1, column: 7)) { try Template("{{#a}}{{/b}}") }
        #expect(throws: Template.SyntaxError(kind: .unexpectedClose("a"), line: 1, column: 1)) { try Template("{{/a}}") }
        #expect(throws: Template.SyntaxError(kind: .unclosedTag, line: 1, column: 4)) { try Template("ab {{name") }
        #expect(throws: Template.SyntaxError(kind: .invalidDelimiters, line: 1, column: 1)) { try Template("{{=<% =}}") }
        #expect(throws: Template.SyntaxError(kind: .unsupportedTag("$"), line: 1, column: 1)) { try Template("{{$block}}{{/block}}") }
    }

    @Test func missingMemberAnswersForAbsentNames() throws {
        var library = TemplateLibrary()
        library.missingMember = { name, member in
            name.hasPrefix("has_") && (member(String(name.dropFirst(4))) as? [String]).map { !$0.isEmpty } == true ? true : nil
        }
        try? library.register("{{#has_tags}}tags: {{#tags}}{{.}} {{/tags}}{{/has_tags}}{{^has_none}}none{{/has_none}}", named: "t")
        #expect(try library.render(["tags": ["a", "b"], "none": [String]()], template: "t", escape: { $0 }) == "tags: a b none")
        var object = TemplateObject()
        object.set("tags", ["a", "b"])
        object.set("none", [String]())
        #expect(try library.render(object, template: "t", escape: { $0 }) == "tags: a b none")
    }

    /// A ``TemplateObject`` reads like a dictionary: a member set later hides an earlier one of the same
    /// name, lists of objects render once per object, an empty one is falsy, and names it lacks are looked
    /// up in the enclosing contexts.
    @Test func templateObjectsReadLikeDictionaries() throws {
        var library = TemplateLibrary()
        try library.register("{{title}}:{{#rows}}[{{id}} {{title}}]{{/rows}}{{^none}} no rows{{/none}}{{#one.id}}!{{/one.id}}", named: "t")
        func row(_ id: String) -> TemplateObject {
            var r = TemplateObject()
            r.set("id", id)
            return r
        }
        var page = TemplateObject(capacity: 4)
        page.set("title", "old")
        page.set("title", "T")
        page.set("rows", [row("1"), row("2")])
        page.set("none", [TemplateObject]())
        page.set("one", row("x"))
        #expect(try library.render(page, template: "t", escape: { $0 }) == "T:[1 T][2 T] no rows!")
        #expect(page.count == 5)
    }
}

/// What a stranger's templates can do to the renderer: bounded work, no crash.
@Suite struct TemplateLimitTests {
    /// Each partial includes the next twice at two indentations: without the cap the indented forms would
    /// double at every level. The page itself doubles too, and stops at the output bound.
    @Test func indentedFormsAreCappedAndOutputIsBounded() throws {
        var library = TemplateLibrary()
        for i in 0..<30 { try library.register(" {{>p\(i + 1)}}\n  {{>p\(i + 1)}}\n", named: "p\(i)") }
        try library.register(String(repeating: "x", count: 1000) + "\n", named: "p30")
        library.prepare()
        #expect(throws: TemplateLibrary.OutputTooLarge(template: "p0")) { try library.render([String: Any](), template: "p0", escape: { $0 }) }
        // Four levels render in full, indented per the specification.
        #expect(try library.render([String: Any](), template: "p27", escape: { $0 })?.hasPrefix(" " + " " + " " + "x") == true)
    }

    /// A partial that includes itself (the site refuses such cycles when loading) stops at the depth bound.
    @Test func recursivePartialsStop() throws {
        var library = TemplateLibrary()
        try library.register("a{{>self}}", named: "self")
        library.prepare()
        #expect(try library.render([String: Any](), template: "self", escape: { $0 }) == String(repeating: "a", count: TemplateLibrary.maximumDepth + 1))
    }

    @Test func malformedTagsAreErrors() {
        #expect(throws: Template.SyntaxError.self) { try Template("{{{name}}") }
        #expect(throws: Template.SyntaxError.self) { try Template("{{=| =}}") }
        #expect((try? Template("{{=| |=}}|name|")) != nil)
    }
}
