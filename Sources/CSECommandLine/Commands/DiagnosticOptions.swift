import ArgumentParser
import CSECore
import CSEDiagnostics

extension DiagnosticFormat: ExpressibleByArgument {}

/// Options shared by every command that reports diagnostics.
struct DiagnosticOptions: ParsableArguments {
    @Option(name: .long, help: "How to print problems: human, tool, github, json or sarif.")
    var format: DiagnosticFormat = .human

    @Flag(name: .long, help: "Treat warnings as errors (exit 1 when there are any).")
    var warningsAsErrors = false

    @Option(name: [.customLong("Werror")], help: "Treat this diagnostic ID as an error (repeatable).")
    var errorIDs: [String] = []

    @Option(name: [.customLong("Wnone")], help: "Silence this diagnostic ID (repeatable; warnings only).")
    var silencedIDs: [String] = []

    /// Applies the severity options to a list of diagnostics.
    ///
    /// IDs are matched as the catalogue knows them: an ID a diagnostic once had still selects it.
    func adjust(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let errors = Set(errorIDs.map(DiagnosticCatalogue.currentID)), silenced = Set(silencedIDs.map(DiagnosticCatalogue.currentID))
        return diagnostics.compactMap { d in
            var d = d
            if d.severity != .error, silenced.contains(d.id.rawValue) { return nil }
            if d.severity == .warning, warningsAsErrors || errors.contains(d.id.rawValue) { d.severity = .error }
            return d
        }
    }
}

extension DiagnosticOptions {
    /// Prints diagnostics of a registry in the chosen format: human text on standard error, the machine
    /// formats on standard output.
    func report(_ diagnostics: [Diagnostic], target: RegistryTarget, result: LoadResult) {
        let shown = diagnostics.sorted(by: Diagnostic.printOrder).map(target.displaying)
        let rendered = format.render(shown, sources: target.displaySources(result.sources), fileCount: result.fileCount, toolVersion: CSEVersion.current)
        if format == .human { Console.err(rendered) } else { Console.out(rendered) }
    }
}
