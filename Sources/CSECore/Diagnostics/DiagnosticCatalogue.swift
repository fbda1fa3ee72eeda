public import CSEDiagnostics
import CSESchema
import CSEYAML

/// Every diagnostic `cse` can report, declared once per stage (the `*Diagnostics.swift` files beside this
/// one, `CSEYAML` for the readers and `CSESchema` for schema validation).
///
/// `docs/diagnostics.md` is generated from it (``markdown()``; a test fails when the page differs), `cse
/// explain <id>` prints an entry, and a test runs every kind's example.
public enum DiagnosticCatalogue {
    /// The groups in documentation order, each with its title and kinds.
    public static let groups: [(title: String, kinds: [DiagnosticKind])] = [
        ("input — reading files", [.inputUnreadable, .inputTooLarge, .inputInvalidUTF8, .inputNotAFile, .inputNoDocument]),
        ("yaml / json — syntax", DiagnosticKind.readerKinds.filter { $0.group == "yaml" || $0.group == "json" }),
        ("schema — JSON Schema validation", DiagnosticKind.schemaKinds + [.schemaMissing]),
        ("layout — folders and files", DiagnosticKind.layoutKinds),
        ("signal — signal definitions", DiagnosticKind.signalKinds),
        ("mapping — mappings and references", DiagnosticKind.mappingKinds),
        ("framework / control — catalogs", DiagnosticKind.catalogKinds),
        ("crosswalk — declared crosswalks (docs/compute.md)", DiagnosticKind.crosswalkKinds),
        ("text / readme / markdown — prose", DiagnosticKind.textKinds),
        ("template — the HTML site's templates (docs/site.md)", DiagnosticKind.templateKinds),
        ("tool / artifact — scanner rules and artifact types (docs/api.md)", DiagnosticKind.toolKinds),
        ("dataset / release / registry — the upstream layout", DiagnosticKind.datasetKinds),
        ("config / output — where the build reads and writes (docs/build.md)", DiagnosticKind.configKinds),
        ("permanence / release — released IDs and `cse release` (docs/releases.md)", DiagnosticKind.releaseKinds),
        ("emit / api — building outputs", DiagnosticKind.emitKinds),
        ("gap / oscal — commands", DiagnosticKind.commandKinds),
    ]

    /// Every kind, in documentation order.
    public static let all: [DiagnosticKind] = groups.flatMap(\.kinds)

    /// The kind of an ID, or of an ID it once had.
    public static func kind(_ id: String) -> DiagnosticKind? {
        all.first { $0.id.rawValue == id || $0.formerIDs.contains(DiagnosticID(id)) }
    }

    private static let ids = Set(all.map(\.id))

    /// Whether `cse explain` has an entry for this ID (the human format's last line names the command).
    @Sendable public static func explains(_ id: DiagnosticID) -> Bool { ids.contains(id) }

    /// The current ID for an ID given by a user (`--Werror`, `--Wnone`): a former ID maps to its kind's.
    public static func currentID(_ id: String) -> String {
        kind(id)?.id.rawValue ?? id
    }
}

extension DiagnosticExample {
    /// The signal folder of the base registry.
    public static let signalFolder = "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001"
    static let signalFile = signalFolder + "/signal.yaml"
    static let mappingsFile = signalFolder + "/mappings.yaml"
    static let readmeFile = signalFolder + "/README.md"
    static let controlsFile = "frameworks/TESTFW/controls.yaml"
    static let frameworkFile = "frameworks/TESTFW/framework.yaml"

    /// The small valid registry examples are overlaid on: one framework with three controls and one signal
    /// mapped to it. It validates without a single diagnostic.
    public static let baseRegistry: [String: String] = [
        "cse.yaml": "registry:\n  version: 1.0.0\n  published_at: \"2026-01-01T00:00:00Z\"\n",
        frameworkFile: """
        code: TESTFW
        name: Test Framework
        version: "1.0"
        publisher: Test Publisher
        url: https://example.org/testfw
        domain: HIPAA

        """,
        controlsFile: """
        framework: TESTFW
        families:
          - id: AC
            title: Access control
            technical: true
            controls:
              - id: AC-1
                title: Access policy
              - id: AC-2
                title: Account management
              - id: AC-2(1)
                title: Automated account management
                parent: AC-2

        """,
        signalFile: """
        id: CSE-HIPAA-TECH-NO-ENCRYPTION-001
        canonical_name: Storage without encryption at rest
        description: A storage location holding regulated data is configured without encryption at rest.
        domain: HIPAA
        category: TECH
        applicability: Systems that store electronic protected health information.
        introduced_in: 1.0.0
        status: active

        """,
        mappingsFile: """
        mappings:
          - framework: TESTFW
            control: "AC-2"
            relationship: subset
            provenance: expert
            confidence: 0.85
            justification: The condition is one way the control's requirement goes unmet.

        """,
    ]

    /// A base file with `old` replaced by `new`; `old` must occur in it.
    static func edited(_ path: String, _ old: String, _ new: String) -> [String: String?] {
        let base = baseRegistry[path] ?? ""
        precondition(base.contains(old), "example edit of \(path): '\(old)' is not in the base file")
        return [path: base.replacingOccurrences(of: old, with: new)]
    }

    /// A base file as it is (the fix of an example that edited it).
    static func unedited(_ path: String) -> [String: String?] { [path: baseRegistry[path]] }

    /// A second signal folder in `HIPAA/TECH`, with a definition built from the base signal.
    static func signal(_ id: String, extra: String = "", mappings: Bool = true) -> [String: String?] {
        let folder = "signals/HIPAA/TECH/\(id)"
        var files: [String: String?] = [
            folder + "/signal.yaml": baseRegistry[signalFile]!.replacingOccurrences(of: "CSE-HIPAA-TECH-NO-ENCRYPTION-001", with: id)
                .replacingOccurrences(of: "Storage without encryption at rest", with: "Condition \(id.split(separator: "-").dropLast().last ?? "")")
                + extra
        ]
        if mappings { files[folder + "/mappings.yaml"] = baseRegistry[mappingsFile]! }
        return files
    }
}

extension Dictionary where Key == String, Value == String? {
    /// Both overlays; the right-hand one wins on a shared path.
    static func + (a: [String: String?], b: [String: String?]) -> [String: String?] {
        a.merging(b) { _, new in new }
    }
}

extension DiagnosticCatalogue {
    /// The generated part of `docs/diagnostics.md`.
    public static let section = GeneratedSection(
        begin:
            "<!-- Generated from the diagnostic catalogue (Sources/*/…Diagnostics.swift). Edit those, then run RECORD_GOLDENS=1 swift test --filter DiagnosticCatalogueTests. -->",
        end: "<!-- End of the generated catalogue. -->")

    /// The catalogue as markdown: a table per group, then each kind's explanation.
    public static func markdown() -> String {
        var out = ""
        for (title, kinds) in groups {
            out += "## \(title)\n\n| ID | severity | meaning |\n|---|---|---|\n"
            for kind in kinds {
                let former = kind.formerIDs.isEmpty ? "" : " (formerly " + kind.formerIDs.map { "`\($0)`" }.joined(separator: ", ") + ")"
                out += "| [`\(kind.id)`](#\(anchor(kind))) | \(kind.severity) | \(kind.meaning)\(former) |\n"
            }
            out += "\n"
        }
        out += "## Explanations\n\n`cse explain <id>` prints an entry with an example of a wrong input and its fix.\n\n"
        for kind in all {
            out += "### \(kind.id)\n\n\(kind.explanation)\n\n"
        }
        return out
    }

    /// The GitHub-style anchor of a kind's heading (`layout.invalid-name` → `layoutinvalid-name`).
    static func anchor(_ kind: DiagnosticKind) -> String {
        kind.id.rawValue.filter { $0 != "." }
    }

    /// `cse explain`: a kind's entry as text, with its example.
    public static func explanation(_ kind: DiagnosticKind) -> String {
        var out = "\(kind.id) (\(kind.severity))\n\n\(kind.meaning)\n\n\(kind.explanation)\n"
        if !kind.formerIDs.isEmpty { out += "\nFormerly: \(kind.formerIDs.map(\.rawValue).joined(separator: ", "))\n" }
        guard let example = kind.example else {
            return out + "\nNo input produces it: it is a backstop behind other checks.\n"
        }
        func files(_ overlay: [String: String?]) -> String {
            overlay.sorted { $0.key < $1.key }.map { path, text in
                guard let text else { return "  (\(path) removed)\n" }
                var shown = text.count > 1_200 ? String(text.prefix(1_200)) + "… (\(text.count) characters)" : text
                if shown.hasSuffix("\n") { shown.removeLast() }
                return "  \(path):\n" + shown.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
            }.joined()
        }
        switch example.context {
        case .fileSystem(let state):
            out += "\nExample: \(state).\n"
        default:
            out += "\nExample (\(contextDescription(example.context))):\n" + files(example.wrong)
            out += "\nFixed:\n" + files(example.right)
        }
        if let note = example.note { out += "\n\(note.prefix(1).uppercased() + note.dropFirst()).\n" }
        return out
    }

    static func contextDescription(_ context: DiagnosticExample.Context) -> String {
        switch context {
        case .registry: "files of a registry, checked by cse validate"
        case .build(let output): "cse build into '\(output)'"
        case .schemaValidate: "cse schema validate --schema schema.json document.json"
        case .gapAnalysis(let arguments, let fixed):
            (["cse gap-analysis run --findings <file>"] + arguments).joined(separator: " ")
                + (fixed == arguments ? "" : "; fixed: " + (["cse gap-analysis run --findings <file>"] + fixed).joined(separator: " "))
        case .oscalImport: "cse import oscal catalog.json --framework IMP"
        case .fileSystem(let state): state
        }
    }
}
