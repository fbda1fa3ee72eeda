import CSEDiagnostics
import CSEMarkdown
import CSEYAML

/// Every bound `cse` puts on what it reads, in one place (docs/diagnostics.md "Limits").
///
/// Each input is a stranger's until checked: these bounds keep a hostile file from exhausting memory,
/// time or the stack. Hitting one is a diagnostic, never a crash or a silent truncation.
public enum InputLimits {
    /// Largest registry input file (signal, mapping, catalog, README, template, findings file, schema).
    public static let fileSize = DocumentLoader.defaultMaximumSize
    /// Largest catalog `cse import oscal` reads (NIST's full SP 800-53 catalog is about 10 MB as JSON).
    public static let importSize = 64 * 1024 * 1024
    /// Largest file of a release folder (`registry/`) or bundle that `cse diff`, `cse release` and the
    /// permanence rules read (a 10,000-signal `signals.ndjson` is about 15 MB).
    public static let releaseFileSize = 512 * 1024 * 1024
    /// Largest file read from a git revision (`cse diff v1.0.0 HEAD`), and the most all of them may hold.
    public static let gitTreeSize = 2 * 1024 * 1024 * 1024
    /// Largest file under the site's `assets/` folder, and the most all of them may hold together.
    public static let assetSize = 16 * 1024 * 1024
    public static let assetsTotalSize = 64 * 1024 * 1024
    /// Deepest nesting of YAML or JSON collections (`yaml.too-deep`, `json.too-deep`).
    public static let documentDepth = DocumentLoader.maximumDepth
    /// Deepest nesting of markdown blocks and inlines (`markdown.too-deep`).
    public static let markdownDepth = MarkdownDocument.maximumDepth
    /// Most diagnostics of one ID printed for one file; the rest are counted in a closing line.
    public static let diagnosticsPerFileAndID = DiagnosticLimiter.defaultLimit
}
