import Mustache

/// A page context as the template engine reads it.
///
/// swift-mustache looks every tag up through the context stack with several dynamic casts per level, and
/// a plain `String` on the stack (pushed by `{{#url}}…{{/url}}`) is searched with `Mirror`. These wrappers
/// answer the engine's first successful cast instead: objects are ``MustacheParent``s, and text and
/// integers are ``MustacheCustomRenderable`` (and parents with no children, so the stack search passes
/// over them without reflection). Values are wrapped lazily, when a tag reads them.
///
/// They also supply the `has_x` keys the templates use: `has_x` is `true` when `x` is a non-empty list
/// (at any level), and absent otherwise, unless the context sets `has_x` itself.
///
/// Rendering is unchanged: text renders as itself, integers as their decimal digits, and transforms
/// (`{{uppercased(x)}}`, `{{count(list)}}`) are those of the wrapped `String`, `Int` or dictionary.
final class TemplateObject: MustacheParent, MustacheTransformable {
    let members: [String: Any]

    init(_ members: [String: Any]) {
        self.members = members
    }

    func child(named name: String) -> Any? {
        if let value = members[name] { return TemplateObject.wrap(value) }
        if name.hasPrefix("has_"), let list = members[String(name.dropFirst(4))], Self.isNonEmptyList(list) { return true }
        return nil
    }

    func transform(_ name: String) -> Any? { members.transform(name) }

    /// `value` as the engine should see it.
    static func wrap(_ value: Any) -> Any {
        switch value {
        case is Bool: value
        case let text as String: TemplateScalar.text(text)
        case let object as [String: Any]: TemplateObject(object)
        case let rows as [[String: Any]]: rows.map { TemplateObject($0) }
        // Typed, so that list transforms that need comparable items (`sorted`) still apply.
        case let texts as [String]: texts.map { TemplateScalar.text($0) }
        case let integer as Int: TemplateScalar.integer(integer)
        case let list as [Any]: list.map(wrap)
        default: value
        }
    }

    static func isNonEmptyList(_ value: Any) -> Bool {
        // Rows first: casting them to `[Any]` would convert every element.
        if let rows = value as? [[String: Any]] { return !rows.isEmpty }
        if let list = value as? [Any] { return !list.isEmpty }
        return false
    }
}

/// Text or an integer in a page context (see ``TemplateObject``).
enum TemplateScalar: MustacheCustomRenderable, MustacheParent, MustacheTransformable, Comparable {
    case text(String)
    case integer(Int)

    var renderText: String {
        switch self {
        case .text(let text): text
        case .integer(let integer): String(integer)
        }
    }

    var isNull: Bool { false }

    /// Text has no members: a tag inside `{{#text}}…{{/text}}` is looked up in the enclosing contexts.
    func child(named: String) -> Any? { nil }

    func transform(_ name: String) -> Any? {
        switch self {
        case .text(let text): text.transform(name)
        case .integer(let integer): integer.transform(name)
        }
    }
}
