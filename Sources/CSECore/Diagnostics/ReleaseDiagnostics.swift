import CSEDiagnostics

/// The permanence rules (a released ID stays, with the same place and history) and `cse release`'s own
/// checks (docs/releases.md).
extension DiagnosticKind {
    private static let base = "CSE-HIPAA-TECH-NO-ENCRYPTION-001"
    private static let signalFile = DiagnosticExample.signalFile
    private static let controlsFile = DiagnosticExample.controlsFile

    /// A release folder (`registry/`) for examples: version 1.0.0 with these index entries (`id`, `category`,
    /// `introduced_in`, `status` and extra members) and these control lines.
    static func released(_ signals: [(id: String, category: String, introduced: String, status: String)], controls: [String] = []) -> [String: String?] {
        let entries = signals.map { s in
            let deprecated = s.status == "deprecated" ? #", "deprecated_in": "1.0.0""# : ""
            return
                #"{"id": "\#(s.id)", "domain": "HIPAA", "category": "\#(s.category)", "name": "A released signal", "introduced_in": "\#(s.introduced)", "status": "\#(s.status)"\#(deprecated)}"#
        }
        let controlLines =
            (["AC-1", "AC-2", "AC-2(1)"].map { #"{"framework":"TESTFW","id":"\#($0)","title":"t"\#($0 == "AC-2" ? #","mapped":true"# : "")}"# } + controls)
        return [
            "registry/releases.json": #"""
            {"schema_version": "1.0", "latest": "1.0.0", "releases": [{"version": "1.0.0", "published_at": "2026-01-01T00:00:00Z", "checksum": "sha256:0", "level": "major", "counts": {"signals": \#(signals.count), "mappings": 1, "added": \#(signals.count), "changed": 0, "deprecated": 0, "removed": 0}, "changes": "changelog/1.0.0.json"}]}

            """#,
            "registry/cse-registry.ndjson": entries.joined(separator: "\n") + "\n",
            "registry/controls.ndjson": controlLines.joined(separator: "\n") + "\n",
            "registry/changelog/1.0.0.json": releasedChanges,
        ]
    }

    /// The changes file of the examples' release: valid, with no entries (the permanence rules read the NDJSON files).
    private static let releasedChanges: String = {
        let counts = #"{"added": 0, "removed": 0, "deprecated": 0, "reactivated": 0, "changed": 0}"#
        let summary = ["signal", "mapping", "framework", "control", "contract"].map { #""\#($0)": \#(counts)"# }.joined(separator: ", ")
        return #"""
            {"schema_version": "1.0", "from": {"label": "nothing"}, "to": {"label": "v1.0.0", "version": "1.0.0"}, "level": "major", "partial": false, "summary": {\#(summary)}, "declarations": [], "changes": []}

            """#
    }()

    /// The base signal as released in 1.0.0.
    private static let releasedBase = released([(base, "TECH", "1.0.0", "active")])

    /// A second signal of `HIPAA/TECH`, with this status text in place of `status: active`.
    private static func second(_ id: String, introduced: String = "1.0.0", status: String = "status: active") -> [String: String?] {
        DiagnosticExample.signal(id).mapValues { text in
            text.map {
                $0.replacingOccurrences(of: "introduced_in: 1.0.0", with: "introduced_in: \(introduced)").replacingOccurrences(
                    of: "status: active", with: status)
            }
        }
    }

    static let permanenceSignalRemoved = DiagnosticKind(
        "permanence.signal-removed", .error,
        meaning: "a signal the last release published is gone from `signals/`",
        explanation: """
            IDs are permanent: consumers store them in findings and look them up years later. A released signal \
            is never deleted; deprecate it instead (`status: deprecated`, `deprecated_in`, and `replaced_by` when \
            another signal takes over), and it stays at its URL. The diagnostic points at the released entry in \
            `registry/cse-registry.ndjson`.
            """,
        example: DiagnosticExample(
            wrong: released([(base, "TECH", "1.0.0", "active"), ("CSE-HIPAA-TECH-OLD-002", "TECH", "1.0.0", "active")]),
            right: released([(base, "TECH", "1.0.0", "active"), ("CSE-HIPAA-TECH-OLD-002", "TECH", "1.0.0", "active")])
                + second(
                    "CSE-HIPAA-TECH-OLD-002",
                    status: "status: deprecated\ndeprecated_in: 1.1.0\nreplaced_by: CSE-HIPAA-TECH-NO-ENCRYPTION-001"),
            note: "the fix keeps the released signal, deprecated in favour of another"))

    static let permanenceSignalMoved = DiagnosticKind(
        "permanence.signal-moved", .error,
        meaning: "a released signal's domain or category differs from the release's",
        explanation: """
            The domain and category are part of where a signal is published (`signals/<D>/<C>/<ID>/`) and of \
            its ID; moving it would break every pinned URL. Keep the released place; if the signal belongs \
            elsewhere, deprecate it and add a new one there.
            """,
        example: DiagnosticExample(
            wrong: released([(base, "STORAGE", "1.0.0", "active")]), right: releasedBase,
            note: "the release published the signal under STORAGE; the fix keeps it where it was released"))

    static let permanenceIntroducedChanged = DiagnosticKind(
        "permanence.introduced-changed", .error,
        meaning: "a released signal's `introduced_in` differs from the release's",
        explanation: "`introduced_in` is history: the version that first published the signal. It never changes once released.",
        example: DiagnosticExample(
            wrong: released([(base, "TECH", "0.9.0", "active")]), right: releasedBase,
            note: "the release says 0.9.0 introduced the signal; the fix keeps the released value"))

    static let permanenceIntroducedTooEarly = DiagnosticKind(
        "permanence.introduced-too-early", .error,
        meaning: "a new signal's `introduced_in` is not later than the last release",
        explanation: """
            A signal the last release did not publish cannot have been introduced by it or before it: set \
            `introduced_in` to the version the next release will have (`cse release` refuses a version \
            lower than any new signal's `introduced_in`).
            """,
        example: DiagnosticExample(
            wrong: releasedBase + second("CSE-HIPAA-TECH-NEW-002"),
            right: releasedBase + second("CSE-HIPAA-TECH-NEW-002", introduced: "1.1.0")
                + DiagnosticExample.edited("cse.yaml", "version: 1.0.0", "version: 1.1.0")))

    static let permanenceReactivated = DiagnosticKind(
        "permanence.reactivated", .error,
        meaning: "a signal the last release published as deprecated is active again without a declaration",
        explanation: """
            Consumers were told to move away from a deprecated signal. Bringing it back is allowed, but only \
            on purpose: declare it in `release.yaml` (`kind: reactivation` and a `reason`), which the \
            changelog publishes.
            """,
        example: DiagnosticExample(
            wrong: released([(base, "TECH", "1.0.0", "deprecated")]),
            right: released([(base, "TECH", "1.0.0", "deprecated")]) + [
                DeclarationsFile.path: """
                declarations:
                  - signal: \(base)
                    kind: reactivation
                    reason: The replacement signal turned out to describe a different condition.

                """
            ]))

    static let permanenceControlRemoved = DiagnosticKind(
        "permanence.control-removed", .error,
        meaning: "a control that released mappings target is gone from its catalog",
        explanation: """
            Consumers' framework views are keyed by control. A control that a published mapping targets stays \
            in `controls.yaml`; mark it `withdrawn: true` when its publisher withdrew it.
            """,
        example: DiagnosticExample(
            wrong: released([(base, "TECH", "1.0.0", "active")], controls: [#"{"framework":"TESTFW","id":"AC-3","title":"t","mapped":true}"#]),
            right: released([(base, "TECH", "1.0.0", "active")], controls: [#"{"framework":"TESTFW","id":"AC-3","title":"t","mapped":true}"#])
                + DiagnosticExample.edited(
                    controlsFile, "      - id: AC-2(1)\n", "      - id: AC-3\n        title: Access enforcement\n        withdrawn: true\n      - id: AC-2(1)\n"
                )))

    static let permanenceReleaseUnreadable = DiagnosticKind(
        "permanence.release-unreadable", .error,
        meaning: "the release folder `registry/` cannot be read, so permanence cannot be checked",
        explanation: """
            `registry/` holds the last release; only `cse release` writes it. Restore it from the release \
            commit (`git checkout v<version> -- registry`).
            """,
        example: DiagnosticExample(
            wrong: releasedBase + ["registry/cse-registry.ndjson": "{\"id\": \"\(base)\", \"domain\": \"HIPAA\"\n"],
            right: releasedBase))

    static let releaseInvalidDeclaration = DiagnosticKind(
        "release.invalid-declaration", .error,
        meaning: "`release.yaml` has an entry that is not a valid declaration, or names no signal",
        explanation: """
            `release.yaml` declares what no tool can see: `kind: meaning` (what a signal means changed; a \
            major release) or `kind: reactivation` (a deprecated signal is active again), each with the \
            `signal` and a `reason` the changelog publishes.
            """,
        example: DiagnosticExample(
            wrong: [DeclarationsFile.path: "declarations:\n  - signal: \(base)\n    kind: meanings\n    reason: Narrowed to storage of ePHI.\n"],
            right: [DeclarationsFile.path: "declarations:\n  - signal: \(base)\n    kind: meaning\n    reason: Narrowed to storage of ePHI.\n"]))

    static let releaseGeneratedFileEdited = DiagnosticKind(
        "release.generated-file-edited", .error,
        meaning: "a generated `signal.json` beside `signal.yaml` differs from its source",
        explanation: """
            At a release tag every YAML-authored signal also carries its normalized `signal.json`, so that \
            the raw URL `signals/<D>/<C>/<ID>/signal.json` resolves (`cse generate-signal-json` writes them). \
            That file is generated: edit `signal.yaml` and generate it again, or delete it.
            """,
        example: DiagnosticExample(
            wrong: [DiagnosticExample.signalFolder + "/signal.json": "{\"id\": \"\(base)\"}\n"],
            right: [DiagnosticExample.signalFolder + "/signal.json": nil]))

    static let releaseVersionTooSmall = DiagnosticKind(
        "release.version-too-small", .error,
        meaning: "the version asked of `cse release` is not greater than the last release, or smaller than its changes require",
        explanation: """
            The smallest allowed version is the last release bumped by the class of the changes (major, \
            minor, patch; docs/releases.md), and no smaller than any new signal's `introduced_in`. \
            `cse release` without `--version` or `--bump` takes it. Tested by ReleaseTests.
            """, example: nil)

    static let releaseNoChanges = DiagnosticKind(
        "release.no-changes", .error,
        meaning: "nothing changed since the last release",
        explanation: "A release publishes changes; with none, the last release stands. Tested by ReleaseTests.", example: nil)

    static let releaseKinds: [DiagnosticKind] = [
        .permanenceSignalRemoved, .permanenceSignalMoved, .permanenceIntroducedChanged, .permanenceIntroducedTooEarly,
        .permanenceReactivated, .permanenceControlRemoved, .permanenceReleaseUnreadable, .releaseInvalidDeclaration,
        .releaseGeneratedFileEdited, .releaseVersionTooSmall, .releaseNoChanges,
    ]
}
