public import CSEDiagnostics
import CSEYAML

/// Two gap analyses (JSON written by `cse gap-analysis`) compared: per framework, the controls newly
/// affected, no longer affected (resolved) and affected in both.
public struct GapComparison: Sendable {
    public struct Entry: Sendable, Hashable, Comparable {
        public var id: String
        public var title: String
        public static func < (a: Entry, b: Entry) -> Bool { a.id < b.id }
    }

    public struct FrameworkChange: Sendable, Hashable {
        public var code: String
        public var newlyAffected: [Entry]
        public var resolved: [Entry]
        public var unchanged: [Entry]
    }

    public var frameworks: [FrameworkChange]

    /// Reads a gap-analysis document, checked against gap-analysis.schema.json.
    public static func read(_ bytes: [UInt8], path: String, schemas: SchemaCatalog) -> (Node?, [Diagnostic]) {
        let (node, found) = DocumentLoader.load(bytes, path: path, format: .json)
        guard let node, !found.containsErrors else { return (nil, found) }
        let schemaDiagnostics = schemas.validate(node, schema: "gap-analysis.schema.json", file: path)
        return (schemaDiagnostics.containsErrors ? nil : node, found + schemaDiagnostics)
    }

    public init(before: Node, after: Node) {
        func affected(_ doc: Node) -> [String: [String: Entry]] {
            var out: [String: [String: Entry]] = [:]
            for fw in doc["frameworks"]?.array ?? [] {
                guard let code = fw["code"]?.string else { continue }
                var entries: [String: Entry] = [:]
                for c in fw["affected_controls"]?.array ?? [] {
                    if let id = c["id"]?.string { entries[id] = Entry(id: id, title: c["title"]?.string ?? "") }
                }
                out[code] = entries
            }
            return out
        }
        let b = affected(before), a = affected(after)
        frameworks = Set(b.keys).union(a.keys).sorted().map { code in
            let old = b[code] ?? [:], new = a[code] ?? [:]
            return FrameworkChange(
                code: code,
                newlyAffected: new.filter { old[$0.key] == nil }.values.sorted(),
                resolved: old.filter { new[$0.key] == nil }.values.sorted(),
                unchanged: new.filter { old[$0.key] != nil }.values.sorted())
        }
    }

    public func json() -> JSONValue {
        func list(_ e: [Entry]) -> JSONValue { .array(e.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) }) }
        return .object([
            ("schema_version", "1.0"),
            (
                "frameworks",
                .array(
                    frameworks.map { f in
                        .object([
                            ("code", .string(f.code)),
                            (
                                "summary",
                                .object([
                                    ("newly_affected", .int(f.newlyAffected.count)), ("resolved", .int(f.resolved.count)),
                                    ("unchanged", .int(f.unchanged.count)),
                                ])
                            ),
                            ("newly_affected", list(f.newlyAffected)), ("resolved", list(f.resolved)), ("unchanged", list(f.unchanged)),
                        ])
                    })
            ),
        ])
    }

    public func csv() -> String {
        var out = "framework,control,title,change\n"
        for f in frameworks {
            let rows = f.newlyAffected.map { ($0, "newly-affected") } + f.resolved.map { ($0, "resolved") } + f.unchanged.map { ($0, "unchanged") }
            for (e, change) in rows.sorted(by: { $0.0.id < $1.0.id }) { out += CSV.row([f.code, e.id, e.title, change]) }
        }
        return out
    }

    public func markdown() -> String {
        var out = "# Gap analysis comparison\n"
        for f in frameworks {
            out += "\n## \(f.code)\n\n\(f.newlyAffected.count) newly affected, \(f.resolved.count) resolved, \(f.unchanged.count) unchanged.\n"
            for (title, list) in [("Newly affected", f.newlyAffected), ("Resolved", f.resolved), ("Unchanged", f.unchanged)] where !list.isEmpty {
                out += "\n### \(title)\n\n| Control | Title |\n|---|---|\n"
                for e in list { out += Markdown.row([e.id, e.title]) }
            }
        }
        return out
    }
}
