import CSEDiagnostics

/// Diagnostics of the `layout.*` group: problems with folder and file names and places.
enum LayoutDiagnostics {
    static func invalidName(_ path: String, name: String) -> Diagnostic {
        Diagnostic(
            .layoutInvalidName, range: .file(path),
            summary: "'\(name)' is not a plain folder name",
            hint:
                "folder names under signals/ and frameworks/ are identifiers: letters, digits, '-', '_' and '.', no spaces; rename the folder to the domain, category or signal ID it holds"
        )
    }

    static func undecodableName(_ path: String, name: String) -> Diagnostic {
        Diagnostic(
            .layoutInvalidName, range: .file(path),
            summary: "'\(name)' is not a valid UTF-8 name; it and everything in it are skipped",
            hint: "rename it with plain letters, digits, '-', '_' and '.'; paths in the registry are UTF-8"
        )
    }

    static func caseCollision(_ path: String, other: String) -> Diagnostic {
        Diagnostic(
            .layoutCaseCollision, range: .file(path),
            summary: "'\(path)' differs from '\(other)' only in letter case",
            hint: "folder names become published paths, which case-insensitive file systems (macOS, Windows) would merge; rename one",
            notes: [.init(range: .file(other), message: "the other folder")]
        )
    }

    static func tooDeep(_ path: String) -> Diagnostic {
        Diagnostic(
            .layoutTooDeep, range: .file(path),
            summary: "'\(path)' is nested more than \(InputDiscoverer.maximumFolderDepth) folders deep; it is not read",
            hint: "keep data files within a few levels of their top folder"
        )
    }

    static func missingDefinition(_ path: String) -> Diagnostic {
        Diagnostic(
            .layoutMissingDefinition, range: .file(path),
            summary: "signal folder '\(path)' has no signal.yaml or signal.json",
            hint: "add the signal's definition file, or remove the folder if the signal lives elsewhere"
        )
    }

    static func twoDefinitions(_ path: String, first: String) -> Diagnostic {
        Diagnostic(
            .layoutDuplicateFile, range: .file(path),
            summary: "'\(path)' duplicates '\(first)'",
            hint: "keep one file: a signal is authored either as YAML or as JSON",
            notes: [.init(range: .file(first), message: "the other file")]
        )
    }

    static func strayFile(_ path: String) -> Diagnostic {
        Diagnostic(
            .layoutStrayFile, range: .file(path),
            summary: "'\(path)' is not where the layout expects any file",
            hint: "signals live in signals/<DOMAIN>/<CATEGORY>/<ID>/ and frameworks in frameworks/<CODE>/"
        )
    }

    static func unexpectedFile(_ path: String, expected: String) -> Diagnostic {
        Diagnostic(
            .layoutUnexpectedFile, range: .file(path),
            summary: "unexpected file '\(path)'",
            hint: "this folder holds \(expected)"
        )
    }

    static func symlinkEscape(_ path: String) -> Diagnostic {
        Diagnostic(
            .layoutSymlinkEscape, range: .file(path),
            summary: "symbolic link '\(path)' points outside the registry",
            hint: "inputs must live inside the registry tree; copy the file in instead of linking to it"
        )
    }

    static func symlinkDirectory(_ path: String) -> Diagnostic {
        Diagnostic(
            .layoutSymlinkDirectory, range: .file(path),
            summary: "symbolic link '\(path)' points to a folder",
            hint: "folders are not followed through links, so the same signal cannot appear under two paths; move the folder instead"
        )
    }
}
