import CSEDiagnostics
import CSEYAML

/// The specification page (template `spec`): what this registry publishes under the CSE specification,
/// the signal's fields as `signal.schema.json` states them, and every JSON Schema the build publishes.
///
/// It lives at the path `spec.url` names under `base_url` (`spec/cse-spec-v1.0/index.html` for this
/// registry), so the URL the bundle gives for the specification resolves in the build. With a specification
/// elsewhere the page is `spec/index.html` and links to it. Every page's footer links to this page.
struct SpecPage: TemplateContext {
    struct Field: TemplateContext {
        var name: String
        var type: String
        var required: Bool
        var description: String?

        func publish(into m: inout TemplateMembers) {
            m.set("name", name)
            m.set("type", type)
            m.flag("required", required)
            m.set("description", description)
        }
    }

    struct Schema: TemplateContext {
        var file: String
        var url: String?
        var title: String?
        var description: String?

        func publish(into m: inout TemplateMembers) {
            m.set("file", file)
            m.set("url", url)
            m.set("title", title)
            m.set("description", description)
        }
    }

    var specName: String
    var specVersion: String
    /// The specification's own URL, when this page is not it.
    var elsewhere: String?
    var signalFields: [Field]
    var schemas: [Schema]
    /// Whether the build publishes the schemas (output `schemas`).
    var schemasPublished: Bool

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", "\(specName) \(specVersion)")
        m.set("spec_elsewhere", elsewhere)
        m.set("signal_fields", signalFields)
        m.set("schemas", schemas)
        m.flag("schemas_published", schemasPublished)
    }
}

extension SitePaths {
    /// The specification page: the path `spec.url` names under `base_url` (a folder's `index.html`), or
    /// `spec/index.html` when the specification lives elsewhere.
    static func spec(_ config: RegistryConfig) -> String {
        guard config.specURL.hasPrefix(config.baseURL) else { return "spec/index.html" }
        var path = String(config.specURL.dropFirst(config.baseURL.count))
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        let parts = path.split(separator: "/").map { APIPath.encode(String($0)) }
        guard !parts.isEmpty else { return "spec/index.html" }
        if let last = parts.last, last.hasSuffix(".html") { return parts.joined(separator: "/") }
        return (parts + ["index.html"]).joined(separator: "/")
    }
}

extension Site {
    func specPage() -> SpecPage {
        let page = SitePaths.spec(config)
        let root = SitePaths.root(of: page)
        let schemasBuilt = config.outputs.contains(.schemas)
        let signalSchema = schemas.sources["signal.schema.json"].flatMap { DocumentLoader.load($0, path: "signal.schema.json", format: .json).0 }
        let required = Set(signalSchema?["required"]?.array?.compactMap(\.string) ?? [])
        let fields = (signalSchema?["properties"]?.members ?? []).map { member in
            SpecPage.Field(
                name: member.key, type: Self.typeName(member.value), required: required.contains(member.key),
                description: member.value["description"]?.string)
        }
        let published = schemas.sources.keys.sorted()
        return SpecPage(
            specName: config.specName, specVersion: config.specVersion,
            elsewhere: config.specURL.hasPrefix(config.baseURL) ? nil : config.specURL, signalFields: fields,
            schemas: published.map { name in
                SpecPage.Schema(
                    file: name, url: schemasBuilt ? root + "schemas/" + name : nil, title: schemas.summaries[name]?.title,
                    description: schemas.summaries[name]?.description)
            }, schemasPublished: schemasBuilt)
    }

    /// A property's type as a reader says it: `string`, `array of string`, `object`, or the referenced
    /// definition's name.
    static func typeName(_ schema: Node) -> String {
        if let type = schema["type"]?.string {
            if type == "array", let items = schema["items"] { return "array of " + typeName(items) }
            return type
        }
        if let types = schema["type"]?.array?.compactMap(\.string), !types.isEmpty { return types.joined(separator: " or ") }
        if let ref = schema["$ref"]?.string { return String(ref.split(separator: "/").last ?? Substring(ref)) }
        if schema["enum"] != nil || schema["const"] != nil { return "string" }
        return "value"
    }
}
