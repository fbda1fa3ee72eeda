import ArgumentParser
import CSECore
import CSEDiagnostics

/// `cse explain`: what a diagnostic means, why, and an example of a wrong input and its fix.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic ID: its meaning, why it matters, and an example with its fix.",
        discussion: "The same catalogue makes docs/diagnostics.md. `cse explain --list` prints every ID.")

    @Argument(help: "A diagnostic ID, such as mapping.unknown-control.")
    var id: String?

    @Flag(name: .long, help: "List every diagnostic ID with its meaning.")
    var list = false

    func validate() throws {
        if id == nil && !list { throw ValidationError("name a diagnostic ID, or pass --list") }
        if let id, DiagnosticCatalogue.kind(id) == nil {
            let suggestion = Suggestions.closest(to: id, in: DiagnosticCatalogue.all.map(\.id.rawValue))
            throw ValidationError("no diagnostic is called '\(id)'" + Suggestions.didYouMean(suggestion) + "; cse explain --list prints them all")
        }
    }

    func run() throws {
        if list {
            Console.out(DiagnosticCatalogue.all.map { "\($0.id)  \($0.severity)  \($0.meaning)" }.joined(separator: "\n") + "\n")
            return
        }
        guard let id, let kind = DiagnosticCatalogue.kind(id) else { return }
        Console.out(DiagnosticCatalogue.explanation(kind))
    }
}
