public import CSEDiagnostics
import CSETemplate

/// The site's templates and assets, read from the registry's `templates/` folder at run time so that a
/// registry can restyle its site without rebuilding the tool.
///
/// `*.mustache` files are compiled once into a ``TemplateLibrary`` (Sendable; every page renders from it in
/// parallel), registered under their path without the extension (`signal`, `partials/head`). Files under
/// `assets/` are copied to the output as they are. Equality compares the files read.
public struct SiteTemplates: Sendable, Hashable {
    /// The folder, relative to the registry root.
    public var directory: String
    /// Template texts by name (`signal` for `templates/signal.mustache`).
    public private(set) var templates: [String: String] = [:]
    /// Asset bytes by path under `assets/`.
    public private(set) var assets: [String: [UInt8]] = [:]
    let library: TemplateLibrary

    /// Templates every site needs; a missing one is a `template.missing` error.
    static let required = [
        "home", "signals", "domain", "category", "signal", "frameworks", "framework", "control", "crosswalks",
        "crosswalk", "gap-analysis", "releases", "spec", "search", "not-found",
    ]

    public static func == (a: SiteTemplates, b: SiteTemplates) -> Bool {
        a.directory == b.directory && a.templates == b.templates && a.assets == b.assets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(directory)
        hasher.combine(templates.count)
    }

    init(directory: String, templates: [String: String], assets: [String: [UInt8]], library: TemplateLibrary) {
        self.directory = directory
        self.templates = templates
        self.assets = assets
        self.library = library
    }

    /// Deepest nesting of sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) a template may have: the
    /// template engine parses and renders sections recursively.
    static let maximumSectionDepth = 64

    /// Reads and compiles the templates; nil when the folder does not exist (the HTML emitter then reports
    /// it, since only a build that asks for `html` needs templates).
    ///
    /// Only regular files inside the registry are read, each within the input size limit (assets within
    /// their own limits); links that leave the tree and folders reached through links are errors. A template
    /// must be UTF-8, nest sections at most ``maximumSectionDepth`` deep and include no partial that leads
    /// back to itself, so that neither compiling nor rendering can recurse without end.
    ///
    /// - Returns: the templates, and `template.*` / `input.*` diagnostics with file and line.
    public static func load(from fileSystem: any FileSystem, directory: String) -> (SiteTemplates?, [Diagnostic]) {
        guard FileSystemPaths.isConfined(directory), case .directory? = fileSystem.kind(of: directory) else { return (nil, []) }
        var texts: [String: String] = [:]
        var assets: [String: [UInt8]] = [:]
        var assetBytes = 0
        var diagnostics: [Diagnostic] = []
        var folders: [(path: String, relative: String, depth: Int)] = [(directory, "", 1)]
        while let (dir, relative, depth) = folders.popLast() {
            guard let entries = try? fileSystem.entries(of: dir) else {
                diagnostics.append(Diagnostic(.templateUnreadable, range: .file(dir), summary: "cannot list '\(dir)'"))
                continue
            }
            for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
                let path = dir + "/" + entry.name, rel = relative.isEmpty ? entry.name : relative + "/" + entry.name
                guard entry.isDecodable else {
                    diagnostics.append(LayoutDiagnostics.undecodableName(path, name: entry.name))
                    continue
                }
                switch entry.kind {
                case .directory where depth >= InputDiscoverer.maximumFolderDepth: diagnostics.append(LayoutDiagnostics.tooDeep(path))
                case .directory: folders.append((path, rel, depth + 1))
                case .symlink(nil, _): diagnostics.append(LayoutDiagnostics.symlinkEscape(path))
                case .symlink(_, true): diagnostics.append(LayoutDiagnostics.symlinkDirectory(path))
                case .special(let what): diagnostics.append(InputDiagnostics.unreadable(path, FileReadError.notAFile(what: what)))
                case .file, .symlink(_, false):
                    let isAsset = rel.hasPrefix("assets/")
                    guard isAsset || entry.name.hasSuffix(".mustache") else { continue }
                    let limit = isAsset ? min(InputLimits.assetSize, InputLimits.assetsTotalSize - assetBytes) : InputLimits.fileSize
                    let bytes: [UInt8]
                    do { bytes = try fileSystem.contents(of: path, limit: max(0, limit)) } catch {
                        diagnostics.append(InputDiagnostics.unreadable(path, error))
                        continue
                    }
                    if isAsset {
                        assets[String(rel.dropFirst("assets/".count))] = bytes
                        assetBytes += bytes.count
                    } else if let text = String(validating: bytes, as: UTF8.self) {
                        texts[String(rel.dropLast(".mustache".count))] = text
                    } else {
                        diagnostics.append(
                            Diagnostic(.inputInvalidUTF8, range: .file(path), summary: "'\(path)' is not valid UTF-8", hint: "save the file as UTF-8"))
                    }
                }
            }
        }
        var library = TemplateLibrary()
        library.missingMember = siteMissingMember
        var usable: [String: String] = [:]
        var references: [String: [(name: String, location: SourceLocation)]] = [:]
        /// A diagnostic at a place in template `name`.
        func problem(_ kind: DiagnosticKind, _ name: String, at location: SourceLocation, _ summary: String, hint: String) -> Diagnostic {
            Diagnostic(
                kind, range: SourceRange(file: "\(directory)/\(name).mustache", span: SourceSpan(start: location, end: location)),
                summary: summary, hint: hint)
        }
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            let scan = MustacheScan(text)
            if let deep = scan.tooDeep(than: maximumSectionDepth) {
                diagnostics.append(
                    problem(
                        .templateTooDeep, name, at: deep, "template '\(name)' nests sections more than \(maximumSectionDepth) levels deep here",
                        hint: "flatten the sections; the template engine recurses once per level"))
            } else if let dynamic = scan.dynamicPartials.first {
                diagnostics.append(
                    problem(
                        .templateDynamicPartial, name, at: dynamic, "template '\(name)' includes a partial named by the data ('{{>*…}}')",
                        hint: "name the partial in the template: a partial chosen by the data could include itself without end"))
            } else {
                usable[name] = text
                references[name] = scan.partials
            }
        }
        for cycle in partialCycles(references) {
            diagnostics.append(
                problem(
                    .templateRecursivePartial, cycle.from, at: cycle.location,
                    "template '\(cycle.from)' includes '\(cycle.to)', which leads back to '\(cycle.from)' (\(cycle.path.joined(separator: " → ")))",
                    hint: "a partial may not include itself, directly or through others: rendering would never end"))
            usable[cycle.from] = nil
        }
        for (name, text) in usable.sorted(by: { $0.key < $1.key }) {
            do { try library.register(text, named: name) } catch {
                diagnostics.append(syntaxDiagnostic(name: name, directory: directory, error: error))
            }
        }
        library.prepare()
        for name in required where texts[name] == nil {
            diagnostics.append(
                Diagnostic(
                    .templateMissing, range: .file(directory), summary: "the site has no '\(directory)/\(name).mustache' template",
                    hint: "every page kind needs its template; copy it from the CSE registry's templates/ folder"))
        }
        return (SiteTemplates(directory: directory, templates: texts, assets: assets, library: library), diagnostics)
    }

    /// Each partial reference that closes a cycle, found by a depth-first walk with an explicit stack.
    static func partialCycles(
        _ references: [String: [(name: String, location: SourceLocation)]]
    ) -> [(from: String, to: String, location: SourceLocation, path: [String])] {
        var state: [String: Int] = [:]  // 1 on the current path, 2 done
        var found: [(from: String, to: String, location: SourceLocation, path: [String])] = []
        for start in references.keys.sorted() where state[start] == nil {
            var stack: [(name: String, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                let edges = references[top.name] ?? []
                if top.next == edges.count {
                    state[top.name] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = edges[top.next]
                guard references[edge.name] != nil else { continue }
                switch state[edge.name] {
                case 1?:
                    let names = stack.map(\.name)
                    let loop = names[(names.firstIndex(of: edge.name) ?? 0)...] + [edge.name]
                    found.append((top.name, edge.name, edge.location, Array(loop)))
                case nil:
                    state[edge.name] = 1
                    stack.append((edge.name, 0))
                default: break
                }
            }
        }
        return found
    }

    /// The `template.syntax` diagnostic for a template that failed to compile, at the tag it failed on.
    static func syntaxDiagnostic(name: String, directory: String, error: Template.SyntaxError) -> Diagnostic {
        let location = SourceLocation(line: error.line, column: error.column, offset: 0)
        return Diagnostic(
            .templateSyntax, range: SourceRange(file: "\(directory)/\(name).mustache", span: SourceSpan(start: location, end: location)),
            summary: "template '\(name)' does not parse: \(describe(error.kind))",
            hint: "check that every {{#section}} and {{^section}} is closed by a matching {{/section}} and that every tag ends with }}")
    }

    static func describe(_ kind: Template.SyntaxError.Kind) -> String {
        switch kind {
        case .unclosedTag: "a tag is not finished"
        case .emptyTag: "a tag has no name"
        case .unclosedSection(let name): "section '\(name)' is not closed"
        case .unexpectedClose(let name): "'{{/\(name)}}' closes a section that is not open"
        case .mismatchedClose(let expected, let found): "section '\(expected)' is closed by '{{/\(found)}}'"
        case .invalidDelimiters: "a set-delimiter tag is malformed"
        case .unsupportedTag(let sigil): "'{{\(sigil)' tags (inheritance, pragmas) are not supported"
        case .transform(let name): "'\(name)' is a transform, which cse's templates do not support"
        }
    }

    /// `has_x` is `true` when the object's `x` is a non-empty list and it sets no `has_x` itself; otherwise
    /// the name is looked up in the enclosing contexts.
    static let siteMissingMember: @Sendable (String, (String) -> Any?) -> Any? = { name, member in
        guard name.hasPrefix("has_"), let list = member(String(name.dropFirst(4))) else { return nil }
        switch list {
        case let rows as [TemplateObject]: return rows.isEmpty ? nil : true
        case let rows as [[String: Any]]: return rows.isEmpty ? nil : true
        case let texts as [String]: return texts.isEmpty ? nil : true
        case let items as [Any]: return items.isEmpty ? nil : true
        default: return nil
        }
    }

    /// Whether template `name` exists.
    func has(_ name: String) -> Bool { library.templates[name] != nil }

    /// Renders a page; nil when the template does not exist.
    /// - Throws: ``TemplateLibrary/OutputTooLarge`` for a page past ``TemplateLibrary/maximumOutput``.
    func render(_ context: Any, template: String) throws(TemplateLibrary.OutputTooLarge) -> String? {
        try library.render(context, template: template, escape: Escaping.templateValue)
    }
}
