public import CSEDiagnostics
import Crypto

/// What `cse release` was asked for.
public struct ReleaseRequest: Sendable {
    /// An exact version (`--version`).
    public var version: String?
    /// A bump of the last release (`--bump`).
    public var bump: ChangeLevel?
    /// RFC 3339 publication time.
    public var publishedAt: String

    public init(version: String? = nil, bump: ChangeLevel? = nil, publishedAt: String) {
        self.version = version
        self.bump = bump
        self.publishedAt = publishedAt
    }
}

/// The last release, as `registry/` holds it.
public struct PreviousRelease: Sendable {
    public var snapshot: Snapshot
    public var history: ReleaseHistory
    /// The changelog files of earlier releases, carried into the new folder byte for byte.
    public var changelogs: [OutputFile]

    public init(snapshot: Snapshot, history: ReleaseHistory, changelogs: [OutputFile]) {
        self.snapshot = snapshot
        self.history = history
        self.changelogs = changelogs
    }

    /// Reads `registry/` of a registry root; nil when there is none (the first release).
    public static func read(_ fs: any FileSystem) -> (PreviousRelease?, [Diagnostic]) {
        guard fs.kind(of: ReleaseFolder.historyFile) == .file else { return (nil, []) }
        let prefix = ReleaseFolder.path + "/"
        let (snapshot, history, problems) = ReleaseFolder.read(fs, prefix: prefix, label: "registry")
        guard let snapshot, let history, problems.isEmpty else { return (nil, problems) }
        var changelogs: [OutputFile] = []
        for entry in ((try? fs.entries(of: prefix + "changelog")) ?? []).sorted(by: { $0.name.utf8Precedes($1.name) }) where entry.kind == .file {
            if let bytes = try? fs.contents(of: prefix + "changelog/" + entry.name, limit: InputLimits.releaseFileSize) {
                changelogs.append(OutputFile(path: "changelog/" + entry.name, bytes: bytes))
            }
        }
        return (PreviousRelease(snapshot: snapshot, history: history, changelogs: changelogs), [])
    }
}

/// A release ready to write: its version, its changes, and the builder of its folder.
public struct PreparedRelease: Sendable {
    public var version: String
    public var diff: RegistryDiff
    public var history: ReleaseHistory
    /// Writes `registry/` (the build's bundle, mappings and schemas, the comparison files, the history).
    public var builder: RegistryBuilder
    /// The section this release adds to `CHANGELOG.md`.
    public var changelogSection: String
}

/// Decides a release's version from the changes since the last one, and plans its folder (docs/releases.md).
public enum ReleasePlanner {
    /// What a release folder holds of the build's outputs.
    public static let outputs: Set<OutputKind> = [.bundle, .mappings, .schemas]

    public static func prepare(
        registry: Registry, schemas: SchemaCatalog, previous: PreviousRelease?, declarations: [ReleaseDeclaration], request: ReleaseRequest
    ) -> (PreparedRelease?, [Diagnostic]) {
        var current = Snapshot(registry: registry, schemas: schemas, label: "sources", publishedAt: request.publishedAt)
        current.declarations = declarations
        let last = previous.flatMap { $0.history.latest.flatMap { SemanticVersion($0.version) } ?? $0.snapshot.version.flatMap(SemanticVersion.init) }
        let base = previous?.snapshot ?? Snapshot(label: "nothing", signals: [:], mappings: [:], frameworks: [:], contract: [:], hasFullDefinitions: true)
        let probe = RegistryDiff(from: base, to: current)
        if previous != nil, probe.changes.isEmpty {
            return (
                nil,
                [
                    Diagnostic(
                        .releaseNoChanges, range: nil, summary: "nothing changed since \(last.map { "\($0)" } ?? "the last release")",
                        hint: "the last release stands; `cse diff registry .` shows what a release would publish")
                ]
            )
        }
        // The smallest version the changes allow, and no smaller than a new signal's own `introduced_in`.
        // A first release has no floor but its signals' own versions.
        var minimum = last.map { $0.bumped(max(probe.level, .patch)) } ?? SemanticVersion(major: 0, minor: 0, patch: 1)
        var floorReason = last.map { "the changes since \($0) are \(probe.level.name)" } ?? "no version is smaller"
        for change in probe.changes where change.subject == .signal && (change.action == .added || change.action == .deprecated) {
            guard let s = registry.signalPosition(change.id).map({ registry.signals[$0] }) else { continue }
            for text in [s.introducedIn, s.deprecatedIn].compactMap({ $0 }) {
                if let v = SemanticVersion(text), v > minimum {
                    minimum = v
                    floorReason = "\(s.id) gives \(v)"
                }
            }
        }
        let target: SemanticVersion
        if let text = request.version {
            guard let v = SemanticVersion(text) else {
                return (nil, [Diagnostic(.releaseVersionTooSmall, range: nil, summary: "'\(text)' is not a MAJOR.MINOR.PATCH version")])
            }
            target = v
        } else if let bump = request.bump, let last {
            target = last.bumped(bump)
        } else if last == nil {
            // The first release takes cse.yaml's version (or more, when a signal says so).
            target = max(SemanticVersion(registry.config.version) ?? minimum, minimum)
        } else {
            target = minimum
        }
        if let last, target <= last {
            return (nil, [tooSmall(target, "it is not greater than the last release, \(last)", minimum: minimum)])
        }
        if target < minimum {
            return (nil, [tooSmall(target, "it is smaller than \(minimum): \(floorReason)", minimum: minimum)])
        }

        var released = registry
        released.config.version = target.description
        released.config.publishedAt = request.publishedAt
        released.config.outputs = outputs
        let context = BuildContext(registry: released, publishedAt: request.publishedAt)
        var diff = probe
        diff.from = (last.map { "v\($0)" } ?? "nothing", last?.description)
        diff.to = ("v\(target)", target.description)

        let entry = ReleaseHistory.Entry(
            version: target.description, publishedAt: request.publishedAt, checksum: bundleChecksum(released), previous: last?.description,
            level: last == nil ? "initial" : diff.level.name, signals: released.signals.count, mappings: released.mappings.count,
            added: diff.count(.signal, .added),
            changed: diff.count(.signal, .changed) + diff.count(.signal, .reactivated), deprecated: diff.count(.signal, .deprecated),
            removed: diff.count(.signal, .removed), declarations: declarations)
        let history = ReleaseHistory(entries: [entry] + (previous?.history.entries ?? []))
        let report = DiffReport(diff)
        var extra = ReleaseFolder.comparisonFiles(context: context, snapshot: current)
        extra.append(OutputFile(path: ReleaseFolder.historyFile.dropFirst(ReleaseFolder.path.count + 1).description, json: history.json()))
        extra.append(OutputFile(path: entry.changesPath, json: report.json()))
        extra += (previous?.changelogs ?? []).filter { $0.path != entry.changesPath }
        var builder = RegistryBuilder(context: context, schemas: schemas)
        builder.extraFiles = extra
        return (
            PreparedRelease(
                version: target.description, diff: diff, history: history, builder: builder,
                changelogSection: report.changelogSection(version: target.description, date: String(request.publishedAt.prefix(10)))), []
        )
    }

    private static func tooSmall(_ v: SemanticVersion, _ why: String, minimum: SemanticVersion) -> Diagnostic {
        Diagnostic(
            .releaseVersionTooSmall, range: nil, summary: "cannot release \(v): \(why)", hint: "release \(minimum) or later (omit --version to take \(minimum))"
        )
    }

    /// The bundle's checksum (`registry.checksum`): SHA-256 of the compact `signals` array.
    static func bundleChecksum(_ registry: Registry) -> String {
        var array = JSONStream(capacity: 64 * registry.signals.count + 2)
        array.beginArray()
        for s in registry.signals { array.raw(SignalDocuments.IndexEntry(s).compact) }
        array.endArray()
        return "sha256:" + ReleaseEmitter.hex(SHA256.hash(data: array.bytes))
    }
}

extension DiffReport {
    /// The section a release adds to `CHANGELOG.md`: counts, then each signal change, and mappings, controls
    /// and contract changes one by one when there are few (their full list is in the JSON changelog).
    public func changelogSection(version: String, date: String) -> String {
        var out = "## \(version) — \(date)\n\n"
        let level = diff.from.version == nil ? "first release" : diff.level.name
        out += "Class: **\(level)**. Machine-readable: [`registry/changelog/\(version).json`](registry/changelog/\(version).json).\n\n"
        for d in diff.declarations { out += "- Declared (\(d.kind.rawValue)) `\(d.signal)`: \(Escaping.markdownInline(d.reason))\n" }
        if !diff.declarations.isEmpty { out += "\n" }
        for subject in Change.Subject.allCases {
            for action in Change.Action.allCases {
                let group = diff.changes.filter { $0.subject == subject && $0.action == action }
                guard !group.isEmpty else { continue }
                out += "### \(action.rawValue.capitalized) \(Self.plural(subject)) (\(group.count))\n\n"
                if subject != .signal && group.count > 50 {
                    out += "\(group.count) \(Self.plural(subject)) \(action.rawValue); the JSON changelog lists each.\n\n"
                    continue
                }
                for c in group {
                    let name = (c.framework.map { "\($0) " } ?? "") + "`\(c.id)`"
                    let title = c.title.map { " — " + Escaping.markdownInline($0) } ?? ""
                    let detail = action == .added ? "" : " (\(c.level.name): \(Escaping.markdownInline(c.reason)))"
                    out += "- \(name)\(title)\(detail)\n"
                }
                out += "\n"
            }
        }
        return out
    }
}
