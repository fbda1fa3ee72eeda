import CSEDiagnostics

/// Prose (text fields, READMEs, markdown) and the site's templates.
extension DiagnosticKind {
    private static let file = DiagnosticExample.signalFile
    private static let readme = DiagnosticExample.readmeFile

    // MARK: - text

    static let textPlaceholder = DiagnosticKind(
        "text.placeholder", .warning,
        meaning: "a text field is empty or holds placeholder text (TODO, TBD, lorem ipsum …), or a README line starts with TODO",
        explanation: "Placeholders become permanent once a release publishes them; write the real text first.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(file, "applicability: Systems that store", "applicability: TODO Systems that store"),
            right: DiagnosticExample.unedited(file)))

    static let textTruncated = DiagnosticKind(
        "text.truncated", .warning,
        meaning: "a prose field seems cut off: it stops mid-sentence, or at a length copy tools cut at",
        explanation: """
            Text that ends without closing punctuation after a full sentence, or at exactly 100, 128, 200, 255, \
            256, 500 or 512 characters, usually lost its end when it was copied from elsewhere. Finish the sentence.
            """,
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(
                file, "configured without encryption at rest.", "configured without encryption at rest. Snapshots of it are stored unencryp"),
            right: DiagnosticExample.unedited(file)))

    static let textWhitespace = DiagnosticKind(
        "text.whitespace", .warning,
        meaning: "a text field begins or ends with whitespace",
        explanation: "Leading and trailing spaces change the text consumers compare and display; remove them.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(
                file, "canonical_name: Storage without encryption at rest", "canonical_name: \" Storage without encryption at rest\""),
            right: DiagnosticExample.unedited(file)))

    static let textTrailingWhitespace = DiagnosticKind(
        "text.trailing-whitespace", .warning,
        meaning: "a line of a YAML file ends with spaces or tabs",
        explanation: "Invisible trailing whitespace makes diffs noisy and can change block scalars; remove it.",
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(file, "status: active\n", "status: active  \n"), right: DiagnosticExample.unedited(file)))

    static let textBoilerplate = DiagnosticKind(
        "text.boilerplate", .warning,
        meaning: """
            a sentence of six or more words repeated in two or more signals' prose with only the domain or category \
            code changed ("Review HIPAA compliance documentation … for HIPAA requirements."); flagged in each signal
            """,
        explanation: """
            Generators fill fields with such fallback text when they have nothing to say about a condition; it \
            tells a reader nothing. Say what this signal's condition is and how it is detected.
            """,
        example: DiagnosticExample(
            wrong: DiagnosticExample.edited(
                file, "status: active\n",
                "status: active\nmetadata:\n  detection_notes: Review HIPAA compliance documentation and controls for TECH requirements.\n")
                + DiagnosticExample.signal(
                    "CSE-HIPAA-DATA-NO-LOGGING-001",
                    extra: "metadata:\n  detection_notes: Review HIPAA compliance documentation and controls for DATA requirements.\n"
                )
                .mapValues { $0?.replacingOccurrences(of: "category: TECH", with: "category: DATA") }
                .renamingFolder("signals/HIPAA/TECH/", to: "signals/HIPAA/DATA/"),
            right: DiagnosticExample.edited(
                file, "status: active\n",
                "status: active\nmetadata:\n  detection_notes: The volume's encryption setting is off in the cloud provider's configuration.\n")))

    // MARK: - readme / markdown

    static let readmeEmpty = DiagnosticKind(
        "readme.empty", .warning,
        meaning: "an empty `README.md`",
        explanation: "A README explains the signal: how it is detected and what it does not assert. Write it, or delete the file.",
        example: DiagnosticExample(
            wrong: [readme: "\n"], right: [readme: "# Storage without encryption at rest\n\nDetected from the volume's settings.\n"]))

    static let readmeUnknownSignal = DiagnosticKind(
        "readme.unknown-signal", .warning,
        meaning: "a README mentions a signal ID that does not exist (suggests the nearest)",
        explanation: "Signals are linked by writing their IDs; the site turns each into a link, so the ID must exist.",
        example: DiagnosticExample(
            wrong: [readme: "# Storage\n\nSee also CSE-HIPAA-TECH-NO-ENCRYPTION-002.\n"],
            right: [readme: "# Storage\n\nSee also CSE-HIPAA-TECH-NO-LOGGING-002.\n"] + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let readmeBrokenLink = DiagnosticKind(
        "readme.broken-link", .warning,
        meaning: "a relative link that leaves the registry or names a file that does not exist",
        explanation: "Relative links are resolved from the README's folder; correct the path, or link to a signal by its ID.",
        example: DiagnosticExample(
            wrong: [readme: "# Storage\n\nSee [the catalog](../../../../frameworks/TESTFX/).\n"],
            right: [readme: "# Storage\n\nSee [the catalog](../../../../frameworks/TESTFW/).\n"]))

    static let readmeBrokenAnchor = DiagnosticKind(
        "readme.broken-anchor", .warning,
        meaning: "a link to `#anchor` that no heading of the README gives (suggests the nearest)",
        explanation: "Anchors are the heading text lower-cased with spaces as `-` (docs/site.md).",
        example: DiagnosticExample(
            wrong: [readme: "# Storage\n\n## Detection\n\nSee [detection](#detecting).\n"],
            right: [readme: "# Storage\n\n## Detection\n\nSee [detection](#detection).\n"]))

    static let readmeUnpublishedLink = DiagnosticKind(
        "readme.unpublished-link", .warning,
        meaning: "a link to a real file the site does not publish; the site shows it as text",
        explanation:
            "The site publishes signal and framework pages, not the registry's source files; link to a signal by its ID, a framework folder, or an absolute URL.",
        example: DiagnosticExample(
            wrong: [readme: "# Storage\n\nSee [the build settings](../../../../cse.yaml).\n"],
            right: [readme: "# Storage\n\nSee [the framework](../../../../frameworks/TESTFW/).\n"]))

    static let markdownTooDeep = DiagnosticKind(
        "markdown.too-deep", .error,
        meaning: "a README nests block quotes, lists, emphasis or links more than 100 levels deep; points at the first node past the limit",
        explanation: """
            Markdown is rendered by walking its tree, so nesting is bounded; no README needs this depth (a hostile \
            one could crash the build). Flatten the nesting.
            """,
        example: DiagnosticExample(
            wrong: [readme: String(repeating: "> ", count: 120) + "quoted\n"], right: [readme: "> quoted\n"]))

    static let textKinds: [DiagnosticKind] = [
        .markdownTooDeep, .readmeBrokenAnchor, .readmeBrokenLink, .readmeEmpty, .readmeUnknownSignal, .readmeUnpublishedLink,
        .textBoilerplate, .textPlaceholder, .textTrailingWhitespace, .textTruncated, .textWhitespace,
    ]

    // MARK: - template

    /// A site with every required template, each a line of text.
    static let minimalSite: [String: String?] = Dictionary(
        uniqueKeysWithValues: SiteTemplates.required.map { ("templates/\($0).mustache", "<p>\($0)</p>\n") })

    static let templateFolderMissing = DiagnosticKind(
        "template.folder-missing", .error,
        meaning: "the output `html` is asked for but the registry has no templates folder",
        explanation: "The site is rendered from templates read at build time; copy `templates/` from the CSE registry, or leave `html` out.",
        example: DiagnosticExample(
            wrong: ["cse.yaml": "registry:\n  version: 1.0.0\noutputs: [bundle, html]\n"],
            right: ["cse.yaml": "registry:\n  version: 1.0.0\noutputs: [bundle, html]\n"] + minimalSite))

    static let templateMissing = DiagnosticKind(
        "template.missing", .error,
        meaning: "a page's template is not in the templates folder",
        explanation: "Every page kind (home, signal, framework, control …) needs its template.",
        example: DiagnosticExample(wrong: minimalSite + ["templates/control.mustache": nil], right: minimalSite))

    static let templateSyntax = DiagnosticKind(
        "template.syntax", .error,
        meaning: "a template does not parse (file, line and column of the tag where parsing failed)",
        explanation: "Every `{{#section}}` and `{{^section}}` is closed by a matching `{{/section}}`, and every tag ends with `}}`.",
        example: DiagnosticExample(
            wrong: minimalSite + ["templates/home.mustache": "{{#signals}}<p>{{id}}</p>\n"],
            right: minimalSite + ["templates/home.mustache": "{{#signals}}<p>{{id}}</p>{{/signals}}\n"]))

    static let templateUnreadable = DiagnosticKind(
        "template.unreadable", .error,
        meaning: "a folder of the templates could not be listed",
        explanation: "Check the folder's permissions.",
        example: DiagnosticExample(
            .fileSystem("templates/partials cannot be listed"), wrong: [:], right: [:], note: "make the folder readable"))

    static let templateTooDeep = DiagnosticKind(
        "template.too-deep", .error,
        meaning: "sections nest more than 64 levels deep (the template engine recurses once per level)",
        explanation: "Flatten the sections; no page needs this depth.",
        example: DiagnosticExample(
            wrong: minimalSite + ["templates/home.mustache": String(repeating: "{{#a}}", count: 65) + String(repeating: "{{/a}}", count: 65)],
            right: minimalSite))

    static let templateRecursivePartial = DiagnosticKind(
        "template.recursive-partial", .error,
        meaning: "a partial includes itself, directly or through others (rendering would never end); names the cycle",
        explanation: "A partial may not lead back to itself.",
        example: DiagnosticExample(
            wrong: minimalSite + ["templates/partials/item.mustache": "<li>{{>partials/item}}</li>\n"],
            right: minimalSite + ["templates/partials/item.mustache": "<li>{{name}}</li>\n"]))

    static let templateDynamicPartial = DiagnosticKind(
        "template.dynamic-partial", .error,
        meaning: "a partial named by the data (`{{>*name}}`), which could include itself without end",
        explanation: "Name partials in the template.",
        example: DiagnosticExample(
            wrong: minimalSite + ["templates/home.mustache": "{{>*page}}\n"], right: minimalSite + ["templates/home.mustache": "{{>partials/page}}\n"]))

    static let templateOutputTooLarge = DiagnosticKind(
        "template.output-too-large", .error,
        meaning: "a page would render to more than 64 MiB (partials included several times at every level multiply it)",
        explanation: """
            Nesting is bounded, but a partial that includes another twice, which includes another twice, doubles \
            the page at every level. Rendering stops at 64 MiB and the build writes nothing. Include each partial \
            once.
            """,
        example: DiagnosticExample(
            .build(output: "_site"),
            wrong: ["cse.yaml": siteConfig] + minimalSite
                + ["templates/home.mustache": "{{>partials/p1}}\n"]
                + Dictionary(
                    uniqueKeysWithValues: (1...5).map {
                        ("templates/partials/p\($0).mustache", String(repeating: "{{>partials/p\($0 + 1)}}", count: 16))
                    }) + ["templates/partials/p6.mustache": "<p>" + String(repeating: "x", count: 66) + "</p>\n"],
            right: ["cse.yaml": siteConfig] + minimalSite))

    /// A build of the bundle and the site, dated so that it is reproducible.
    private static let siteConfig = "registry:\n  version: 1.0.0\n  published_at: \"2026-01-01T00:00:00Z\"\noutputs: [bundle, html]\n"

    static let templateKinds: [DiagnosticKind] = [
        .templateDynamicPartial, .templateFolderMissing, .templateMissing, .templateOutputTooLarge, .templateRecursivePartial,
        .templateSyntax, .templateTooDeep, .templateUnreadable,
    ]
}

extension Dictionary where Key == String, Value == String? {
    /// The same overlay with a folder prefix of its paths changed.
    func renamingFolder(_ old: String, to new: String) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: map { ($0.key.hasPrefix(old) ? new + $0.key.dropFirst(old.count) : $0.key, $0.value) })
    }
}
