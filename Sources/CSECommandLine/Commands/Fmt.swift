import ArgumentParser
import CSECore
import CSEDiagnostics
import Foundation

/// `cse fmt`: rewrites the registry's input files into canonical form (docs/formatting.md).
struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite signals, mappings, catalogs, crosswalks, artifact types and tools into canonical form.",
        discussion: """
            The schema's key order, two-space indentation, quoting only where needed, long text folded at \
            110 columns, one trailing newline; comments are kept. Every result is read back and must hold the \
            same value and the same comments, or the file is left alone. PATHS may be the registry root, \
            folders or files inside it. With --check nothing is written: each file not in canonical form is \
            shown as a diff (or, with --format github, annotated) and the exit status is 1. Exit status: 0 \
            done (or all canonical), 1 files not canonical (--check) or not readable, 2 usage or environment \
            error.
            """
    )

    @Argument(help: "The registry root, folders inside it, or files (default: the current folder).")
    var paths: [String] = []

    @Flag(name: .long, help: "Write nothing; show what would change and exit 1 if anything would.")
    var check = false

    @Option(name: .long, help: "How --check reports: human (a diff per file) or github (annotations).")
    var format: String = "human"

    func validate() throws {
        guard ["human", "github"].contains(format) else { throw ValidationError("--format takes human or github, got '\(format)'") }
    }

    func run() throws {
        let target = try RegistryTarget(paths: paths.isEmpty ? ["."] : paths)
        let fs = LocalFileSystem(root: target.root)
        let formatter = SourceFormatter(schemas: try SchemaCatalog.bundled())
        let discovered = try InputDiscoverer(fileSystem: fs).discover()
        let files = discovered.files.filter { file in
            guard file.kind.schemaName != nil else { return false }
            guard let filter = target.filter else { return true }
            return filter.contains { file.path == $0 || file.path.hasPrefix($0 + "/") }
        }
        var changed = 0, unreadable = 0, written = 0
        var report = ""
        for file in files {
            let shown = target.displayPrefix + file.path
            let bytes: [UInt8]
            do {
                bytes = try fs.contents(of: file.path)
            } catch {
                report += "error: cannot read \(shown): \(error)\n"
                unreadable += 1
                continue
            }
            let original = String(decoding: bytes, as: UTF8.self)
            let canonical: String
            do {
                canonical = try formatter.format(bytes, path: file.path, schema: file.kind.schemaName)
            } catch let error as SourceFormatter.FormatError {
                report += "error: \(target.displayPrefix)\(error.description)\n"
                unreadable += 1
                continue
            }
            guard canonical != original else { continue }
            changed += 1
            if check {
                if format == "github" {
                    let line = LineDiff.firstDifference(original, canonical)
                    report += "::error file=\(shown),line=\(line),title=not in canonical form::run cse fmt \(shown)\n"
                } else {
                    report += LineDiff.unified(original, canonical, path: shown)
                }
            } else {
                do {
                    try AtomicFile.replace(target.root + "/" + file.path, with: Array(canonical.utf8))
                    written += 1
                } catch {
                    report += "error: cannot write \(shown): \(error)\n"
                    unreadable += 1
                }
            }
        }
        if check {
            Console.out(report)
            let failed = unreadable > 0 ? "; \(unreadable) could not be formatted" : ""
            Console.err(
                (changed == 0
                    ? "\(files.count - unreadable) of \(files.count) files in canonical form"
                    : "\(changed) of \(files.count) files not in canonical form; run cse fmt")
                    + failed + "\n")
        } else {
            Console.err(report + "formatted \(files.count) files: \(written) rewritten" + (unreadable > 0 ? ", \(unreadable) could not be" : "") + "\n")
        }
        if unreadable > 0 || (check && changed > 0) { throw ExitCode(ExitStatus.problems) }
    }
}
