import ArgumentParser
import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation

/// `cse gap-analysis`: which controls open findings affect, and which controls no signal reaches.
struct GapAnalysisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap-analysis",
        abstract: "Map findings to framework controls: affected controls, blind spots, summary by family.",
        subcommands: [GapAnalysisRun.self, GapAnalysisCompare.self],
        defaultSubcommand: GapAnalysisRun.self
    )
}

struct GapAnalysisRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Analyse a findings file against the registry's frameworks (all, or those named).",
        discussion: """
            --findings takes CSE findings as JSON or YAML (an array, or an object with a 'findings' array; \
            see schemas/finding-set.schema.json) or any other file as a list of signal IDs, one per line. \
            Findings with status open or in_progress affect controls. Unknown signal IDs and framework \
            codes are errors. Exit status: 0 clean, 1 problems, 2 usage or environment error.
            """
    )

    @Option(name: .long, help: "The findings file.")
    var findings: String

    @Option(name: .long, help: "A framework code (repeatable; default: every framework of the registry).")
    var framework: [String] = []

    @Option(name: .long, help: "json, csv or markdown.")
    var format: ReportFormat = .json

    @OptionGroup var options: ComputeOptions

    func validate() throws {
        if format == .text { throw ValidationError("--format must be json, csv or markdown") }
    }

    func run() throws {
        let session = try ComputeSession.open(options)
        let bytes = try CommandInput.read(findings, format: options.diagnosticsFormat)
        let (list, found) = FindingsReader.read(bytes, path: findings, schemas: session.schemas, registry: session.registry)
        let frameworks = framework.isEmpty ? session.registry.frameworks.map(\.code) : framework
        let diagnostics = found + GapAnalysis.checkFrameworks(frameworks, registry: session.registry)
        let text = SourceText(bytes: bytes), path = findings
        ComputeSession.report(diagnostics, sources: { $0 == path ? text : nil }, files: 1, format: options.diagnosticsFormat)
        if diagnostics.containsErrors { throw ExitCode(ExitStatus.problems) }
        let analysis = GapAnalysis(
            registry: session.registry, index: MappingIndex(session.registry), findings: list, frameworks: frameworks, input: findings)
        switch format {
        case .json, .text: try session.emit(analysis.json())
        case .csv: try session.emit(analysis.csv())
        case .markdown: try session.emit(analysis.markdown())
        }
    }
}

struct GapAnalysisCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two gap analyses (JSON): controls newly affected, resolved and unchanged."
    )

    @Argument(help: "The earlier gap analysis (JSON).")
    var before: String

    @Argument(help: "The later gap analysis (JSON).")
    var after: String

    @Option(name: .long, help: "json, csv or markdown.")
    var format: ReportFormat = .json

    @Option(name: .long, help: "How to print problems: human, tool, github, json or sarif.")
    var diagnosticsFormat: DiagnosticFormat = .human

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    func run() throws {
        let schemas: SchemaCatalog
        do { schemas = try SchemaCatalog.bundled() } catch {
            Console.err("error: \(error)\n")
            throw ExitCode(ExitStatus.environment)
        }
        var texts: [String: SourceText] = [:]
        var diagnostics: [Diagnostic] = []
        var nodes: [Node] = []
        for path in [before, after] {
            let bytes = try CommandInput.read(path, format: diagnosticsFormat)
            texts[path] = SourceText(bytes: bytes)
            let (node, found) = GapComparison.read(bytes, path: path, schemas: schemas)
            diagnostics += found
            if let node { nodes.append(node) }
        }
        let frozen = texts
        ComputeSession.report(diagnostics, sources: { frozen[$0] }, files: 2, format: diagnosticsFormat)
        guard !diagnostics.containsErrors, nodes.count == 2 else { throw ExitCode(ExitStatus.problems) }
        let comparison = GapComparison(before: nodes[0], after: nodes[1])
        let text: String
        switch format {
        case .json, .text: text = String(decoding: JSONWriter(style: .pretty).bytes(comparison.json()), as: UTF8.self)
        case .csv: text = comparison.csv()
        case .markdown: text = comparison.markdown()
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                Console.err("error: cannot write '\(output)'\n")
                throw ExitCode(ExitStatus.environment)
            }
        } else {
            Console.out(text)
        }
    }
}
