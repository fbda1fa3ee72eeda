import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// The smaller items of issue 16: site paths never hidden, templated boilerplate, gap analysis over every
/// framework.
@Suite struct SmallerHardeningTests {
    /// Class 12: a control ID such as `.hidden` became a dot-folder that static hosts do not serve.
    @Test(arguments: [
        (".hidden", "~2Ehidden"), (".", "~2E"), ("..", "~2E."), ("AC-2(1)", "AC-2(1)"), ("a.b", "a.b"), ("", "~"),
        ("x/y", "x~2Fy"), ("~", "~7E"),
    ])
    func sitePathSegmentsAreNeverHidden(_ id: String, _ segment: String) {
        #expect(SitePaths.segment(id) == segment)
        #expect(!SitePaths.segment(id).hasPrefix("."))
    }

    /// Generator fallback text, the same sentence with only the domain or category changed, is flagged in
    /// each signal; a sentence merely shared word for word is not.
    @Test func boilerplateAcrossDomainsIsAWarning() throws {
        func signal(_ id: String, domain: String, category: String, notes: String) -> String {
            TestRegistry.signal(id, domain: domain, category: category, extra: "metadata:\n  detection_notes: \"\(notes)\"\n")
        }
        let a = "CSE-HIPAA-TECH-NO-REVIEW-001", b = "CSE-SOC2-CC-NO-REVIEW-001", c = "CSE-SOC2-CC-SHARED-002", d = "CSE-HIPAA-TECH-SHARED-002"
        let shared = "Query the storage service's encryption settings through its configuration interface today."
        let files = TestRegistry.merge(
            TestRegistry.framework,
            TestRegistry.folder(
                a, signal: signal(a, domain: "HIPAA", category: "TECH", notes: "Review HIPAA compliance documentation and controls for TECH requirements.")),
            TestRegistry.folder(
                b, domain: "SOC2", category: "CC",
                signal: signal(b, domain: "SOC2", category: "CC", notes: "Review SOC2 compliance documentation and controls for CC requirements.")),
            TestRegistry.folder(c, domain: "SOC2", category: "CC", signal: signal(c, domain: "SOC2", category: "CC", notes: shared)),
            TestRegistry.folder(d, signal: signal(d, domain: "HIPAA", category: "TECH", notes: shared)))
        let result = try TestRegistry.load(files)
        let found = result.diagnostics.filter { $0.id == "text.boilerplate" }
        #expect(found.compactMap { $0.range?.file }.sorted() == ["signals/HIPAA/TECH/\(a)/signal.yaml", "signals/SOC2/CC/\(b)/signal.yaml"])
        #expect(found.allSatisfy { $0.severity == .warning && $0.summary.hasSuffix("is repeated in 2 signals with only the domain or category changed") })
    }

    @Test func sentencesSplitAfterStops() {
        #expect(BoilerplateRule.sentences("One two. Three? Four!  Five") == ["One two.", "Three?", "Four!", "Five"])
        #expect(BoilerplateRule.sentences("v1.2 stays whole.") == ["v1.2 stays whole."])
    }
}
