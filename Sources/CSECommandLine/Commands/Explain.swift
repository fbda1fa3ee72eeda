import ArgumentParser
import CSECore
import CSEDiagnostics
import Foundation

/// `cse explain`: what a diagnostic means, why, and an example of a wrong input and its fix.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic ID: its meaning, why it matters, and an example with its fix.",
        discussion: "The same catalogue makes docs/diagnostics.md. `cse explain --list` prints every ID.")

    @Argument(help: "A diagnostic ID, such as mapping.unknown-control.")
    var id: String?

    @Flag(name: .long, help: "List every diagnostic ID with its meaning.")
    var list = false

    /// For the editor-schema check (Scripts/check-editor-schemas.py): every registry example's files, wrong
    /// and fixed, as `DIR/<id>/wrong/<path>` and `DIR/<id>/right/<path>`.
    @Option(name: .customLong("write-examples"), help: .hidden)
    var examplesDirectory: String?

    func validate() throws {
        if id == nil && !list && examplesDirectory == nil { throw ValidationError("name a diagnostic ID, or pass --list") }
        if let id, DiagnosticCatalogue.kind(id) == nil {
            let suggestion = Suggestions.closest(to: id, in: DiagnosticCatalogue.all.map(\.id.rawValue))
            throw ValidationError("no diagnostic is called '\(id)'" + Suggestions.didYouMean(suggestion) + "; cse explain --list prints them all")
        }
    }

    func run() throws {
        if let examplesDirectory {
            try writeExamples(to: examplesDirectory)
            return
        }
        if list {
            Console.out(DiagnosticCatalogue.all.map { "\($0.id)  \($0.severity)  \($0.meaning)" }.joined(separator: "\n") + "\n")
            return
        }
        guard let id, let kind = DiagnosticCatalogue.kind(id) else { return }
        Console.out(DiagnosticCatalogue.explanation(kind))
    }

    private func writeExamples(to directory: String) throws {
        var count = 0
        for kind in DiagnosticCatalogue.all {
            guard let example = kind.example, example.context == .registry else { continue }
            for (side, overlay) in [("wrong", example.wrong), ("right", example.right)] {
                for (path, text) in overlay.sorted(by: { $0.key < $1.key }) {
                    guard let text, !path.contains("..") else { continue }
                    let target = "\(directory)/\(kind.id)/\(side)/\(path)"
                    try FileManager.default.createDirectory(
                        atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try AtomicFile.replace(target, with: Array(text.utf8))
                    count += 1
                }
            }
        }
        Console.out("wrote \(count) example files to \(directory)/\n")
    }
}
