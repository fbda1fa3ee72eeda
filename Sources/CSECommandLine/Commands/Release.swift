import ArgumentParser
import CSECore
import CSEDiagnostics
import Foundation

extension ChangeLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

/// `cse release`: cuts a release into `registry/` (docs/releases.md).
struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cut a release: write registry/, the changelog and cse.yaml's version.",
        discussion: """
            Validates the registry (with the permanence rules against registry/), compares it with the last \
            release, and takes the smallest version the changes allow unless --version or --bump asks for \
            more; a smaller or equal version is refused (exit 1). Writes registry/ atomically, then \
            CHANGELOG.md, cse.yaml (registry.version and published_at) and release.yaml (emptied). Prints \
            'released X.Y.Z' on standard output. Deterministic: the same inputs and --published-at give \
            byte-identical files.
            """
    )

    @Argument(help: "The registry root (default: the current folder).")
    var root: String = "."

    @Option(name: .long, help: "The version to release (MAJOR.MINOR.PATCH).")
    var version: String?

    @Option(name: .long, help: "Bump the last release: major, minor or patch.")
    var bump: ChangeLevel?

    @Option(name: .long, help: "Publication time (RFC 3339); else SOURCE_DATE_EPOCH, else --now.")
    var publishedAt: String?

    @Flag(name: .long, help: "Use the current time as the publication time.")
    var now = false

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func validate() throws {
        if version != nil && bump != nil { throw ValidationError("give --version or --bump, not both") }
        if bump == ChangeLevel.none { throw ValidationError("--bump is major, minor or patch") }
        if let version, SemanticVersion(version) == nil { throw ValidationError("--version must be MAJOR.MINOR.PATCH, got '\(version)'") }
    }

    func run() throws {
        throw ExitCode(perform())
    }

    private func perform() -> Int32 {
        do {
            let target = try RegistryTarget(paths: [root])
            let schemas = try SchemaCatalog.bundled()
            let environment = ProcessInfo.processInfo.environment
            let time: String? =
                if let publishedAt { publishedAt } else if now { PublicationTime.rfc3339(epoch: Int(Date().timeIntervalSince1970)) } else {
                    environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }.map(PublicationTime.rfc3339(epoch:))
                }
            guard let time else {
                Console.err("error: no publication time\nReason: pass --published-at, export SOURCE_DATE_EPOCH, or pass --now\n")
                return ExitStatus.environment
            }
            let fs = LocalFileSystem(root: target.root)
            // A release folder holds the release outputs only; the API and the site (and their inputs, such as
            // the published history) are built from the tag afterwards.
            var options = LoadOptions()
            options.outputs = ReleasePlanner.outputs
            let result = try RegistryLoader(fileSystem: fs, schemas: schemas, options: options).load()
            var diagnostics = diagnosticOptions.adjust(result.diagnostics)
            guard !diagnostics.containsErrors, let registry = result.registry else {
                diagnosticOptions.report(diagnostics, target: target, result: result)
                Console.err("release failed: nothing was written\n")
                return ExitStatus.problems
            }
            let (previous, unreadable) = PreviousRelease.read(fs)
            let (declarations, _) = DeclarationsFile.read(fs)
            let (prepared, refused) =
                unreadable.isEmpty
                ? ReleasePlanner.prepare(
                    registry: registry, schemas: schemas, previous: previous, declarations: declarations,
                    request: ReleaseRequest(version: version, bump: bump, publishedAt: time))
                : (nil, unreadable)
            diagnostics += refused
            guard let prepared else {
                diagnosticOptions.report(diagnostics, target: target, result: result)
                Console.err("release failed: nothing was written\n")
                return ExitStatus.problems
            }
            let (summary, found) = try ReleaseWriter(root: target.root).write(prepared)
            diagnostics += found
            if !diagnostics.isEmpty { diagnosticOptions.report(diagnostics, target: target, result: result) }
            guard !found.containsErrors else {
                Console.err("release failed: nothing was written\n")
                return ExitStatus.problems
            }
            let diff = prepared.diff
            Console.err(
                "released \(prepared.version) (\(diff.from.version.map { "\(diff.level.name) release after \($0)" } ?? "first release")): "
                    + "\(diff.count(.signal, .added)) signals added, \(diff.count(.signal, .changed)) changed, "
                    + "\(diff.count(.signal, .deprecated)) deprecated; \(summary.fileCount) files in \(target.displayPrefix)registry/\n")
            Console.out("released \(prepared.version)\n")
            return ExitStatus.clean
        } catch {
            Console.err("error: \(error)\n")
            return ExitStatus.environment
        }
    }
}

/// `cse generate-signal-json`: the per-signal files a release tag carries.
struct GenerateSignalJSON: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-signal-json",
        abstract: "Write the normalized signal.json beside each signal.yaml (for a release tag's raw URLs).",
        discussion: """
            The release workflow runs it on the tag commit only, so that signals/<D>/<C>/<ID>/signal.json \
            resolves at every tag whatever format a signal is authored in; main keeps one source per signal. \
            cse validate checks that each generated file equals its source (release.generated-file-edited).
            """
    )

    @Argument(help: "The registry root (default: the current folder).")
    var root: String = "."

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        do {
            let target = try RegistryTarget(paths: [root])
            let result = try RegistryLoader(fileSystem: LocalFileSystem(root: target.root), schemas: try SchemaCatalog.bundled(), options: LoadOptions()).load()
            let diagnostics = diagnosticOptions.adjust(result.diagnostics)
            guard !diagnostics.containsErrors, let registry = result.registry else {
                diagnosticOptions.report(diagnostics, target: target, result: result)
                throw ExitCode(ExitStatus.problems)
            }
            var written = 0
            for (path, bytes) in GeneratedSignalFiles.files(registry) {
                try AtomicFile.replace(target.root + "/" + path, with: bytes)
                written += 1
            }
            Console.err("wrote \(written) generated signal.json files\n")
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.err("error: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
    }
}
