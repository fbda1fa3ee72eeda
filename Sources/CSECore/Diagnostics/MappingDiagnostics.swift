import CSEDiagnostics

/// Mappings, control catalogs and declared crosswalks.
extension DiagnosticKind {
    private static let mappings = DiagnosticExample.mappingsFile

    /// The base mappings file with one more entry appended.
    private static func plus(_ entry: String) -> [String: String?] {
        [mappings: DiagnosticExample.baseRegistry[mappings]! + entry]
    }

    private static let equivalence = """
          - signal: %@
            relationship: equivalent
            provenance: expert
            confidence: 0.85
            justification: Both signals describe the same storage left without encryption.

        """

    private static func equivalent(to id: String) -> String { equivalence.replacingOccurrences(of: "%@", with: id) }

    // MARK: - mapping

    static let mappingDuplicate = DiagnosticKind(
        "mapping.duplicate", .error,
        meaning: "the same target listed twice in one mappings file",
        explanation: "A signal maps to a control once; two entries would give two answers. Merge their justifications.",
        example: DiagnosticExample(
            wrong: plus(DiagnosticExample.baseRegistry[mappings]!.replacingOccurrences(of: "mappings:\n", with: "")),
            right: DiagnosticExample.unedited(mappings)))

    static let mappingUnknownFramework = DiagnosticKind(
        "mapping.unknown-framework", .error,
        meaning: "a mapping names a framework with no catalog under `frameworks/` (suggests the nearest)",
        explanation: "Mappings are checked against the control catalogs, so their framework must have one.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(mappings, "framework: TESTFW", "framework: TESTFX"),
            right: DiagnosticExample.unedited(mappings)))

    static let mappingUnknownControl = DiagnosticKind(
        "mapping.unknown-control", .error,
        meaning: "the control is not in the framework's catalog (suggests the nearest)",
        explanation: """
            Control IDs are written exactly as the framework's `controls.yaml` writes them (`AC-2(1)`, \
            `164.312(a)(2)(iv)`, `CC6.1`); docs/authoring.md lists each framework's notation.
            """,
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(mappings, "control: \"AC-2\"", "control: \"AC-9\""),
            right: DiagnosticExample.unedited(mappings)))

    static let mappingWithdrawnControl = DiagnosticKind(
        "mapping.withdrawn-control", .error,
        meaning: "the mapped control is withdrawn",
        explanation: """
            A withdrawn control was incorporated into another, and the catalog keeps it only so that old \
            references resolve; a mapping to it is refused. Map to the control that incorporated it.
            """,
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(
                DiagnosticExample.controlsFile, "title: Account management\n", "title: Account management\n        withdrawn: true\n"),
            right: DiagnosticExample.unedited(DiagnosticExample.controlsFile)))

    static let mappingCrossRegime = DiagnosticKind(
        "mapping.cross-regime", .warning,
        meaning: "a signal scoped to one regime claims more than `related` with a control scoped to another regime",
        explanation: """
            A HIPAA signal is about ePHI and a PCI DSS requirement about cardholder data: the condition meets the \
            other regime's control only where the data overlap, which nothing in the registry knows. Such a \
            mapping is `related`; the general overlap belongs on the signal's GEN parent, which maps to both. \
            A framework is a regime when its framework.yaml has `regime_scope` (docs/authoring.md, the scope rule).
            """,
        example: DiagnosticExample(
            wrong: regimes
                + DiagnosticExample.edited(
                    DiagnosticExample.mappingsFile, "framework: TESTFW\n    control: \"AC-2\"", "framework: OTHERFW\n    control: \"OT-1\""),
            right: regimes
                + DiagnosticExample.edited(
                    DiagnosticExample.mappingsFile, "framework: TESTFW\n    control: \"AC-2\"\n    relationship: subset",
                    "framework: OTHERFW\n    control: \"OT-1\"\n    relationship: related"),
            note: "TESTFW governs HIPAA's ePHI and OTHERFW a second regime's data"))

    /// TESTFW (domain HIPAA) and OTHERFW (domain PCIDSS), each with a regime scope.
    private static let regimes: [String: String?] =
        otherFramework.mapValues {
            $0?.replacingOccurrences(of: "domain: HIPAA\n", with: "domain: PCIDSS\nregime_scope: Cardholder data and the systems that store it.\n")
        }
        + DiagnosticExample.edited(
            DiagnosticExample.frameworkFile, "domain: HIPAA\n", "domain: HIPAA\nregime_scope: Electronic protected health information.\n")

    static let mappingSelfReference = DiagnosticKind(
        "mapping.self-reference", .error,
        meaning: "a signal is mapped to itself",
        explanation: "An equivalence mapping links two different signals.",
        example: DiagnosticExample(
            wrong: plus(equivalent(to: "CSE-HIPAA-TECH-NO-ENCRYPTION-001")), right: DiagnosticExample.unedited(mappings)))

    static let mappingUnknownSignal = DiagnosticKind(
        "mapping.unknown-signal", .error,
        meaning: "an equivalence mapping (or a dataset row) names a signal that does not exist (suggests the nearest)",
        explanation: "Equivalences link signals of this registry; add the other signal or correct the ID.",
        example: DiagnosticExample(
            wrong: plus(equivalent(to: "CSE-GEN-CRYPTO-NO-ENCRYPTION-001")),
            right: plus(equivalent(to: "CSE-HIPAA-TECH-NO-LOGGING-002")) + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let mappingSignalMismatch = DiagnosticKind(
        "mapping.signal-mismatch", .error,
        meaning: "a mappings file's `signal` key names another signal than its folder's",
        explanation: "A `mappings.yaml` describes the signal in its own folder; the optional `signal` key must agree.",
        example: DiagnosticExample(
            wrong: [mappings: "signal: CSE-HIPAA-TECH-NO-ENCRYPTION-002\n" + DiagnosticExample.baseRegistry[mappings]!],
            right: [mappings: "signal: CSE-HIPAA-TECH-NO-ENCRYPTION-001\n" + DiagnosticExample.baseRegistry[mappings]!]))

    /// A mapping dataset of the upstream layout (`mappings/signal-to-control/…`), with one row.
    private static func datasetRow(source: String, control: String, title: String, framework: String = "TESTFW") -> String {
        """
        {"mappings": [{"id": "MAP-1", "source": {"type": "signal", "id": "\(source)"},
          "target": {"type": "control", "framework": "\(framework)", "id": "\(control)", "title": "\(title)"},
          "relationship": "subset"}]}
        """
    }

    private static let datasetCatalog: [String: String?] = [
        "mappings/catalogs/TESTFW.json": #"{"framework": "TESTFW", "controls": [{"id": "AC-2", "title": "Account management"}]}"#
    ]

    static let mappingSignalWithoutDefinition = DiagnosticKind(
        "mapping.signal-without-definition", .error,
        meaning: "a dataset row names a signal whose folder exists but holds no definition",
        explanation: "A mapping must reference a signal with a normative definition; add the folder's `signal.json`.",
        example: DiagnosticExample(
            wrong: [
                "mappings/rows.json": datasetRow(source: "CSE-HIPAA-TECH-NO-LOGGING-002", control: "AC-2", title: "Account management"),
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n",
            ] + datasetCatalog,
            right: [
                "mappings/rows.json": datasetRow(source: "CSE-HIPAA-TECH-NO-LOGGING-002", control: "AC-2", title: "Account management"),
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n",
            ]
                + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002") + datasetCatalog))

    static let mappingControlTitleMismatch = DiagnosticKind(
        "mapping.control-title-mismatch", .warning,
        meaning: "a dataset row repeats a control's title differently from the catalog",
        explanation: "Titles copied into mapping rows drift from the catalog; copy the catalog's title or leave it out.",
        example: DiagnosticExample(
            wrong: ["mappings/rows.json": datasetRow(source: "CSE-HIPAA-TECH-NO-ENCRYPTION-001", control: "AC-2", title: "Accounts")]
                + datasetCatalog,
            right: ["mappings/rows.json": datasetRow(source: "CSE-HIPAA-TECH-NO-ENCRYPTION-001", control: "AC-2", title: "Account management")]
                + datasetCatalog))

    static let mappingUncheckedFramework = DiagnosticKind(
        "mapping.unchecked-framework", .note,
        meaning: "a dataset names controls of frameworks the registry has no catalog for; one note per file",
        explanation: "Control references can only be checked against a catalog; add the framework's catalog to check them.",
        example: DiagnosticExample(
            wrong: ["mappings/rows.json": datasetRow(source: "CSE-HIPAA-TECH-NO-ENCRYPTION-001", control: "X-1", title: "X", framework: "OTHERFW")]
                + datasetCatalog,
            right: ["mappings/rows.json": datasetRow(source: "CSE-HIPAA-TECH-NO-ENCRYPTION-001", control: "AC-2", title: "Account management")]
                + datasetCatalog))

    static let mappingKinds: [DiagnosticKind] = [
        .mappingControlTitleMismatch, .mappingCrossRegime, .mappingDuplicate, .mappingSelfReference, .mappingSignalMismatch,
        .mappingSignalWithoutDefinition, .mappingUncheckedFramework, .mappingUnknownControl, .mappingUnknownFramework,
        .mappingUnknownSignal, .mappingWithdrawnControl,
    ]

    // MARK: - framework / control

    private static let controls = DiagnosticExample.controlsFile

    static let frameworkMissingMetadata = DiagnosticKind(
        "framework.missing-metadata", .error,
        meaning: "a framework folder has `controls.yaml` but no `framework.yaml`",
        explanation: "A framework needs its metadata (code, name, version, publisher, url, domain) besides its catalog.",
        example: DiagnosticExample(
            wrong: [DiagnosticExample.frameworkFile: nil], right: DiagnosticExample.unedited(DiagnosticExample.frameworkFile)))

    static let frameworkMissingControls = DiagnosticKind(
        "framework.missing-controls", .error,
        meaning: "a framework folder has no `controls.yaml`",
        explanation: "Mappings to a framework are checked against its catalog, so a framework needs one.",
        example: DiagnosticExample(wrong: [controls: nil], right: DiagnosticExample.unedited(controls)))

    static let frameworkCodeMismatch = DiagnosticKind(
        "framework.code-mismatch", .error,
        meaning: "`code` differs from the folder name",
        explanation: "The folder name is the code mappings use; make them equal.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(DiagnosticExample.frameworkFile, "code: TESTFW", "code: TESTFX"),
            right: DiagnosticExample.unedited(DiagnosticExample.frameworkFile)))

    static let frameworkCodeTooLong = DiagnosticKind(
        "framework.code-too-long", .error,
        meaning: "a framework code longer than 64 characters (two codes name a crosswalk page, which must fit a 255-byte file name)",
        explanation: "Codes name folders and files; use a short code such as `NIST80053`.",
        example: DiagnosticExample(
            wrong: [
                "frameworks/\(String(repeating: "X", count: 65))/framework.yaml": DiagnosticExample.baseRegistry[DiagnosticExample.frameworkFile]!
                    .replacingOccurrences(of: "code: TESTFW", with: "code: " + String(repeating: "X", count: 65)),
                "frameworks/\(String(repeating: "X", count: 65))/controls.yaml": DiagnosticExample.baseRegistry[controls]!
                    .replacingOccurrences(of: "framework: TESTFW", with: "framework: " + String(repeating: "X", count: 65)),
            ],
            right: [
                "frameworks/XFW/framework.yaml": DiagnosticExample.baseRegistry[DiagnosticExample.frameworkFile]!
                    .replacingOccurrences(of: "code: TESTFW", with: "code: XFW"),
                "frameworks/XFW/controls.yaml": DiagnosticExample.baseRegistry[controls]!.replacingOccurrences(of: "framework: TESTFW", with: "framework: XFW"),
            ]))

    static let frameworkUnknownBase = DiagnosticKind(
        "framework.unknown-base", .error,
        meaning: "`based_on` names a framework with no catalog",
        explanation: "A framework built on another (FedRAMP on SP 800-53) names it by code; add that framework or remove `based_on`.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(DiagnosticExample.frameworkFile, "domain: HIPAA\n", "domain: HIPAA\nbased_on: NIST80053\n"),
            right: DiagnosticExample.unedited(DiagnosticExample.frameworkFile)))

    static let controlDuplicateID = DiagnosticKind(
        "control.duplicate-id", .error,
        meaning: "a control ID listed twice in one catalog",
        explanation: "Each control ID appears once in a catalog; the note points at the first.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(controls, "      - id: AC-2\n", "      - id: AC-1\n        title: Again\n      - id: AC-2\n"),
            right: DiagnosticExample.unedited(controls)))

    static let controlCaseCollision = DiagnosticKind(
        "control.case-collision", .error,
        meaning: "two control IDs of one catalog differ only in letter case",
        explanation: "Control IDs name published pages and files, which case-insensitive file systems would merge; keep one spelling.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(controls, "      - id: AC-2\n", "      - id: ac-1\n        title: Lower-case twin\n      - id: AC-2\n"),
            right: DiagnosticExample.unedited(controls)))

    static let controlUnknownParent = DiagnosticKind(
        "control.unknown-parent", .error,
        meaning: "`parent` names a control that is not in the catalog (suggests the nearest)",
        explanation: "An enhancement or sub-requirement names its parent control of the same framework.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(controls, "parent: AC-2", "parent: AC-3"), right: DiagnosticExample.unedited(controls)))

    static let catalogKinds: [DiagnosticKind] = [
        .controlCaseCollision, .controlDuplicateID, .controlUnknownParent, .frameworkCodeMismatch, .frameworkCodeTooLong,
        .frameworkMissingControls, .frameworkMissingMetadata, .frameworkUnknownBase,
    ]

    // MARK: - crosswalk

    /// A second framework, `OTHERFW`, with controls OT-1 and OT-2.
    private static let otherFramework: [String: String?] = [
        "frameworks/OTHERFW/framework.yaml": DiagnosticExample.baseRegistry[DiagnosticExample.frameworkFile]!
            .replacingOccurrences(of: "code: TESTFW", with: "code: OTHERFW").replacingOccurrences(of: "Test Framework", with: "Other Framework"),
        "frameworks/OTHERFW/controls.yaml": """
        framework: OTHERFW
        families:
          - id: OT
            title: Other family
            controls:
              - id: OT-1
                title: Other control one
              - id: OT-2
                title: Other control two

        """,
    ]

    private static func crosswalk(_ rows: String, source: String = "TESTFW", target: String = "OTHERFW") -> String {
        """
        source_framework: \(source)
        target_framework: \(target)
        provenance: expert
        reference: https://example.org/crosswalk
        rows:
        \(rows)
        """
    }

    private static let crosswalkFile = "crosswalks/TESTFW-to-OTHERFW.yaml"
    private static let goodRow = "  - {source: AC-1, target: OT-1, relationship: intersects-with}\n"

    static let crosswalkFileName = DiagnosticKind(
        "crosswalk.file-name", .error,
        meaning: "a crosswalk file is not named `<SOURCE>-to-<TARGET>.yaml`",
        explanation: "Each framework pair has one place, found from its codes.",
        example: DiagnosticExample(
            wrong: otherFramework + ["crosswalks/testfw-other.yaml": crosswalk(goodRow)],
            right: otherFramework + [crosswalkFile: crosswalk(goodRow)]))

    static let crosswalkSameFramework = DiagnosticKind(
        "crosswalk.same-framework", .error,
        meaning: "source and target are the same framework",
        explanation: "A crosswalk links controls of two different frameworks.",
        example: DiagnosticExample(
            wrong: ["crosswalks/TESTFW-to-TESTFW.yaml": crosswalk("  - {source: AC-1, target: AC-2, relationship: intersects-with}\n", target: "TESTFW")],
            right: otherFramework + [crosswalkFile: crosswalk(goodRow)]))

    static let crosswalkUnknownFramework = DiagnosticKind(
        "crosswalk.unknown-framework", .error,
        meaning: "a crosswalk names a framework with no catalog (suggests the nearest)",
        explanation: "Both frameworks of a crosswalk need their catalogs, so that its rows can be checked.",
        example: DiagnosticExample(
            wrong: [crosswalkFile: crosswalk(goodRow)], right: otherFramework + [crosswalkFile: crosswalk(goodRow)]))

    static let crosswalkUnknownControl = DiagnosticKind(
        "crosswalk.unknown-control", .error,
        meaning: "a row names a control that is not in its framework's catalog (suggests the nearest)",
        explanation: "Rows use control IDs exactly as each framework's `controls.yaml` writes them.",
        example: DiagnosticExample(
            wrong: otherFramework + [crosswalkFile: crosswalk("  - {source: AC-1, target: OT-9, relationship: intersects-with}\n")],
            right: otherFramework + [crosswalkFile: crosswalk(goodRow)]))

    static let crosswalkDuplicateRow = DiagnosticKind(
        "crosswalk.duplicate-row", .error,
        meaning: "a pair of controls listed twice in one crosswalk",
        explanation: "Keep one row per pair of controls; the note points at the first.",
        example: DiagnosticExample(
            wrong: otherFramework + [crosswalkFile: crosswalk(goodRow + goodRow)],
            right: otherFramework + [crosswalkFile: crosswalk(goodRow)]))

    static let crosswalkInverseContradiction = DiagnosticKind(
        "crosswalk.inverse-contradiction", .error,
        meaning: "a row and the row declared in the other direction are not inverses",
        explanation: """
            Declaring both directions is allowed, but they must agree: `subset-of` reverses to `superset-of`, and \
            `equal` and `intersects-with` to themselves. The note points at the other row.
            """,
        example: DiagnosticExample(
            wrong: otherFramework + [
                crosswalkFile: crosswalk("  - {source: AC-1, target: OT-1, relationship: subset-of}\n"),
                "crosswalks/OTHERFW-to-TESTFW.yaml": crosswalk(
                    "  - {source: OT-1, target: AC-1, relationship: subset-of}\n", source: "OTHERFW", target: "TESTFW"),
            ],
            right: otherFramework + [
                crosswalkFile: crosswalk("  - {source: AC-1, target: OT-1, relationship: subset-of}\n"),
                "crosswalks/OTHERFW-to-TESTFW.yaml": crosswalk(
                    "  - {source: OT-1, target: AC-1, relationship: superset-of}\n", source: "OTHERFW", target: "TESTFW"),
            ]))

    static let crosswalkDerivedDisagrees = DiagnosticKind(
        "crosswalk.derived-disagrees", .warning,
        meaning: "the signals mapped to a row's two controls contradict its declared relationship",
        explanation: """
            A row declared `equal` while signals map to only one of its controls (or `subset-of` while the source \
            has signals the target lacks) disagrees with the registry's own evidence; check the relationship, or \
            map the one-sided signals to the other control too. Rows that equate a control with the control of \
            the same ID in the framework it is `based_on` are identities and are not checked (docs/compute.md).
            """,
        example: DiagnosticExample(
            wrong: otherFramework + bridged + [crosswalkFile: crosswalk("  - {source: AC-2, target: OT-1, relationship: equal}\n")],
            right: otherFramework + bridged + [crosswalkFile: crosswalk("  - {source: AC-2, target: OT-1, relationship: superset-of}\n")],
            note: "the base signal maps to both AC-2 and OT-1, a second signal to AC-2 only: AC-2 covers more than OT-1"))

    /// The base signal mapped to OT-1 as well as AC-2, and a second signal mapped to AC-2 only.
    private static let bridged: [String: String?] =
        [
            mappings: DiagnosticExample.baseRegistry[mappings]! + """
                  - framework: OTHERFW
                    control: "OT-1"
                    relationship: subset
                    provenance: expert
                    confidence: 0.85
                    justification: The condition is one way the control's requirement goes unmet.

                """
        ] + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")

    static let crosswalkKinds: [DiagnosticKind] = [
        .crosswalkDerivedDisagrees, .crosswalkDuplicateRow, .crosswalkFileName, .crosswalkInverseContradiction,
        .crosswalkSameFramework, .crosswalkUnknownControl, .crosswalkUnknownFramework,
    ]
}
