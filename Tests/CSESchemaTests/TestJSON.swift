import CSEDiagnostics
import CSEYAML
import Foundation

/// JSON for the schema tests, read by the production reader (CSEYAML's `DocumentLoader`), so that node
/// spans are the ones users see; a document that does not load is a thrown error naming its diagnostics.
enum TestJSON {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String, path: String = "test.json") throws -> Node {
        let (node, diagnostics) = DocumentLoader.load(Array(text.utf8), path: path, format: .json)
        guard let node, !diagnostics.containsErrors else {
            throw ParseError(description: diagnostics.map { "\($0.summary)" }.joined(separator: "; "))
        }
        return node
    }

    static func parseFile(_ path: String) throws -> Node {
        try parse(String(contentsOfFile: path, encoding: .utf8), path: path)
    }
}
