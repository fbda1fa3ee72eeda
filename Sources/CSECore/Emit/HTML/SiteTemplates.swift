public import CSEDiagnostics
import Mustache

/// The site's templates and assets, read from the registry's `templates/` folder at run time so that a
/// registry can restyle its site without rebuilding the tool.
///
/// `*.mustache` files are compiled once into a `MustacheLibrary` (Sendable; every page renders from it in
/// parallel), registered under their path without the extension (`signal`, `partials/head`). Files under
/// `assets/` are copied to the output as they are. Equality compares the files read.
public struct SiteTemplates: Sendable, Hashable {
    /// The folder, relative to the registry root.
    public var directory: String
    /// Template texts by name (`signal` for `templates/signal.mustache`).
    public private(set) var templates: [String: String] = [:]
    /// Asset bytes by path under `assets/`.
    public private(set) var assets: [String: [UInt8]] = [:]
    let library: MustacheLibrary

    /// Templates every site needs; a missing one is a `template.missing` error.
    static let required = ["home", "domain", "category", "signal", "frameworks", "framework", "control", "crosswalks",
                           "crosswalk", "gap-analysis", "search", "not-found"]

    public static func == (a: SiteTemplates, b: SiteTemplates) -> Bool {
        a.directory == b.directory && a.templates == b.templates && a.assets == b.assets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(directory)
        hasher.combine(templates.count)
    }

    init(directory: String, templates: [String: String], assets: [String: [UInt8]], library: MustacheLibrary) {
        self.directory = directory
        self.templates = templates
        self.assets = assets
        self.library = library
    }

    /// Reads and compiles the templates; nil when the folder does not exist (the HTML emitter then reports
    /// it, since only a build that asks for `html` needs templates).
    ///
    /// - Returns: the templates, and `template.syntax` / `template.missing` diagnostics with file and line.
    public static func load(from fileSystem: any FileSystem, directory: String) -> (SiteTemplates?, [Diagnostic]) {
        guard case .directory? = fileSystem.kind(of: directory) else { return (nil, []) }
        var texts: [String: String] = [:]
        var assets: [String: [UInt8]] = [:]
        var diagnostics: [Diagnostic] = []
        func walk(_ dir: String, relative: String) {
            guard let entries = try? fileSystem.entries(of: dir) else { return }
            for (name, kind) in entries.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
                let path = dir + "/" + name, rel = relative.isEmpty ? name : relative + "/" + name
                switch kind {
                case .directory: walk(path, relative: rel)
                case .file, .symlink(_, false):
                    guard let bytes = try? fileSystem.contents(of: path) else {
                        diagnostics.append(Diagnostic(id: "template.unreadable", range: .file(path), summary: "cannot read '\(path)'"))
                        continue
                    }
                    if rel.hasPrefix("assets/") {
                        assets[String(rel.dropFirst("assets/".count))] = bytes
                    } else if name.hasSuffix(".mustache") {
                        texts[String(rel.dropLast(".mustache".count))] = String(decoding: bytes, as: UTF8.self)
                    }
                default: break
                }
            }
        }
        walk(directory, relative: "")
        var library = MustacheLibrary()
        _ = registerContentType
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            do {
                // Compiled with a first line (standalone, so it renders as nothing) selecting the faster,
                // byte-identical HTML escaping.
                try library.register("{{% CONTENT_TYPE: \(FastHTMLContentType.name) }}\n" + text, named: name)
            } catch {
                diagnostics.append(syntaxDiagnostic(name: name, text: text, directory: directory, compileError: error))
            }
        }
        for name in required where texts[name] == nil {
            diagnostics.append(
                Diagnostic(
                    id: "template.missing", range: .file(directory), summary: "the site has no '\(directory)/\(name).mustache' template",
                    hint: "every page kind needs its template; copy it from the CSE registry's templates/ folder"))
        }
        return (SiteTemplates(directory: directory, templates: texts, assets: assets, library: library), diagnostics)
    }

    /// The `template.syntax` diagnostic for a template that failed to compile. The template is parsed again
    /// as written (compiling prepends a line), so that the position is the file's own line and column.
    static func syntaxDiagnostic(name: String, text: String, directory: String, compileError: any Error) -> Diagnostic {
        let file = "\(directory)/\(name).mustache"
        var error = compileError
        do { _ = try MustacheTemplate(string: text) } catch let asWritten { error = asWritten }
        guard let parse = error as? MustacheTemplate.ParserError else {
            return Diagnostic(id: "template.syntax", range: .file(file), summary: "template '\(name)' does not parse: \(error)")
        }
        let location = SourceLocation(line: parse.context.lineNumber, column: parse.context.columnNumber, offset: 0)
        return Diagnostic(
            id: "template.syntax", range: SourceRange(file: file, span: SourceSpan(start: location, end: location)),
            summary: "template '\(name)' does not parse: \(describe(parse.error))",
            hint: "check that every {{#section}} and {{^section}} is closed by a matching {{/section}} and that every tag ends with }}")
    }

    /// Registers ``FastHTMLContentType`` once per process.
    static let registerContentType: Void = MustacheContentTypes.register(FastHTMLContentType(), named: FastHTMLContentType.name)

    static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a section is closed with a different name than it was opened with"
        case .unfinishedName?: "a tag is not finished"
        case .expectedSectionEnd?: "a section is not closed"
        case .invalidSetDelimiter?: "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection?: "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection?: "an inherit section holds a tag it cannot hold"
        case .textInsideInheritSection?: "an inherit section holds text"
        case .invalidConfigVariableSyntax?: "a pragma is malformed"
        case .unrecognisedConfigVariable?: "a pragma is not recognised"
        case nil: "\(error)"
        }
    }

    /// Renders a page; nil when the template does not exist.
    func render(_ context: TemplateObject, template: String) -> String? {
        library.render(context, withTemplate: template)
    }
}
