import CSEDiagnostics
import CSEYAML

/// Rules on `cse.yaml`'s paths: every path it configures stays inside the registry, and the output folder
/// is not one of the registry's inputs (docs/build.md "Where the output goes").
///
/// A pull request that edits `cse.yaml` must not be able to make the build read files from elsewhere
/// (`site.templates: ../../home`) or replace its own inputs (`output: signals`, `output: .`).
struct ConfigRules {
    var document: SourceDocument
    var fileSystem: any FileSystem

    func run() -> [Diagnostic] {
        guard let node = document.node else { return [] }
        var out: [Diagnostic] = []
        if let templates = node["site"]?["templates"], let path = templates.string {
            if let problem = Self.pathProblem(path, fileSystem: fileSystem) {
                out.append(outside("site.templates", path, problem, at: templates))
            }
        }
        if let output = node["output"], let path = output.string {
            if let problem = Self.pathProblem(path, fileSystem: fileSystem) {
                out.append(outside("output", path, problem, at: output))
            } else if let input = Self.overlappingInput(path, templates: node["site"]?["templates"]?.string ?? "templates") {
                out.append(
                    Diagnostic(
                        .outputOverlapsInput, range: SourceRange(file: document.path, span: output.span),
                        summary: Self.overlapSummary(output: path, input: input),
                        hint: "build into a folder of its own, such as '_site'; the build replaces the output folder whole"))
            }
        }
        // The site needs its templates: say so at the `html` entry, not later without a position.
        if let html = node["outputs"]?.array?.first(where: { $0.string == "html" }) {
            let templates = node["site"]?["templates"]?.string ?? "templates"
            if Self.pathProblem(templates, fileSystem: fileSystem) == nil, fileSystem.kind(of: templates) != .directory {
                out.append(
                    Diagnostic(
                        .templateFolderMissing, range: SourceRange(file: document.path, span: html.span),
                        summary: "the output 'html' needs the site's templates, but the registry has no '\(templates)/' folder",
                        hint: "copy templates/ from the CSE registry repository into the registry root (or set site.templates), or remove 'html' from outputs"))
            }
        }
        return out
    }

    private func outside(_ key: String, _ path: String, _ problem: String, at node: Node) -> Diagnostic {
        Diagnostic(
            .configPathOutsideRoot, range: SourceRange(file: document.path, span: node.span),
            summary: "'\(key)' is '\(path)', which \(problem)",
            hint: "paths in cse.yaml are relative to the registry root and stay inside it (no '..', no absolute path, no link out)")
    }

    /// Why a configured path does not stay inside the root, or nil when it does.
    static func pathProblem(_ path: String, fileSystem: any FileSystem) -> String? {
        if path.hasPrefix("/") { return "is absolute" }
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard FileSystemPaths.isConfined(trimmed), !trimmed.isEmpty else {
            return trimmed.isEmpty || trimmed == "." ? "is the registry root itself" : "climbs out of the registry or has an empty, '.' or '..' part"
        }
        // Every existing part must be a plain folder (or, for the last, not a link): a link could lead out.
        var prefix = ""
        for component in trimmed.split(separator: "/") {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            switch fileSystem.kind(of: prefix) {
            case nil: return nil  // The rest does not exist yet; nothing to follow.
            case .directory?: continue
            case .symlink?: return "passes through the symbolic link '\(prefix)'"
            case .file?, .special?: return prefix == trimmed ? nil : "passes through the file '\(prefix)'"
            }
        }
        return nil
    }

    /// The registry's inputs, relative to the root: what the loader reads, the configured templates folder,
    /// and git's history.
    static func inputs(templates: String) -> [String] {
        InputDiscoverer.readNames.sorted() + ["schemas", templates, ".git"]
    }

    /// The input that a root-relative output path is, lies inside, or contains; nil when it overlaps none.
    static func overlappingInput(_ output: String, templates: String) -> String? {
        let out = output.split(separator: "/").map(String.init)
        for input in inputs(templates: templates) {
            let parts = input.split(separator: "/").map(String.init)
            let shared = min(out.count, parts.count)
            if Array(out.prefix(shared)) == Array(parts.prefix(shared)) { return input }
        }
        return nil
    }

    static func overlapSummary(output: String, input: String) -> String {
        let out = output.split(separator: "/"), parts = input.split(separator: "/")
        if out.count == parts.count { return "the output folder '\(output)' is the registry's input '\(input)'" }
        if out.count > parts.count { return "the output folder '\(output)' lies inside the registry's input '\(input)'" }
        return "the output folder '\(output)' contains the registry's input '\(input)'"
    }
}
