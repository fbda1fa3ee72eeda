import CSEDiagnostics

/// Reading the tree: files that cannot be read, and folders and files out of place.
extension DiagnosticKind {
    static let inputUnreadable = DiagnosticKind(
        "input.unreadable", .error,
        meaning: "the file could not be read (permissions, an I/O error); the system's reason is given",
        explanation: """
            The file exists but the system refused to read it. This is rarely a problem in the file itself: check \
            its permissions and the disk.
            """,
        example: DiagnosticExample(
            .fileSystem("signal.yaml unreadable (the system answers 'Permission denied')"), wrong: [:], right: [:],
            note: "make the file readable by the user that runs cse"))

    static let inputNotAFile = DiagnosticKind(
        "input.not-a-file", .error,
        meaning: "a named pipe, socket or device where a file is read: never opened for reading, since it could block or never end",
        explanation: """
            Only regular files are read. A named pipe named `signal.yaml` would block the build forever, and a \
            device could be read without end; each is refused from its type before it is opened for reading.
            """,
        example: DiagnosticExample(
            .fileSystem("signal.yaml is a named pipe (mkfifo)"), wrong: [:], right: [:],
            note: "replace it with a regular file"))

    static let inputNoDocument = DiagnosticKind(
        "input.no-document", .error,
        meaning: """
            a file that must define something (signal, mappings, catalog, crosswalk, tool, artifact type, `cse.yaml`) \
            is empty or holds only comments; without this, what it defines would vanish from the release
            """,
        explanation: """
            An empty `signal.yaml` would make its signal disappear from validation and from the release without a \
            word. Write the file's content, or delete the file (and its folder) if the signal is meant to go; a \
            released signal is deprecated, not deleted.
            """,
        example: DiagnosticExample(
            wrong: [DiagnosticExample.signalFile: "# to be written\n"],
            right: DiagnosticExample.unedited(DiagnosticExample.signalFile)))

    static let layoutInvalidName = DiagnosticKind(
        "layout.invalid-name", .error,
        meaning: """
            a folder name is not a plain identifier (a space, a leading dot); its contents are still checked. A name \
            that is not valid UTF-8 cannot be named in a path: it is reported with its bytes written `\\xFF`, and it \
            and its contents are skipped while the rest of the registry is checked
            """,
        explanation: """
            Folder names under `signals/` and `frameworks/` become IDs and published paths, so they are letters, \
            digits, `-`, `_` and `.`, not starting with a dot. Rename the folder to the domain, category or signal \
            ID it holds.
            """,
        example: DiagnosticExample(
            wrong: ["signals/HIPAA/Tech Controls/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n"],
            right: ["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n"]
                + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let layoutMissingDefinition = DiagnosticKind(
        "layout.missing-definition", .error,
        meaning: "a signal folder without `signal.yaml` or `signal.json`",
        explanation: """
            A folder under `signals/<DOMAIN>/<CATEGORY>/` is a signal, and a signal needs its definition. Add the \
            definition, or remove the folder if the signal lives elsewhere.
            """,
        example: DiagnosticExample(
            wrong: ["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n"],
            right: ["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n"]
                + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let layoutDuplicateFile = DiagnosticKind(
        "layout.duplicate-file", .error,
        meaning: "both `signal.yaml` and `signal.json` (or two mappings files) in one folder",
        explanation: "A signal is authored either as YAML or as JSON; with both, one of them would be ignored. Keep one.",
        example: DiagnosticExample(
            wrong: [DiagnosticExample.signalFolder + "/mappings.json": #"{"mappings": []}"#],
            right: [DiagnosticExample.signalFolder + "/mappings.json": nil]))

    static let layoutSymlinkEscape = DiagnosticKind(
        "layout.symlink-escape", .error,
        meaning: "a symbolic link that points outside the registry (or nowhere), also for a configured folder or a template",
        explanation: """
            Nothing outside the registry is read: a link in a pull request could otherwise copy a file from the \
            build machine into the published site. Copy the file in instead of linking to it.
            """,
        example: DiagnosticExample(
            .fileSystem("signals/HIPAA/TECH/…/README.md is a link to ../../../../../etc/hostname"), wrong: [:], right: [:],
            note: "replace the link with the file itself"))

    static let layoutSymlinkDirectory = DiagnosticKind(
        "layout.symlink-directory", .error,
        meaning: "a symbolic link to a folder (not followed, so one signal cannot appear twice)",
        explanation: """
            Linked folders are not followed: a signal reachable under two paths would be two signals, and a link \
            could lead out of the tree. Move the folder instead.
            """,
        example: DiagnosticExample(
            .fileSystem("signals/GDPR is a link to signals/HIPAA"), wrong: [:], right: [:], note: "move or copy the folder"))

    static let layoutStrayFile = DiagnosticKind(
        "layout.stray-file", .warning,
        meaning: "a file where the layout expects only folders",
        explanation: """
            Under `signals/` each level is a folder (`<DOMAIN>/<CATEGORY>/<ID>/`) and under `frameworks/` each \
            entry is a framework's folder; a file there is read by nothing.
            """,
        example: DiagnosticExample(
            wrong: ["signals/HIPAA/notes.yaml": "todo: 1\n"], right: ["signals/HIPAA/notes.yaml": nil]))

    static let layoutUnexpectedFile = DiagnosticKind(
        "layout.unexpected-file", .warning,
        meaning: "a file the layout does not know in a signal or framework folder",
        explanation: """
            A signal folder holds `signal.yaml` (or `.json`), `mappings.yaml` and `README.md`; a framework folder \
            `framework.yaml`, `controls.yaml` and `README.md`. Anything else is not published; rename it or remove it.
            """,
        example: DiagnosticExample(
            wrong: [DiagnosticExample.signalFolder + "/notes.txt": "to do\n"],
            right: [DiagnosticExample.signalFolder + "/notes.txt": nil]))

    static let layoutCaseCollision = DiagnosticKind(
        "layout.case-collision", .error,
        meaning: "two folders under one parent (frameworks, domains, categories, signals) differ only in letter case",
        explanation: """
            Folder names become published paths, and case-insensitive file systems (macOS, Windows, many object \
            stores) would merge the two. Rename one.
            """,
        example: DiagnosticExample(
            wrong: ["signals/HIPAA/tech/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n"],
            right: ["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-LOGGING-002/README.md": "# No logging\n"]
                + DiagnosticExample.signal("CSE-HIPAA-TECH-NO-LOGGING-002")))

    static let layoutTooDeep = DiagnosticKind(
        "layout.too-deep", .error,
        meaning: "a folder nested more than 16 levels below `mappings/`, `registry/` or the templates folder; it is not read",
        explanation: """
            Walks over these folders are bounded: a path past the system's length limit could not even be listed. \
            Keep data files within a few levels of their top folder.
            """,
        example: DiagnosticExample(
            wrong: ["registry/" + Array(repeating: "a", count: 17).joined(separator: "/") + "/index.json": "{}"],
            right: ["registry/a/index.json": "{}"]))

    static let layoutKinds: [DiagnosticKind] = [
        .layoutCaseCollision, .layoutDuplicateFile, .layoutInvalidName, .layoutMissingDefinition, .layoutStrayFile,
        .layoutSymlinkDirectory, .layoutSymlinkEscape, .layoutTooDeep, .layoutUnexpectedFile,
    ]
}
