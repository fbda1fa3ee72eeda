public import CSEDiagnostics

/// One change between two snapshots.
public struct Change: Sendable {
    public enum Subject: String, Sendable, CaseIterable {
        case signal, mapping, framework, control, contract
    }

    public enum Action: String, Sendable, CaseIterable {
        case added, removed, deprecated, reactivated, changed
    }

    /// One field's values before and after (nil where absent).
    public struct Field: Sendable {
        public var name: String
        public var before: JSONValue?
        public var after: JSONValue?
    }

    public var subject: Subject
    public var action: Action
    /// The signal, mapping or control ID, the framework code, or the contract document (`schemas/signal.schema.json`).
    public var id: String
    /// The framework of a control.
    public var framework: String?
    /// A signal's name or a control's title, for readers.
    public var title: String?
    public var level: ChangeLevel
    /// Why it has its level, in a few words ("a released ID disappears").
    public var reason: String
    public var fields: [Field] = []
    /// For contract changes: the facts that appeared or disappeared.
    public var facts: [String] = []
}

/// What an author declares about the next release that no tool can see (`release.yaml`): that a signal's
/// meaning changed, or why a deprecated signal is active again.
public struct ReleaseDeclaration: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// What the signal means changed (its condition is narrower, wider or different): a major change.
        case meaning
        /// A deprecated signal is active again.
        case reactivation
    }

    public var signal: String
    public var kind: Kind
    public var reason: String
    public var range: SourceRange?

    public init(signal: String, kind: Kind, reason: String, range: SourceRange? = nil) {
        self.signal = signal
        self.kind = kind
        self.reason = reason
        self.range = range
    }
}

/// The changes from one snapshot to another and the semantic-versioning class of the whole
/// (docs/releases.md "What counts as major, minor, patch").
public struct RegistryDiff: Sendable {
    public var from: (label: String, version: String?)
    public var to: (label: String, version: String?)
    /// Sorted by subject, then ID (byte order), then framework.
    public var changes: [Change]
    public var declarations: [ReleaseDeclaration]
    /// True when one side is a bare bundle: signals' prose and the contract were not compared.
    public var partial: Bool

    /// The class of the whole: the greatest of its changes' (`none` when there are none).
    public var level: ChangeLevel { changes.map(\.level).max() ?? .none }

    public func count(_ subject: Change.Subject, _ action: Change.Action) -> Int {
        changes.count { $0.subject == subject && $0.action == action }
    }

    public init(from a: Snapshot, to b: Snapshot) {
        from = (a.label, a.version)
        to = (b.label, b.version)
        // Declarations of the releases after A, up to B, and B's own (when B is read from sources).
        let since = a.version.flatMap(SemanticVersion.init)
        declarations = b.publishedDeclarations.filter { entry in since.map { entry.version > $0 } ?? true }.map(\.declaration) + b.declarations
        partial = !a.hasFullDefinitions || !b.hasFullDefinitions || a.contract == nil || b.contract == nil
        var changes: [Change] = []
        let meaning = Dictionary(declarations.filter { $0.kind == .meaning }.map { ($0.signal, $0) }, uniquingKeysWith: { x, _ in x })
        let compareProse = a.hasFullDefinitions && b.hasFullDefinitions
        Self.signalChanges(a.signals, b.signals, meaning: meaning, compareProse: compareProse, into: &changes)
        Self.mappingChanges(a.mappings, b.mappings, into: &changes)
        Self.frameworkChanges(a.frameworks, b.frameworks, into: &changes)
        if let ca = a.contract, let cb = b.contract { Self.contractChanges(ca, cb, into: &changes) }
        let order = Dictionary(uniqueKeysWithValues: Change.Subject.allCases.enumerated().map { ($1, $0) })
        changes.sort {
            if $0.subject != $1.subject { return order[$0.subject]! < order[$1.subject]! }
            if $0.framework != $1.framework { return ($0.framework ?? "").utf8Precedes($1.framework ?? "") }
            return $0.id.utf8Precedes($1.id)
        }
        self.changes = changes
    }

    /// The fields whose values differ, in byte order of their names (only those both have, when `commonOnly`).
    static func fieldChanges(_ old: [String: JSONValue], _ new: [String: JSONValue], commonOnly: Bool = false) -> [Change.Field] {
        let names = commonOnly ? Set(old.keys).intersection(new.keys) : Set(old.keys).union(new.keys)
        return names.sorted(by: { $0.utf8Precedes($1) }).compactMap { name in
            old[name] == new[name] ? nil : Change.Field(name: name, before: old[name], after: new[name])
        }
    }

    // MARK: - Signals

    /// Fields whose change moves or re-dates a released ID: consumers key on them.
    static let identityFields: Set<String> = ["domain", "category", "introduced_in"]

    private static func signalChanges(
        _ a: [String: SnapshotRecord], _ b: [String: SnapshotRecord], meaning: [String: ReleaseDeclaration], compareProse: Bool,
        into changes: inout [Change]
    ) {
        for (id, old) in a where b[id] == nil {
            changes.append(
                Change(
                    subject: .signal, action: .removed, id: id, title: old["canonical_name"] ?? old["name"], level: .major, reason: "a released ID disappears"))
        }
        for (id, new) in b {
            guard let old = a[id] else {
                changes.append(
                    Change(subject: .signal, action: .added, id: id, title: new["canonical_name"] ?? new["name"], level: .minor, reason: "a new signal"))
                continue
            }
            let declared = meaning[id]
            if old.sameBytes(new) && declared == nil { continue }
            // A bare bundle carries index entries only (`name` for `canonical_name`): compare what both have.
            let fields = Self.fieldChanges(old.fields, new.fields, commonOnly: !compareProse)
            guard !fields.isEmpty || declared != nil else { continue }
            let title = new["canonical_name"] ?? new["name"]
            let statusChange = fields.first { $0.name == "status" }
            var change = Change(subject: .signal, action: .changed, id: id, title: title, level: .patch, reason: "editorial: text or metadata", fields: fields)
            if declared != nil {
                change.level = .major
                change.reason = "its meaning changed, as its author declared"
            } else if let identity = fields.first(where: { identityFields.contains($0.name) }) {
                change.level = .major
                change.reason = "its \(identity.name) changed"
            } else if statusChange?.after == .string("deprecated") {
                change.action = .deprecated
                change.level = .minor
                change.reason = "deprecated" + (new["replaced_by"].map { " in favour of \($0)" } ?? "")
            } else if statusChange?.after == .string("active") {
                change.action = .reactivated
                change.level = .minor
                change.reason = "a deprecated signal is active again"
            } else if fields.contains(where: { $0.name == "replaced_by" || $0.name == "deprecated_in" }) {
                change.level = .minor
                change.reason = "its deprecation record changed"
            }
            changes.append(change)
        }
    }

    // MARK: - Mappings

    /// Fields whose change alters what a mapping asserts, not how it is explained.
    static let assertionFields: Set<String> = ["relationship", "provenance.source", "target.framework", "target.id", "target.type", "source.id"]

    private static func mappingChanges(_ a: [String: SnapshotRecord], _ b: [String: SnapshotRecord], into changes: inout [Change]) {
        for (id, _) in a where b[id] == nil {
            changes.append(Change(subject: .mapping, action: .removed, id: id, level: .major, reason: "a released mapping disappears"))
        }
        for (id, new) in b {
            guard let old = a[id] else {
                changes.append(Change(subject: .mapping, action: .added, id: id, level: .minor, reason: "a new mapping"))
                continue
            }
            if old.sameBytes(new) { continue }
            let fields = Self.fieldChanges(old.fields, new.fields)
            guard !fields.isEmpty else { continue }
            let asserted = fields.first { assertionFields.contains($0.name) }
            changes.append(
                Change(
                    subject: .mapping, action: .changed, id: id, level: asserted == nil ? .patch : .minor,
                    reason: asserted.map { "its \($0.name) changed" } ?? "its confidence, justification or references changed", fields: fields))
        }
    }

    // MARK: - Frameworks and controls

    private static func frameworkChanges(_ a: [String: FrameworkSnapshot], _ b: [String: FrameworkSnapshot], into changes: inout [Change]) {
        for (code, _) in a where b[code] == nil {
            changes.append(Change(subject: .framework, action: .removed, id: code, level: .major, reason: "a framework that mappings targeted disappears"))
        }
        for (code, new) in b {
            guard let old = a[code] else {
                changes.append(
                    Change(
                        subject: .framework, action: .added, id: code, title: new.fields["name"].flatMap(\.stringValue), level: .minor,
                        reason: "a new framework"))
                continue
            }
            let fields = Self.fieldChanges(old.fields, new.fields)
            if !fields.isEmpty {
                let versioned = fields.contains { $0.name == "version" }
                changes.append(
                    Change(
                        subject: .framework, action: .changed, id: code, level: versioned ? .minor : .patch,
                        reason: versioned ? "the catalog's edition changed" : "editorial", fields: fields))
            }
            for (id, control) in old.controls where new.controls[id] == nil {
                changes.append(
                    Change(
                        subject: .control, action: .removed, id: id, framework: code, title: control["title"], level: .major,
                        reason: "a control disappears from its catalog"))
            }
            for (id, control) in new.controls {
                guard let before = old.controls[id] else {
                    changes.append(
                        Change(subject: .control, action: .added, id: id, framework: code, title: control["title"], level: .minor, reason: "a new control"))
                    continue
                }
                let fields = Self.fieldChanges(before.fields, control.fields)
                guard !fields.isEmpty else { continue }
                let withdrawn = fields.contains { $0.name == "withdrawn" }
                changes.append(
                    Change(
                        subject: .control, action: .changed, id: id, framework: code, title: control["title"], level: withdrawn ? .minor : .patch,
                        reason: withdrawn ? "withdrawn by its publisher" : "its title changed", fields: fields))
            }
        }
    }

    // MARK: - Contract

    private static func contractChanges(_ a: [String: Set<String>], _ b: [String: Set<String>], into changes: inout [Change]) {
        for (name, _) in a where b[name] == nil {
            changes.append(Change(subject: .contract, action: .removed, id: name, level: .major, reason: "a published schema disappears"))
        }
        for (name, facts) in b {
            guard let old = a[name] else {
                changes.append(Change(subject: .contract, action: .added, id: name, level: .minor, reason: "a new published schema"))
                continue
            }
            let removed = old.subtracting(facts), added = facts.subtracting(old)
            if !removed.isEmpty {
                changes.append(
                    Change(
                        subject: .contract, action: .changed, id: name, level: .major, reason: "a field, path or value readers rely on disappears",
                        facts: removed.sorted().map { "- " + $0 }))
            }
            if !added.isEmpty {
                changes.append(
                    Change(
                        subject: .contract, action: .changed, id: name, level: .minor, reason: "new fields, paths or values",
                        facts: added.sorted().map { "+ " + $0 }))
            }
        }
    }
}

extension JSONValue {
    /// The string of a `.string` value.
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
