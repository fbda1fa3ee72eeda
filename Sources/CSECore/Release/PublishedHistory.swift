public import CSEDiagnostics
import CSEYAML

/// What this registry has published, as its `registry/` folder records it: every release and each release's
/// changes. The static API (`/v1/releases/`), the site's Releases page and feed, and each signal's history
/// are written from it (docs/releases.md "Published history").
///
/// Read at load time, like the site's templates: the files are inputs of the build, checked before use.
public struct PublishedHistory: Sendable {
    /// One thing a release did to a signal (a `signal` item of its changes document).
    public struct SignalChange: Sendable, Hashable {
        public var id: String
        public var title: String?
        /// `added`, `changed`, `deprecated`, `reactivated` or `removed` (changes.schema.json's actions).
        public var action: String
        /// The fields that changed, in the document's order.
        public var fields: [String]
        public var reason: String?
    }

    /// A signal's change in one release.
    public struct SignalEvent: Sendable, Hashable {
        public var release: ReleaseHistory.Entry
        public var change: SignalChange
    }

    public var releases: ReleaseHistory
    /// Each release's changes document (changes.schema.json), by version.
    public var changes: [String: JSONValue]
    /// Each release's signal changes, by version, in the document's order.
    public var signalChanges: [String: [SignalChange]]
    /// Each signal's events, oldest release first.
    public var signalEvents: [String: [SignalEvent]]

    public init(releases: ReleaseHistory, changes: [String: JSONValue]) {
        self.releases = releases
        self.changes = changes
        var byRelease: [String: [SignalChange]] = [:]
        var events: [String: [SignalEvent]] = [:]
        for entry in releases.entries.reversed() {
            guard case .array(let items)? = changes[entry.version]?["changes"] else { continue }
            var list: [SignalChange] = []
            for item in items where item["subject"]?.text == "signal" {
                guard let id = item["id"]?.text, let action = item["action"]?.text else { continue }
                var fields: [String] = []
                if case .array(let found)? = item["fields"] { fields = found.compactMap { $0["field"]?.text } }
                let change = SignalChange(id: id, title: item["title"]?.text, action: action, fields: fields, reason: item["reason"]?.text)
                list.append(change)
                events[id, default: []].append(SignalEvent(release: entry, change: change))
            }
            byRelease[entry.version] = list
        }
        signalChanges = byRelease
        signalEvents = events
    }

    /// The history in `registry/` of the registry at `fs`'s root; nil when it has never been released.
    ///
    /// A `releases.json` that cannot be read gives nil without a diagnostic: the permanence rules report it.
    /// A release whose changes file is missing or does not match changes.schema.json is an error at that file,
    /// and the release is published without its changes.
    public static func read(_ fs: any FileSystem, schemas: SchemaCatalog) -> (PublishedHistory?, [Diagnostic]) {
        guard fs.kind(of: ReleaseFolder.historyFile) == .file else { return (nil, []) }
        let reader = ReleaseFolder.Reader(fs: fs, prefix: ReleaseFolder.path + "/")
        guard let node = reader.document("releases.json", required: true).0, let releases = ReleaseHistory(node) else { return (nil, []) }
        let versions = releases.entries.map(\.version)
        let documents = versions.concurrentMap(minimumBatch: 1) { version -> (JSONValue?, [Diagnostic]) in
            // The version names a file: only a semantic version does (no `/`, no `..`).
            guard SemanticVersion(version) != nil else {
                return (nil, [ReleaseFolder.unreadable(ReleaseFolder.historyFile, "release '\(version)' is not a semantic version")])
            }
            let name = "changelog/\(version).json"
            let (document, problems) = reader.document(name, required: true)
            guard let document, problems.isEmpty else { return (nil, problems) }
            let path = ReleaseFolder.path + "/" + name
            let invalid = schemas.validate(document, schema: "changes.schema.json", file: path).filter { $0.severity == .error }
            guard invalid.isEmpty else {
                return (nil, invalid.map { ReleaseFolder.unreadable(path, "it does not match changes.schema.json: \($0.summary)", span: $0.range?.span) })
            }
            return (JSONValue(document), [])
        }
        var changes: [String: JSONValue] = [:]
        var diagnostics: [Diagnostic] = []
        for (version, (document, problems)) in zip(versions, documents) {
            changes[version] = document
            diagnostics += problems
        }
        return (PublishedHistory(releases: releases, changes: changes), diagnostics)
    }
}

extension JSONValue {
    fileprivate var text: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
