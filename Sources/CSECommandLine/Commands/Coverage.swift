import ArgumentParser
import CSECore
import CSEDiagnostics

/// `cse coverage`: the share of each framework's controls that at least one signal reaches.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Report how many controls of each framework have a mapped signal.",
        discussion: """
            A control counts as covered when at least one active mapping names it; withdrawn controls are \
            left out. The text format prints each framework's share and one line per family (technical \
            families marked). Exit status: 0 clean, 1 registry errors, 2 usage or environment error.
            """
    )

    @Option(name: .long, help: "Only these frameworks (repeatable; default all).")
    var framework: [String] = []

    @Option(name: .long, help: "text, json, csv (one row per control) or markdown.")
    var format: ReportFormat = .text

    @OptionGroup var options: ComputeOptions

    func run() throws {
        let session = try ComputeSession.open(options)
        let unknown = GapAnalysis.checkFrameworks(framework, registry: session.registry)
        if !unknown.isEmpty {
            ComputeSession.report(unknown, sources: { _ in nil }, files: 0, format: options.diagnosticsFormat)
            throw ExitCode(ExitStatus.problems)
        }
        var coverage = Coverage(registry: session.registry, index: MappingIndex(session.registry))
        if !framework.isEmpty { coverage.frameworks = coverage.frameworks.filter { framework.contains($0.framework.code) } }
        switch format {
        case .text: try session.emit(coverage.text())
        case .csv: try session.emit(coverage.csv())
        case .markdown: try session.emit(ComputeDocuments.coverageMarkdown(coverage))
        case .json:
            var index = ComputeDocuments.coverageIndex(coverage, registry: session.registry) { "coverage/\($0).json" }
            if case .object(var members) = index {
                members.append(("details", .array(coverage.frameworks.map { ComputeDocuments.coverage($0, registry: session.registry) })))
                index = .object(members)
            }
            try session.emit(index)
        }
    }
}
