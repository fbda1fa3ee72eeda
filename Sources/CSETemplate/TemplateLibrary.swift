/// Named templates that include each other as partials, rendered against plain Swift values.
///
/// Values: `[String: Any]` and ``TemplateObject`` objects (members looked up by name through the context
/// stack), `[[String: Any]]`, `[TemplateObject]`, `[String]` and `[Any]` lists, `String`, `Int`, `Double` and
/// `Bool`. `false`, an absent name and an empty list
/// are falsy; every other value renders a section once, pushed onto the context stack (a list renders it once
/// per item). Types are tested as concrete types, so a lookup costs a dictionary read and a few type checks.
///
/// Immutable and `Sendable`: pages render from one library on every core.
public struct TemplateLibrary: Sendable {
    /// Compiled templates by name.
    public private(set) var templates: [String: Template] = [:]
    /// Templates included by a standalone partial tag, compiled again with each line indented, by name and
    /// indentation (the specification indents a standalone partial's lines before rendering it).
    private var indented: [String: [String: Template]] = [:]
    /// What an object answers for a name it lacks (nil: the lookup goes on to the enclosing contexts);
    /// `member` reads the object's other members.
    public var missingMember: (@Sendable (_ name: String, _ member: (String) -> Any?) -> Any?)?

    /// Indented forms of partials compiled at most (``prepare()``).
    public static let maximumIndentedForms = 1_000

    /// The most a page may render, in bytes: a template set that includes a partial several times at every
    /// level multiplies its output exponentially, within every bound on nesting.
    public static let maximumOutput = 64 << 20

    /// A page that would render more than ``maximumOutput`` bytes.
    public struct OutputTooLarge: Error, Sendable, Equatable {
        public var template: String
    }

    /// Partials nested deeper than this render as nothing: data-driven recursion must end.
    public static let maximumDepth = 100

    public init() {}

    /// Compiles and adds a template.
    public mutating func register(_ source: String, named name: String) throws(Template.SyntaxError) {
        templates[name] = try Template(source)
        sources[name] = source
        indented = [:]
        pendingIndents = true
    }

    private var sources: [String: String] = [:]
    private var pendingIndents = false

    /// Compiles the indented forms that standalone partials need; called once all templates are registered
    /// (``render(_:template:escape:)`` uses the plain form when it was not).
    public mutating func prepare() {
        guard pendingIndents else { return }
        pendingIndents = false
        var work: [(name: String, indent: String, depth: Int)] = []
        for template in templates.values { for p in template.partials where !p.indent.isEmpty { work.append((p.name, p.indent, 1)) } }
        var variants = 0
        while let (name, indent, depth) = work.popLast() {
            // Bounded twice: nesting (partials that include each other indented) and the number of forms (a
            // template set that includes each partial at many indentations); past either, the plain form renders.
            guard depth < 16, variants < Self.maximumIndentedForms, indented[name]?[indent] == nil, let source = sources[name] else { continue }
            variants += 1
            guard let template = try? Template(Self.indent(source, with: indent)) else { continue }
            indented[name, default: [:]][indent] = template
            for p in template.partials where !p.indent.isEmpty { work.append((p.name, p.indent, depth + 1)) }
        }
    }

    /// Every non-empty line of `source` with `indent` before it.
    static func indent(_ source: String, with indent: String) -> String {
        var out = ""
        var atLineStart = true
        for c in source {
            if atLineStart && c != "\n" && c != "\r\n" { out += indent }
            out.append(c)
            atLineStart = c == "\n" || c == "\r\n"
        }
        return out
    }

    /// Renders template `name` with `context` as the root of the context stack; nil when there is no such
    /// template. `escape` is applied to every `{{name}}` interpolation.
    /// - Throws: ``OutputTooLarge`` when the page would exceed ``maximumOutput`` (rendering stops there).
    public func render(_ context: Any, template name: String, escape: (String) -> String) throws(OutputTooLarge) -> String? {
        guard let template = templates[name] else { return nil }
        let rendered: String? = withoutActuallyEscaping(escape) { escape in
            var renderer = Renderer(library: self, escape: escape)
            renderer.stack.append(context)
            renderer.render(template.nodes, depth: 0)
            return renderer.overflowed ? nil : renderer.out
        }
        guard let rendered else { throw OutputTooLarge(template: name) }
        return rendered
    }

    struct Renderer {
        let library: TemplateLibrary
        let escape: (String) -> String
        var out = ""
        var stack: [Any] = []
        /// Set once the output passes ``TemplateLibrary/maximumOutput``; rendering then stops.
        var overflowed = false

        init(library: TemplateLibrary, escape: @escaping (String) -> String) {
            self.library = library
            self.escape = escape
            out.reserveCapacity(16_384)
        }

        mutating func render(_ nodes: [Template.Node], depth: Int) {
            for node in nodes {
                if out.utf8.count > TemplateLibrary.maximumOutput { overflowed = true }
                if overflowed { return }
                switch node {
                case .text(let text): out += text
                case .variable(let path, let escaped):
                    guard let value = lookup(path), let text = Self.text(value) else { continue }
                    out += escaped ? escape(text) : text
                case .section(let path, let inverted, let children):
                    let value = lookup(path)
                    if inverted {
                        if Self.isFalsy(value) { render(children, depth: depth) }
                        continue
                    }
                    guard let value else { continue }
                    switch value {
                    case let flag as Bool: if flag { render(children, depth: depth) }
                    case let rows as [TemplateObject]: for row in rows { renderPushed(row, children, depth: depth) }
                    case let rows as [[String: Any]]: for row in rows { renderPushed(row, children, depth: depth) }
                    case let texts as [String]: for text in texts { renderPushed(text, children, depth: depth) }
                    case let list as [Any]: for item in list { renderPushed(item, children, depth: depth) }
                    default: renderPushed(value, children, depth: depth)
                    }
                case .partial(let name, let indent):
                    guard depth < TemplateLibrary.maximumDepth else { continue }
                    let template = indent.isEmpty ? library.templates[name] : library.indented[name]?[indent] ?? library.templates[name]
                    if let template { render(template.nodes, depth: depth + 1) }
                }
            }
        }

        mutating func renderPushed(_ value: Any, _ nodes: [Template.Node], depth: Int) {
            stack.append(value)
            render(nodes, depth: depth)
            stack.removeLast()
        }

        /// The value of a name: its first part found through the context stack, from the top; the others
        /// read as members of what was found.
        func lookup(_ path: [String]) -> Any? {
            guard let first = path.first else { return stack.last }
            var found: Any?
            for context in stack.reversed() {
                if let value = member(first, of: context) {
                    found = value
                    break
                }
            }
            for part in path.dropFirst() {
                guard let object = found else { return nil }
                found = member(part, of: object)
            }
            return found
        }

        /// Member `name` of `value` when it is an object (or what ``TemplateLibrary/missingMember`` answers
        /// for it); nil otherwise.
        func member(_ name: String, of value: Any) -> Any? {
            if let object = value as? TemplateObject {
                return object[name] ?? library.missingMember?(name) { object[$0] }
            }
            if let object = value as? [String: Any] {
                return object[name] ?? library.missingMember?(name) { object[$0] }
            }
            return nil
        }

        static func isFalsy(_ value: Any?) -> Bool {
            switch value {
            case nil: true
            case let flag as Bool: !flag
            case let rows as [TemplateObject]: rows.isEmpty
            case let rows as [[String: Any]]: rows.isEmpty
            case let texts as [String]: texts.isEmpty
            case let list as [Any]: list.isEmpty
            default: false
            }
        }

        /// How a value interpolates; nil for objects and lists (nothing is written).
        static func text(_ value: Any) -> String? {
            switch value {
            case let text as String: text
            case let integer as Int: String(integer)
            case let number as Double: number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
            case let flag as Bool: flag ? "true" : "false"
            default: nil
            }
        }
    }
}
