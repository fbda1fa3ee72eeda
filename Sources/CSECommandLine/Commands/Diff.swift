import ArgumentParser
import CSECore
import CSEDiagnostics
import Foundation

extension DiffFormat: ExpressibleByArgument {}

/// `cse diff A B`: what changed between two registries, and the semantic-versioning class of it.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two registries: signals, mappings, catalogs and the published contract.",
        discussion: """
            A and B are each a registry root (its sources, as this cse would publish them), a release folder \
            (registry/), a bundle file (cse-registry.json: index entries only), or a git revision read \
            without a checkout (v1.0.0, HEAD~3; REV:PATH names a folder at that revision, such as \
            v1.0.0:registry). Exit status: 0 no changes, 1 changes found (with --fail-on breaking: only \
            major ones), 2 usage or unreadable input.
            """
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case any, breaking
    }

    @Argument(help: "The older registry.")
    var from: String

    @Argument(help: "The newer registry.")
    var to: String

    @Option(name: .long, help: "Output format: human, markdown, json or github.")
    var format: DiffFormat = .human

    @Option(name: .long, help: "Which changes make the exit status 1: any (default) or breaking.")
    var failOn: FailOn = .any

    func run() throws {
        do {
            let schemas = try SchemaCatalog.bundled()
            let a = try SnapshotSource.read(from, schemas: schemas)
            let b = try SnapshotSource.read(to, schemas: schemas)
            let diff = RegistryDiff(from: a, to: b)
            Console.out(DiffReport(diff).render(format))
            let failing = failOn == .breaking ? diff.level == .major : !diff.changes.isEmpty
            throw ExitCode(failing ? ExitStatus.problems : ExitStatus.clean)
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.err("error: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
    }
}

/// Reads what `cse diff` compares from a path or a git revision.
enum SnapshotSource {
    static func read(_ spec: String, schemas: SchemaCatalog) throws -> Snapshot {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: spec, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                let folder = (spec as NSString).deletingLastPathComponent
                if fm.fileExists(atPath: (folder.isEmpty ? "." : folder) + "/releases.json") {
                    return try releaseFolder(LocalFileSystem(root: folder.isEmpty ? "." : folder), label: spec)
                }
                let bytes = try BoundedFile.read(path: spec, limit: InputLimits.releaseFileSize)
                let (snapshot, problems) = ReleaseFolder.readBundle(bytes, path: spec, label: spec)
                guard let snapshot else { throw unreadable(spec, problems) }
                return snapshot
            }
            let isRelease =
                fm.fileExists(atPath: spec + "/releases.json")
                || (fm.fileExists(atPath: spec + "/cse-registry.json") && !fm.fileExists(atPath: spec + "/cse.yaml")
                    && !fm.fileExists(atPath: spec + "/signals"))
            if isRelease { return try releaseFolder(LocalFileSystem(root: spec), label: spec) }
            let target = try RegistryTarget(paths: [spec])
            return try sources(LocalFileSystem(root: target.root), label: spec, schemas: schemas)
        }
        // REV or REV:PATH
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        let tree = try GitTree(revision: parts[0], directory: fm.currentDirectoryPath, path: parts.count > 1 ? parts[1] : nil)
        if tree.kind(of: "releases.json") == .file || tree.kind(of: "cse-registry.json") == .file && tree.kind(of: "cse.yaml") == nil {
            return try releaseFolder(tree, label: spec)
        }
        return try sources(tree, label: spec, schemas: schemas)
    }

    private static func releaseFolder(_ fs: any FileSystem, label: String) throws -> Snapshot {
        let (snapshot, _, problems) = ReleaseFolder.read(fs, prefix: "", label: label)
        guard let snapshot else { throw unreadable(label, problems) }
        return snapshot
    }

    /// A registry's sources, as this cse would publish them; a registry with errors is compared as read (a
    /// note says so).
    private static func sources(_ fs: any FileSystem, label: String, schemas: SchemaCatalog) throws -> Snapshot {
        let result = try RegistryLoader(fileSystem: fs, schemas: schemas, options: LoadOptions()).load()
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            Console.err("note: \(label) has \(errors) error\(errors == 1 ? "" : "s") (cse validate shows them); compared as read\n")
        }
        var snapshot = Snapshot(registry: result.partialRegistry, schemas: schemas, label: label)
        snapshot.declarations = DeclarationsFile.read(fs).0
        return snapshot
    }

    private static func unreadable(_ label: String, _ problems: [Diagnostic]) -> EnvironmentError {
        EnvironmentError(
            "cannot read '\(label)'", reasons: problems.map { ($0.range.map { "\($0.file): " } ?? "") + $0.summary })
    }
}
