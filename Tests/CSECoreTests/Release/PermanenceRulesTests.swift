import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// Each release rule fails its catalogue example at the right file and line (the examples themselves are run by
/// DiagnosticCatalogueTests, which checks the ID and that the fix is clean).
@Suite struct PermanenceRulesTests {
    static let signal = DiagnosticExample.signalFolder + "/signal.yaml"

    static let cases: [(DiagnosticKind, String)] = [
        (.permanenceSignalRemoved, "registry/cse-registry.ndjson:2"),
        (.permanenceSignalMoved, signal + ":5"),
        (.permanenceIntroducedChanged, signal + ":7"),
        (.permanenceIntroducedTooEarly, "signals/HIPAA/TECH/CSE-HIPAA-TECH-NEW-002/signal.yaml:7"),
        (.permanenceReactivated, signal + ":8"),
        (.permanenceControlRemoved, DiagnosticExample.controlsFile + ":1"),
        (.permanenceReleaseUnreadable, "registry/cse-registry.ndjson:1"),
        (.releaseInvalidDeclaration, "release.yaml:3"),
        (.releaseGeneratedFileEdited, DiagnosticExample.signalFolder + "/signal.json:1"),
    ]

    @Test(arguments: cases.map { $0.0.id.rawValue })
    func ruleReportsAtTheRightPlace(_ id: String) throws {
        let (kind, place) = try #require(Self.cases.first { $0.0.id.rawValue == id })
        let example = try #require(kind.example)
        let result = try ExampleRunner.load(ExampleRunner.registryFiles(example.wrong))
        let found = result.diagnostics.filter { $0.id == kind.id }
        #expect(found.count == 1, "\(TestRegistry.lines(result))")
        let at = found.first.flatMap { d in d.range.map { "\($0.file):\($0.span.start.line)" } }
        #expect(at == place, "\(TestRegistry.lines(result))")
        #expect(found.first?.hint?.isEmpty == false)
    }

    /// Without `registry/`, nothing is compared: a registry before its first release has no permanence rules.
    @Test func noReleaseFolderNoRules() throws {
        var files = DiagnosticExample.baseRegistry.mapValues { Optional($0) }
        files = files + DiagnosticExample.signal("CSE-HIPAA-TECH-NEW-002")
        let result = try ExampleRunner.load(ExampleRunner.registryFiles(files))
        #expect(result.diagnostics.isEmpty, "\(TestRegistry.lines(result))")
    }
}
