public import CSEDiagnostics
import CSEYAML

/// Every version ever published (`registry/releases.json`, `schemas/releases.schema.json`), newest first.
public struct ReleaseHistory: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var version: String
        public var publishedAt: String
        /// The bundle's checksum (`registry.checksum` of `cse-registry.json`).
        public var checksum: String
        public var previous: String?
        /// The semantic-versioning class of the changes from the previous release.
        public var level: String
        public var signals: Int
        public var mappings: Int
        public var added: Int
        public var changed: Int
        public var deprecated: Int
        public var removed: Int
        /// What the release's author declared (`release.yaml`), so that a diff across releases counts it.
        public var declarations: [ReleaseDeclaration] = []

        /// The machine-readable changes, relative to the release folder.
        public var changesPath: String { "changelog/\(version).json" }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public static let schemaVersion = "1.0"

    init?(_ node: Node) {
        guard let list = node["releases"]?.array else { return nil }
        var entries: [Entry] = []
        for item in list {
            guard let version = item["version"]?.string, let date = item["published_at"]?.string, let checksum = item["checksum"]?.string,
                let counts = item["counts"]
            else { return nil }
            func count(_ key: String) -> Int { counts[key]?.int ?? 0 }
            entries.append(
                Entry(
                    version: version, publishedAt: date, checksum: checksum, previous: item["previous"]?.string, level: item["level"]?.string ?? "none",
                    signals: count("signals"), mappings: count("mappings"), added: count("added"), changed: count("changed"),
                    deprecated: count("deprecated"), removed: count("removed"),
                    declarations: (item["declarations"]?.array ?? []).compactMap { d in
                        guard let signal = d["signal"]?.string, let kind = d["kind"]?.string.flatMap(ReleaseDeclaration.Kind.init),
                            let reason = d["reason"]?.string
                        else { return nil }
                        return ReleaseDeclaration(signal: signal, kind: kind, reason: reason)
                    }))
        }
        self.entries = entries
    }

    public var latest: Entry? { entries.first }

    /// The history document; `changes` gives each release's link to its changes, relative to the file that
    /// holds the document (`changelog/<v>.json` in `registry/releases.json`).
    public func json(changes: (Entry) -> String = \.changesPath) -> JSONValue {
        .object([
            ("schema_version", .string(Self.schemaVersion)),
            ("latest", latest.map { .string($0.version) } ?? .null),
            ("releases", .array(entries.map { Self.entryJSON($0, changes: changes($0)) })),
        ])
    }

    static func entryJSON(_ e: Entry, changes: String) -> JSONValue {
        .object(dropping: [
            ("version", .string(e.version)), ("published_at", .string(e.publishedAt)), ("checksum", .string(e.checksum)),
            ("previous", e.previous.map(JSONValue.string)), ("level", .string(e.level)),
            (
                "counts",
                .object([
                    ("signals", .int(e.signals)), ("mappings", .int(e.mappings)), ("added", .int(e.added)), ("changed", .int(e.changed)),
                    ("deprecated", .int(e.deprecated)), ("removed", .int(e.removed)),
                ])
            ),
            ("changes", .string(changes)),
            (
                "declarations",
                e.declarations.isEmpty
                    ? nil
                    : .array(
                        e.declarations.map { d in .object([("signal", .string(d.signal)), ("kind", .string(d.kind.rawValue)), ("reason", .string(d.reason))]) })
            ),
        ])
    }
}

/// The author's declarations for the next release (`release.yaml` at the registry root, docs/releases.md).
public enum DeclarationsFile {
    public static let path = "release.yaml"

    /// What `cse release` leaves in the file once it has recorded the declarations in the changelog.
    public static let emptied = """
        # Declarations for the next release (docs/releases.md "Declaring what no tool can see").
        # `cse release` records them in the changelog and empties this list.
        declarations: []

        """

    /// Reads the declarations; a file that does not have the documented shape is an error at its position.
    public static func read(_ fs: any FileSystem) -> ([ReleaseDeclaration], [Diagnostic]) {
        guard fs.kind(of: path) != nil else { return ([], []) }
        let bytes: [UInt8]
        do { bytes = try fs.contents(of: path) } catch { return ([], [Diagnostic(.inputUnreadable, range: .file(path), summary: "\(error)")]) }
        let (node, found) = DocumentLoader.load(bytes, path: path, format: .yaml)
        guard let node else { return ([], found) }
        var out: [ReleaseDeclaration] = []
        var problems = found
        func invalid(_ at: Node, _ what: String) {
            problems.append(
                Diagnostic(
                    .releaseInvalidDeclaration, range: SourceRange(file: path, span: at.span), summary: what,
                    hint: "each declaration is `signal: <ID>`, `kind: meaning` or `kind: reactivation`, and a `reason`"))
        }
        guard let list = node["declarations"]?.array, node.members?.allSatisfy({ $0.key == "declarations" }) == true else {
            invalid(node, "release.yaml must hold one key, `declarations`, a list")
            return ([], problems)
        }
        for item in list {
            guard let signal = item["signal"]?.string, let kindText = item["kind"]?.string else {
                invalid(item, "a declaration needs `signal` and `kind`")
                continue
            }
            guard let kind = ReleaseDeclaration.Kind(rawValue: kindText) else {
                invalid(item["kind"]!, "unknown kind '\(kindText)'; use `meaning` or `reactivation`")
                continue
            }
            guard let reason = item["reason"]?.string, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                invalid(item, "a declaration needs a `reason`: it is published in the changelog")
                continue
            }
            if let extra = item.members?.first(where: { !["signal", "kind", "reason"].contains($0.key) }) {
                invalid(extra.value, "unknown key '\(extra.key)'")
                continue
            }
            out.append(ReleaseDeclaration(signal: signal, kind: kind, reason: reason, range: SourceRange(file: path, span: item.span)))
        }
        return (out, problems)
    }
}
