import ArgumentParser
import CSECore
import CSEDiagnostics

/// `cse crosswalk A B`: every control-to-control link from framework A to framework B.
struct CrosswalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosswalk",
        abstract: "Show the crosswalk between two frameworks: derived, declared, inverse and transitive links.",
        discussion: "The derivation rules are in docs/compute.md. Exit status: 0 clean, 1 problems, 2 usage or environment error."
    )

    @Argument(help: "Source framework code.")
    var source: String

    @Argument(help: "Target framework code.")
    var target: String

    @Option(name: .long, help: "json, csv or markdown.")
    var format: ReportFormat = .json

    @OptionGroup var options: ComputeOptions

    func validate() throws {
        if format == .text { throw ValidationError("--format must be json, csv or markdown") }
        if source == target { throw ValidationError("name two different frameworks") }
    }

    func run() throws {
        let session = try ComputeSession.open(options)
        let registry = session.registry
        let unknown = GapAnalysis.checkFrameworks([source, target], registry: registry)
        guard unknown.isEmpty, let a = registry.framework(source), let b = registry.framework(target) else {
            ComputeSession.report(unknown, sources: { _ in nil }, files: 0, format: options.diagnosticsFormat)
            throw ExitCode(ExitStatus.problems)
        }
        let links = CrosswalkSet(registry: registry, index: MappingIndex(registry)).links(from: a.code, to: b.code)
        switch format {
        case .json, .text: try session.emit(ComputeDocuments.crosswalk(from: a, to: b, links: links, registry: registry))
        case .csv: try session.emit(ComputeDocuments.crosswalkCSV(links))
        case .markdown: try session.emit(ComputeDocuments.crosswalkMarkdown(from: a, to: b, links: links, registry: registry))
        }
    }
}
