public import CSEDiagnostics

/// How `cse diff` writes a diff (docs/releases.md "cse diff").
public enum DiffFormat: String, Sendable, CaseIterable {
    /// For a terminal.
    case human
    /// For a pull-request comment or a job summary.
    case markdown
    /// `schemas/changes.schema.json`; also the shape of `registry/changelog/<version>.json`.
    case json
    /// GitHub workflow commands: a notice per breaking change and a summary line.
    case github
}

/// Renders a ``RegistryDiff`` in each ``DiffFormat``.
public struct DiffReport: Sendable {
    public var diff: RegistryDiff

    public init(_ diff: RegistryDiff) { self.diff = diff }

    /// The version of the JSON shape (`schemas/changes.schema.json`).
    public static let schemaVersion = "1.0"

    public func render(_ format: DiffFormat) -> String {
        switch format {
        case .human: human()
        case .markdown: markdown()
        case .json: JSONWriter(style: .pretty).string(json()) + "\n"
        case .github: github()
        }
    }

    // MARK: - JSON

    public func json() -> JSONValue {
        .object([
            ("schema_version", .string(Self.schemaVersion)),
            ("from", side(diff.from)), ("to", side(diff.to)),
            ("level", .string(diff.level.name)),
            ("partial", .bool(diff.partial)),
            ("summary", summary()),
            (
                "declarations",
                .array(
                    diff.declarations.map { d in .object([("signal", .string(d.signal)), ("kind", .string(d.kind.rawValue)), ("reason", .string(d.reason))]) })
            ),
            ("changes", .array(diff.changes.map(entry))),
        ])
    }

    private func side(_ s: (label: String, version: String?)) -> JSONValue {
        .object(dropping: [("label", .string(s.label)), ("version", s.version.map(JSONValue.string))])
    }

    /// Counts by subject and action, every pair present (zero included) so readers need no defaults.
    private func summary() -> JSONValue {
        .object(
            Change.Subject.allCases.map { subject in
                (subject.rawValue, .object(Change.Action.allCases.map { ($0.rawValue, .int(diff.count(subject, $0))) }))
            })
    }

    private func entry(_ c: Change) -> JSONValue {
        .object(dropping: [
            ("subject", .string(c.subject.rawValue)), ("action", .string(c.action.rawValue)), ("id", .string(c.id)),
            ("framework", c.framework.map(JSONValue.string)), ("title", c.title.map(JSONValue.string)),
            ("level", .string(c.level.name)), ("reason", .string(c.reason)),
            (
                "fields",
                c.fields.isEmpty
                    ? nil : .array(c.fields.map { f in .object(dropping: [("field", .string(f.name)), ("before", f.before), ("after", f.after)]) })
            ),
            ("facts", c.facts.isEmpty ? nil : .array(c.facts.map(JSONValue.string))),
        ])
    }

    // MARK: - Text

    private var heading: String {
        let from = diff.from.version.map { "\(diff.from.label) (\($0))" } ?? diff.from.label
        let to = diff.to.version.map { "\(diff.to.label) (\($0))" } ?? diff.to.label
        return "\(from) → \(to)"
    }

    /// One line per subject: "signals: 3 added, 1 deprecated".
    private func countLines() -> [String] {
        Change.Subject.allCases.compactMap { subject in
            let parts = Change.Action.allCases.compactMap { action -> String? in
                let n = diff.count(subject, action)
                return n == 0 ? nil : "\(n) \(action.rawValue)"
            }
            return parts.isEmpty ? nil : "\(Self.plural(subject)): " + parts.joined(separator: ", ")
        }
    }

    static func plural(_ s: Change.Subject) -> String {
        switch s {
        case .signal: "signals"
        case .mapping: "mappings"
        case .framework: "frameworks"
        case .control: "controls"
        case .contract: "contract documents"
        }
    }

    private func name(_ c: Change) -> String {
        (c.framework.map { "\($0) " } ?? "") + c.id + (c.title.map { " — \($0)" } ?? "")
    }

    private static func show(_ v: JSONValue?) -> String {
        guard let v else { return "(absent)" }
        if case .string(let s) = v { return s.count > 120 ? String(s.prefix(117)) + "…" : s }
        let text = JSONWriter(style: .compact).string(v)
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }

    func human() -> String {
        var out = "\(heading): "
        guard !diff.changes.isEmpty else { return out + "no changes\n" }
        out += "\(diff.changes.count) change\(diff.changes.count == 1 ? "" : "s"), \(diff.level.name)\n"
        if diff.partial { out += "note: one side is a bare bundle: prose, mappings and the contract were not compared\n" }
        for line in countLines() { out += "  \(line)\n" }
        out += "\n"
        for c in diff.changes {
            out += "\(c.level.name.uppercased()) \(c.subject.rawValue) \(c.action.rawValue): \(name(c)) (\(c.reason))\n"
            for f in c.fields { out += "    \(f.name): \(Self.show(f.before)) → \(Self.show(f.after))\n" }
            for fact in c.facts.prefix(20) { out += "    \(fact)\n" }
            if c.facts.count > 20 { out += "    … \(c.facts.count - 20) more\n" }
        }
        return out
    }

    func markdown() -> String {
        var out = "### CSE registry changes: \(Escaping.markdownInline(heading))\n\n"
        guard !diff.changes.isEmpty else { return out + "No changes.\n" }
        out += "**\(diff.level.name)** — \(diff.changes.count) change\(diff.changes.count == 1 ? "" : "s")"
        out += diff.level == .major ? " (breaking for consumers)\n\n" : "\n\n"
        if diff.partial { out += "_One side is a bare bundle: prose, mappings and the contract were not compared._\n\n" }
        for line in countLines() { out += "- \(line)\n" }
        for level in ChangeLevel.allCases.reversed() where level != .none {
            let group = diff.changes.filter { $0.level == level }
            guard !group.isEmpty else { continue }
            out += "\n#### \(level.name.capitalized) (\(group.count))\n\n| | What | Why |\n|---|---|---|\n"
            for c in group.prefix(200) {
                var what = "`\(Escaping.markdownInline(c.id))`" + (c.framework.map { " (\(Escaping.markdownInline($0)))" } ?? "")
                if let title = c.title { what += " " + Self.cell(title) }
                var why = Self.cell(c.reason)
                let detail = c.fields.map { "\($0.name)" } + c.facts.prefix(5).map { $0 }
                if !detail.isEmpty { why += "<br>" + Self.cell(detail.joined(separator: ", ")) }
                out += "| \(c.subject.rawValue) \(c.action.rawValue) | \(what) | \(why) |\n"
            }
            if group.count > 200 { out += "\n… and \(group.count - 200) more (`cse diff --format json` lists every one).\n" }
        }
        return out
    }

    /// Text safe in a markdown table cell.
    private static func cell(_ s: String) -> String {
        Escaping.markdownInline(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    func github() -> String {
        var out = ""
        for c in diff.changes where c.level == .major {
            let kind = "error"
            out += "::\(kind) title=\(Escaping.workflowCommandProperty("breaking \(c.subject.rawValue) change"))::"
            out += Escaping.workflowCommandData("\(c.subject.rawValue) \(c.action.rawValue): \(name(c)) — \(c.reason)") + "\n"
        }
        let counts = countLines().joined(separator: "; ")
        out +=
            "::notice title=cse diff::" + Escaping.workflowCommandData("\(heading): \(diff.level.name)" + (counts.isEmpty ? ", no changes" : " — \(counts)"))
            + "\n"
        return out
    }
}
