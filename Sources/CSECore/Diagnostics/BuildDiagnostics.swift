import CSEDiagnostics

/// Where the build reads and writes, what it emits, and the commands beside it.
extension DiagnosticKind {
    private static let config = "registry:\n  version: 1.0.0\n  published_at: \"2026-01-01T00:00:00Z\"\n"

    // MARK: - config / output

    static let configPathOutsideRoot = DiagnosticKind(
        "config.path-outside-root", .error,
        meaning: """
            a path in `cse.yaml` (`output`, `site.templates`) is absolute, climbs out with `..`, is the root itself, \
            or passes through a link: every configured path stays inside the registry
            """,
        explanation: """
            A pull request that edits `cse.yaml` must not be able to make the build read files from elsewhere on \
            the machine (`site.templates: ../../home`) or write there. Paths in `cse.yaml` are relative to the \
            registry root and stay inside it; `-o` on the command line may name any folder.
            """,
        example: DiagnosticExample(wrong: ["cse.yaml": config + "output: ../site\n"], right: ["cse.yaml": config + "output: _site\n"]))

    static let outputOverlapsInput = DiagnosticKind(
        "output.overlaps-input", .error,
        meaning: """
            the output folder is the registry root, contains it, or is, contains or lies inside one of its inputs \
            (`signals/`, `frameworks/`, the templates folder, `cse.yaml`, `.git/` …), links resolved
            """,
        explanation: """
            The build replaces its output folder whole; pointed at the registry's own inputs it would delete them. \
            Build into a folder of its own, such as `_site`.
            """,
        example: DiagnosticExample(wrong: ["cse.yaml": config + "output: signals\n"], right: ["cse.yaml": config + "output: _site\n"]))

    static let outputNotReplaceable = DiagnosticKind(
        "output.not-replaceable", .error,
        meaning: """
            the output folder named in `cse.yaml` exists and is neither a previous output (it has no `.cse-output` \
            marker) nor empty, or is not a folder; with `-o` the same is a usage error (exit 2)
            """,
        explanation: """
            A build never replaces a folder it did not write. Every build leaves the marker `.cse-output` at the \
            top of its output; choose a new or empty folder, or delete an output of an older cse yourself once.
            """,
        example: DiagnosticExample(
            .build(output: "_site"), wrong: ["_site/notes.txt": "mine\n"], right: ["_site/.cse-output": "previous output\n"]))

    static let configKinds: [DiagnosticKind] = [.configPathOutsideRoot, .outputNotReplaceable, .outputOverlapsInput]

    // MARK: - emit / api / schema.missing

    static let emitUnsafePath = DiagnosticKind(
        "emit.unsafe-path", .error,
        meaning: "an output path would leave the output folder or hold a control character",
        explanation: """
            A backstop: IDs are encoded before they become paths and folder names are plain, so no valid input \
            reaches it. If it appears, an ID escaped its encoding; report it as a bug.
            """,
        example: nil)

    static let emitPathTooLong = DiagnosticKind(
        "emit.path-too-long", .error,
        meaning: "an output path component would be longer than 255 bytes, in any output",
        explanation: """
            A backstop: the inputs that could make one (very long codes and IDs) are refused with a position first \
            (`framework.code-too-long`, the schemas' length limits). Until 2026-11-22 this was `api.path-too-long` \
            and checked only `v1/`.
            """,
        example: nil, formerIDs: ["api.path-too-long"])

    static let emitPathCollision = DiagnosticKind(
        "emit.path-collision", .error,
        meaning: "two outputs would be written to one path, or to paths that differ only in letter case",
        explanation: """
            A backstop: names that differ only in case are refused with a position first (`layout.case-collision`, \
            `control.case-collision`).
            """,
        example: nil)

    static let apiInvalidFindingTemplate = DiagnosticKind(
        "api.invalid-finding-template", .warning,
        meaning: "a signal's finding template would not satisfy the CSE finding format, so it is left out of the API",
        explanation: """
            The upstream finding format constrains signal IDs more than the registry does (a category of letters \
            only, a serial of exactly three digits, at most 252 characters). The signal is published; only its \
            finding skeleton under `v1/finding-templates/` is not. Reported at the signal's ID whenever the API is \
            among the outputs, by `cse validate` as well as `cse build`.
            """,
        example: DiagnosticExample(
            .build(output: "_site"),
            wrong: ["cse.yaml": config + "outputs: [api]\n"] + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-0002"),
            right: ["cse.yaml": config + "outputs: [api]\n"] + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let schemaMissing = DiagnosticKind(
        "schema.missing", .error,
        meaning: "a bundled schema could not be found or does not compile (schemas are compiled when first used): a broken installation",
        explanation: "The schemas ship inside `cse`; reinstall it. No input can cause this.",
        example: nil)

    static let emitKinds: [DiagnosticKind] = [.apiInvalidFindingTemplate, .emitPathCollision, .emitPathTooLong, .emitUnsafePath]

    // MARK: - gap / oscal

    static let gapUnknownSignal = DiagnosticKind(
        "gap.unknown-signal", .error,
        meaning: "a findings file names a signal that does not exist (suggests the nearest)",
        explanation: "A finding must name a signal of this registry; check for a typo, or for a newer registry version.",
        example: DiagnosticExample(
            .gapAnalysis(arguments: [], fixedArguments: []), wrong: ["findings.txt": "CSE-HIPAA-TECH-NO-ENCRYPTION-002\n"],
            right: ["findings.txt": "CSE-HIPAA-TECH-NO-ENCRYPTION-001\n"]))

    /// A finding of the base signal in the CSE finding format.
    private static func finding(_ id: String) -> String {
        #"{"id": "\#(id)", "signal": {"id": "CSE-HIPAA-TECH-NO-ENCRYPTION-001"}, "artifact": {"type": "storage", "id": "bucket-1"}, "observed_at": "2026-01-01T00:00:00Z", "status": "open"}"#
    }

    static let gapDuplicateFinding = DiagnosticKind(
        "gap.duplicate-finding", .error,
        meaning: "a finding ID listed twice in one findings file",
        explanation: "Finding IDs are unique within a file; the note points at the first.",
        example: DiagnosticExample(
            .gapAnalysis(arguments: [], fixedArguments: []), wrong: ["findings.json": "[" + finding("FND-1") + ", " + finding("FND-1") + "]"],
            right: ["findings.json": "[" + finding("FND-1") + ", " + finding("FND-2") + "]"]))

    static let gapUnknownFramework = DiagnosticKind(
        "gap.unknown-framework", .error,
        meaning: "`--framework` names a framework with no catalog",
        explanation: "Name a framework of this registry, or leave `--framework` out to analyse against all of them.",
        example: DiagnosticExample(
            .gapAnalysis(arguments: ["--framework", "TESTFX"], fixedArguments: ["--framework", "TESTFW"]),
            wrong: ["findings.txt": "CSE-HIPAA-TECH-NO-ENCRYPTION-001\n"], right: ["findings.txt": "CSE-HIPAA-TECH-NO-ENCRYPTION-001\n"]))

    private static let oscalCatalog = #"""
        {"catalog": {"metadata": {"title": "Example catalog", "parties": [{"type": "organization", "name": "Example Org"}],
          "links": [{"href": "https://example.org/catalog"}]},
          "groups": [{"id": "ac", "title": "Access control", "controls": [{"id": "ac-1", "title": "Policy"}]}]}}
        """#

    static let oscalNotACatalog = DiagnosticKind(
        "oscal.not-a-catalog", .error,
        meaning: "the document has no `catalog` object (a profile, or not OSCAL)",
        explanation: "Import an OSCAL catalog or a resolved-profile catalog; a profile must be resolved first.",
        example: DiagnosticExample(
            .oscalImport, wrong: ["catalog.json": #"{"profile": {"imports": []}}"#], right: ["catalog.json": oscalCatalog]))

    static let oscalMissingMetadata = DiagnosticKind(
        "oscal.missing-metadata", .error,
        meaning: "the catalog names no publishing organization, or no https home page (metadata links, or a back-matter resource about itself)",
        explanation: "Pass `--publisher` or `--url` for what the catalog does not say.",
        example: DiagnosticExample(
            .oscalImport, wrong: ["catalog.json": oscalCatalog.replacingOccurrences(of: "https://example.org/catalog", with: "catalog.xml")],
            right: ["catalog.json": oscalCatalog]))

    static let oscalNoControls = DiagnosticKind(
        "oscal.no-controls", .error,
        meaning: "the catalog has no controls",
        explanation: "A catalog with nothing to import is usually an unresolved profile's shell.",
        example: DiagnosticExample(
            .oscalImport,
            wrong: ["catalog.json": oscalCatalog.replacingOccurrences(of: #"[{"id": "ac-1", "title": "Policy"}]"#, with: "[]")],
            right: ["catalog.json": oscalCatalog]))

    static let commandKinds: [DiagnosticKind] = [
        .gapDuplicateFinding, .gapUnknownFramework, .gapUnknownSignal, .oscalMissingMetadata, .oscalNoControls, .oscalNotACatalog,
    ]
}
