import CSETemplate

/// A page, or a row of one, as the site's templates read it: typed values built by the page's own code,
/// each published under its template name in one place (``publish(into:)``).
///
/// Templates read the published members as plain values (``TemplateLibrary``); `has_x` is answered for a
/// non-empty list `x` (``SiteTemplates/siteMissingMember``).
protocol TemplateContext {
    /// Writes each member under the name templates use.
    func publish(into members: inout TemplateMembers)
}

extension TemplateContext {
    /// The members as the renderer reads them.
    var templateMembers: TemplateObject {
        var members = TemplateMembers()
        publish(into: &members)
        return members.values
    }
}

/// The members of a ``TemplateContext`` while it publishes them.
///
/// An absent member and a present one differ in a template: a tag whose name the context lacks is looked up
/// in the enclosing contexts. So `nil` optionals are left out, and ``flag(_:_:)`` publishes `true` or
/// nothing, while ``set(_:_:)-(_,Bool)`` publishes `false` too.
///
/// A member set again hides the earlier one (``TemplateObject``): a page's own members are published after
/// the common ones, and win.
struct TemplateMembers {
    private(set) var values = TemplateObject(capacity: 8)

    mutating func set(_ name: String, _ value: String?) { if let value { values.set(name, value) } }
    mutating func set(_ name: String, _ value: Int?) { if let value { values.set(name, value) } }
    mutating func set(_ name: String, _ value: Bool) { values.set(name, value) }
    mutating func set(_ name: String, _ value: [String]?) { if let value { values.set(name, value) } }
    mutating func set(_ name: String, _ value: (some TemplateContext)?) { if let value { values.set(name, value.templateMembers) } }
    mutating func set<Row: TemplateContext>(_ name: String, _ rows: [Row]?) { if let rows { values.set(name, rows.map(\.templateMembers)) } }

    /// `true` when `on`, absent otherwise.
    mutating func flag(_ name: String, _ on: Bool) { if on { values.set(name, true) } }

    /// Another context's members, merged into these (an extended row: a control link with a mapping's fields).
    mutating func include(_ other: some TemplateContext) { other.publish(into: &self) }
}
