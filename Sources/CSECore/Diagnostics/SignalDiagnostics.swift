import CSEDiagnostics

/// Signal definitions: identity, folders, deprecation and the strict profile.
extension DiagnosticKind {
    private static let file = DiagnosticExample.signalFile

    /// A deprecated base signal replaced by `replacement`, deprecated in `version`.
    private static func deprecated(replacedBy replacement: String, in version: String = "1.0.0") -> [String: String?] {
        DiagnosticExample.edited(file, "status: active", "status: deprecated\ndeprecated_in: \(version)\nreplaced_by: \(replacement)")
    }

    static let signalIDMismatch = DiagnosticKind(
        "signal.id-mismatch", .error,
        meaning: "the ID differs from its folder name",
        explanation: """
            A signal's folder is named after its ID, so that the ID can be found from its path and its published \
            URL never changes. Rename the folder or correct the ID (a released ID never changes: deprecate it and \
            add a new signal instead).
            """,
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(file, "id: CSE-HIPAA-TECH-NO-ENCRYPTION-001", "id: CSE-HIPAA-TECH-NO-ENCRYPTION-009"),
            right: DiagnosticExample.unedited(file)))

    static let signalDomainMismatch = DiagnosticKind(
        "signal.domain-mismatch", .error,
        meaning: "`domain` differs from the domain folder",
        explanation: "The folder `signals/<DOMAIN>/` and the `domain` field must agree; move the folder or correct the field.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(file, "domain: HIPAA", "domain: GDPR"), right: DiagnosticExample.unedited(file)))

    static let signalCategoryMismatch = DiagnosticKind(
        "signal.category-mismatch", .error,
        meaning: "`category` differs from the category folder",
        explanation: "The folder `signals/<DOMAIN>/<CATEGORY>/` and the `category` field must agree.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(file, "category: TECH", "category: DATA"), right: DiagnosticExample.unedited(file)))

    static let signalIDPrefix = DiagnosticKind(
        "signal.id-prefix", .error,
        meaning: "the ID does not begin `CSE-<domain>-<category>-`",
        explanation: "IDs carry their domain and category, so that an ID alone says where the signal belongs.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.signal("CSE-HIPAA-DATA-NO-LOGGING-002"),
            right: DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let signalDuplicateID = DiagnosticKind(
        "signal.duplicate-id", .error,
        meaning: "the ID is defined in two folders; the note points at the first",
        explanation: "An ID names one signal. A copied folder usually forgot to change its ID.",
        example: DiagnosticExample(
            wrong: ["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-LOGGING-002/signal.yaml": DiagnosticExample.baseRegistry[file]!],
            right: DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let signalDuplicateSerial = DiagnosticKind(
        "signal.duplicate-serial", .error,
        meaning: "two signals share a serial within a domain and category; names both",
        explanation: """
            The trailing number of an ID is its serial, unique within its domain and category, so that a new \
            signal takes the next free one and two contributors cannot claim the same.
            """,
        example: DiagnosticExample(
            wrong: DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-001"),
            right: DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let signalDuplicateName = DiagnosticKind(
        "signal.duplicate-name", .warning,
        meaning: "two signals of one domain share a canonical name",
        explanation: """
            Two signals with one name are usually one condition entered twice; if they differ, say how in their \
            names.
            """,
        example: DiagnosticExample(
            wrong: DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")
                .mapValues { $0?.replacingOccurrences(of: "Condition LOGGING", with: "Storage without encryption at rest") },
            right: DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let signalNearDuplicate = DiagnosticKind(
        "signal.near-duplicate", .warning,
        meaning: "two signals say nearly the same thing in their names and descriptions, and nothing links them",
        explanation: """
            The same condition under two IDs splits the findings that tools tag. When they are one condition, \
            link both to one GEN parent, or map one to the other as `equivalent`; when they are not, make the \
            names and descriptions say how they differ. Similarity is the cosine of TF-IDF word and word-pair \
            vectors of the name and description; from 60% the pair is reported (docs/authoring.md).
            """,
        example: DiagnosticExample(
            wrong: nearDuplicateBase,
            right: nearDuplicateBase + [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-UNENCRYPTED-STORE-002/mappings.yaml": DiagnosticExample.baseRegistry[DiagnosticExample.mappingsFile]!
                    + """
                      - signal: CSE-HIPAA-TECH-NO-ENCRYPTION-001
                        relationship: equivalent
                        provenance: expert
                        confidence: 0.9
                        justification: Both signals describe the same unencrypted storage.

                    """
            ]))

    /// The base signal, a second one with its description, and a third that says something else (so that
    /// the shared words are rare enough to weigh).
    private static let nearDuplicateBase: [String: String?] =
        DiagnosticExample.signal("CSE-HIPAA-TECH-UNENCRYPTED-STORE-002").mapValues {
            $0?.replacingOccurrences(of: "Condition STORE", with: "Storage left without encryption at rest")
        }
        + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-AUDIT-LOG-003").mapValues {
            $0?.replacingOccurrences(
                of: "A storage location holding regulated data is configured without encryption at rest.",
                with: "Audit logging is switched off on a system that records access to health records.")
        }

    static let signalDeprecatedBeforeIntroduced = DiagnosticKind(
        "signal.deprecated-before-introduced", .error,
        meaning: "`deprecated_in` is earlier than `introduced_in`",
        explanation: "A signal can only be deprecated in the release that introduced it or a later one.",
        example: DiagnosticExample(
            wrong: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGING-002", in: "0.9.0") + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002"),
            right: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGING-002", in: "1.1.0") + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let signalUnknownReplacement = DiagnosticKind(
        "signal.unknown-replacement", .error,
        meaning: "`replaced_by` names no signal (suggests the nearest)",
        explanation: "A deprecated signal points its users at the signal that supersedes it; that signal must exist.",
        example: DiagnosticExample(
            wrong: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGIN-002") + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002"),
            right: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGING-002") + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let signalReplacedBySelf = DiagnosticKind(
        "signal.replaced-by-self", .error,
        meaning: "a signal names itself as its replacement",
        explanation: "Point `replaced_by` at the signal that supersedes this one.",
        example: DiagnosticExample(
            wrong: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-ENCRYPTION-001") + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002"),
            right: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGING-002") + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let signalReplacementNotActive = DiagnosticKind(
        "signal.replacement-not-active", .error,
        meaning: "the replacement is itself deprecated (the hint names the active end of the chain)",
        explanation: "Users follow `replaced_by` once; it should lead straight to an active signal.",
        example: DiagnosticExample(
            wrong: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGING-002")
                + DiagnosticExample.signal(
                    "CSE-HIPAA-TECH-NO-LOGGING-002", extra: ""
                )
                .mapValues {
                    $0?.replacingOccurrences(
                        of: "status: active", with: "status: deprecated\ndeprecated_in: 1.0.0\nreplaced_by: CSE-HIPAA-TECH-AUDIT-003")
                }
                + DiagnosticExample.signal("CSE-HIPAA-TECH-AUDIT-003"),
            right: deprecated(replacedBy: "CSE-HIPAA-TECH-AUDIT-003")
                + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")
                .mapValues {
                    $0?.replacingOccurrences(
                        of: "status: active", with: "status: deprecated\ndeprecated_in: 1.0.0\nreplaced_by: CSE-HIPAA-TECH-AUDIT-003")
                }
                + DiagnosticExample.signal("CSE-HIPAA-TECH-AUDIT-003")))

    static let signalReplacementCycle = DiagnosticKind(
        "signal.replacement-cycle", .error,
        meaning: "replacements form a cycle; reported once, at the cycle's smallest ID",
        explanation: "A chain of replacements must end at an active signal, or users following it never arrive.",
        example: DiagnosticExample(
            wrong: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGING-002")
                + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")
                .mapValues {
                    $0?.replacingOccurrences(
                        of: "status: active", with: "status: deprecated\ndeprecated_in: 1.0.0\nreplaced_by: CSE-HIPAA-TECH-NO-ENCRYPTION-001")
                },
            right: deprecated(replacedBy: "CSE-HIPAA-TECH-NO-LOGGING-002") + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    /// `cse.yaml` asking for the strict profile.
    private static let strict: [String: String?] = [
        "cse.yaml": "registry:\n  version: 1.0.0\n  published_at: \"2026-01-01T00:00:00Z\"\nvalidation:\n  profile: strict\n"
    ]

    private static let completeMetadata = """
        metadata:
          suggested_severity: high
          risk_domains: [data-protection]
          detection_notes: The storage service's encryption setting is off (for example an unencrypted volume).
          artifact_types: [cloud_resource]
          sources:
            - url: https://www.ecfr.gov/current/title-45/section-164.312
              type: regulation
              title: 45 CFR 164.312 Technical safeguards

        """

    static let signalIncompleteMetadata = DiagnosticKind(
        "signal.incomplete-metadata", .warning,
        meaning: "strict profile: `metadata` lacks suggested severity, risk domains, detection notes, sources or artifact types",
        explanation: """
            A registry that sets `validation.profile: strict` in `cse.yaml` (this repository does) promises \
            complete metadata on every signal, so that tools can route and explain findings.
            """,
        example: DiagnosticExample(
            wrong: strict,
            right: strict + DiagnosticExample.edited(file, "status: active\n", "status: active\n" + completeMetadata)))

    static let signalUnmapped = DiagnosticKind(
        "signal.unmapped", .warning,
        meaning: "strict profile: a signal maps to no control",
        explanation: "Under the strict profile every signal says which controls it bears on, in a `mappings.yaml` beside it.",
        example: DiagnosticExample(
            wrong: strict + DiagnosticExample.edited(file, "status: active\n", "status: active\n" + completeMetadata)
                + [DiagnosticExample.mappingsFile: nil],
            right: strict + DiagnosticExample.edited(file, "status: active\n", "status: active\n" + completeMetadata)))

    static let signalKinds: [DiagnosticKind] = [
        .signalCategoryMismatch, .signalDeprecatedBeforeIntroduced, .signalDomainMismatch, .signalDuplicateID, .signalNearDuplicate,
        .signalDuplicateName, .signalDuplicateSerial, .signalIDMismatch, .signalIDPrefix, .signalIncompleteMetadata,
        .signalReplacedBySelf, .signalReplacementCycle, .signalReplacementNotActive, .signalUnknownReplacement, .signalUnmapped,
    ]
}
