public import CSEDiagnostics
import Foundation

/// Decides whether a build may write to an output folder (docs/build.md "Where the output goes").
///
/// A build replaces its output folder whole, so the folder must be one that nothing else lives in:
/// - it neither is, contains, nor lies inside the registry root's inputs (`signals/`, `frameworks/`, the
///   templates folder, `cse.yaml`, `.git/` …), nor contains the root itself; links are resolved first;
/// - if it exists, it is a folder that a previous build wrote (it holds ``markerName``), or it is empty.
///   An arbitrary folder is never replaced.
public enum OutputGuard {
    /// The file every output holds at its top; a folder without it is not replaced. Not listed in the
    /// manifest or the checksums (it is not part of the release).
    public static let markerName = ".cse-output"
    static let markerContents = Array("This folder is the output of `cse build`; the next build replaces it whole.\n".utf8)

    /// Why a build may not write to a folder.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case isRoot
        case containsRoot
        case overlapsInput(String, summary: String)
        case notAFolder
        case notAnOutput

        public var description: String {
            switch self {
            case .isRoot: "the output folder is the registry root"
            case .containsRoot: "the output folder contains the registry root"
            case .overlapsInput(_, let summary): summary
            case .notAFolder: "the output path exists and is not a folder"
            case .notAnOutput: "the output folder exists, is not empty and was not written by 'cse build' (it has no \(markerName))"
            }
        }

        /// The diagnostic this problem is reported as when `cse.yaml` chose the folder.
        public var kind: DiagnosticKind {
            switch self {
            case .isRoot, .containsRoot, .overlapsInput: .outputOverlapsInput
            case .notAFolder, .notAnOutput: .outputNotReplaceable
            }
        }

        public var hint: String {
            switch self {
            case .isRoot, .containsRoot, .overlapsInput:
                "build into a folder of its own, such as '_site'; the build replaces the output folder whole"
            case .notAFolder, .notAnOutput:
                "choose a new or empty folder; if this is an output of an older cse, delete it yourself once"
            }
        }
    }

    /// Checks an output folder (absolute path) against a registry root (absolute path) whose configured
    /// templates folder is `templates`.
    public static func check(output: String, root: String, templates: String) -> Problem? {
        let out = resolved(output), base = resolved(root)
        if out == base { return .isRoot }
        if base.hasPrefix(out == "/" ? "/" : out + "/") { return .containsRoot }
        if out.hasPrefix(base + "/") {
            let relative = String(out.dropFirst(base.count + 1))
            if let input = ConfigRules.overlappingInput(relative, templates: templates) {
                return .overlapsInput(input, summary: ConfigRules.overlapSummary(output: relative, input: input))
            }
        }
        // An input reached through a link (a `signals` link to a folder elsewhere) is an input too.
        for input in ConfigRules.inputs(templates: templates) {
            let real = resolved(base + "/" + input)
            if real == out || real.hasPrefix(out + "/") || out.hasPrefix(real + "/") {
                return .overlapsInput(input, summary: "the output folder '\(output)' overlaps the registry's input '\(input)' (through a link)")
            }
        }
        guard let status = Platform.linkStatus(output) else { return nil }
        guard status.kind == .folder else { return .notAFolder }
        return isPreviousOutput(output) || isEmptyFolder(output) ? nil : .notAnOutput
    }

    /// Whether a folder holds the marker of a previous build, or is an output of a cse older than the
    /// marker (its top holds `SHA256SUMS` and a `manifest.json` with the registry version).
    static func isPreviousOutput(_ folder: String) -> Bool {
        if Platform.linkStatus(folder + "/" + markerName)?.kind == .regular { return true }
        guard Platform.linkStatus(folder + "/SHA256SUMS")?.kind == .regular,
            let manifest = try? BoundedFile.read(path: folder + "/manifest.json", limit: 64 * 1024 * 1024)
        else { return false }
        return manifest.starts(with: Array("{\n  \"registry_version\":".utf8))
    }

    static func isEmptyFolder(_ folder: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty ?? false
    }

    /// The path with every link resolved: the deepest existing folder resolved, the rest appended.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing), existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let real = URL(fileURLWithPath: existing).resolvingSymlinksInPath().standardizedFileURL.path
        return ([real == "/" ? "" : real] + rest).joined(separator: "/")
    }
}
