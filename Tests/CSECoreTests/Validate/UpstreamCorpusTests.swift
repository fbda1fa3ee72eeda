import CSECore
import CSEDiagnostics
import Foundation
import Testing

/// `cse validate` on the real upstream registry sample: every defect class it is known to contain is
/// reported, the exact output is pinned, and its clean files get no diagnostic at all.
@Suite(.enabled(if: TestEnvironment.upstreamCorpus != nil, "../shared/corpus/cse-upstream is not beside the repository"))
struct UpstreamCorpusTests {
    static let root = TestRegistry.shared?.appendingPathComponent("corpus/cse-upstream")

    /// Loaded once for all tests of the suite.
    static let loaded: Result<LoadResult, any Error>? = root.map { root in
        Result { try RegistryLoader(fileSystem: LocalFileSystem(root: root.path), schemas: TestRegistry.schemas).load() }
    }

    static func load() throws -> LoadResult {
        try #require(loaded).get()
    }

    @Test func outputMatchesGolden() throws {
        let result = try Self.load()
        let text = result.diagnostics.map(ToolDiagnosticFormatter.line).joined(separator: "\n") + "\n"
        try Golden.assertText(text, matches: "upstream/expected-diagnostics.txt")
    }

    /// The defect classes named in ../shared/corpus/README.md, each at a file known to hold it.
    @Test(arguments: [
        ("signal.category-mismatch", "signals/NISTCSF/AN/CSE-NISTCSF-AN-NO-ROOT-CAUSE-003/signal.json"),
        ("signal.category-mismatch", "signals/NISTCSF/IR/CSE-NISTCSF-IR-NO-NETWORK-PROTECTION-001/signal.json"),
        ("layout.invalid-name", "signals/NISTCSF/Data Security"),
        ("signal.duplicate-id", "signals/NISTCSF/Data Security/CSE-NISTCSF-DS-NO-DATA-AT-REST-001/signal.json"),
        ("signal.duplicate-serial", "signals/SOC2/CC/CSE-SOC2-CC-NO-TRANSMISSION-SECURITY-024/signal.json"),
        ("signal.duplicate-serial", "signals/HITRUST/ACCESS/CSE-HITRUST-ACCESS-NO-PERIODIC-REVIEW-005/signal.json"),
        ("layout.missing-definition", "signals/PCIDSS/ACCESS/CSE-PCIDSS-ACCESS-NO-RBAC-002"),
        ("schema.required", "mappings/signal-to-control/CCPA.json"),
        ("text.truncated", "signals/CCPA/AUTOMATED/CSE-CCPA-AUTOMATED-NO-DISCLOSURE-001/signal.json"),
        ("text.truncated", "signals/GEN/CRYPTO/CSE-GEN-CRYPTO-WEAK-ALGORITHMS-004/signal.json"),
        ("schema.additional-property", "mappings/signal-to-control/CCPA.json"),
        ("mapping.unknown-control", "mappings/v1.0.0/cross-framework/CMMC-2.0-to-NIST-CSF-2.0.json"),
        ("dataset.count-mismatch", "mappings/index.json"),
        ("dataset.count-mismatch", "registry/v1.0.0/index.json"),
    ])
    func reportsKnownDefect(id: String, file: String) throws {
        let result = try Self.load()
        #expect(result.diagnostics.contains { $0.id.rawValue == id && $0.range?.file == file }, "expected \(id) in \(file)")
    }

    /// Signal files the survey of the corpus found clean (docs: /work/devtools survey, §4).
    @Test func cleanSignalFilesGetNothing() throws {
        let result = try Self.load()
        let clean = [
            "CCPA/OPTOUT/CSE-CCPA-OPTOUT-NO-GPC-SUPPORT-004", "CMMC/ACCESS/CSE-CMMC-ACCESS-NO-AUTHORIZED-ACCESS-CONTROL-020",
            "CMMC/ACCESS/CSE-CMMC-ACCESS-UNRESTRICTED-ADMIN-001", "CMMC/AUDIT/CSE-CMMC-AUDIT-NO-LOGGING-001",
            "CMMC/IDENTITY/CSE-CMMC-IDENTITY-NO-MFA-001", "CMMC/IDENTITY/CSE-CMMC-IDENTITY-NO-UNIQUE-ID-002",
            "FEDRAMP/AC/CSE-FEDRAMP-AC-NO-ACCESS-ENFORCEMENT-003", "FEDRAMP/AU/CSE-FEDRAMP-AU-NO-AUDIT-RETENTION-007",
            "FEDRAMP/CP/CSE-FEDRAMP-CP-NO-BACKUP-007", "GDPR/CHILDREN/CSE-GDPR-CHILDREN-NO-PARENTAL-CONSENT-002",
            "GDPR/CONTROLLER/CSE-GDPR-CONTROLLER-NO-EU-REPRESENTATIVE-004", "GDPR/RETENTION/CSE-GDPR-RETENTION-NO-DEFINED-PERIODS-002",
            "GEN/AUTH/CSE-GEN-AUTH-NO-MFA-002", "GEN/DATA/CSE-GEN-DATA-NO-CLASSIFICATION-001",
            "HIPAA/ADMIN/CSE-HIPAA-ADMIN-NO-RISK-ANALYSIS-001", "HIPAA/BREACH/CSE-HIPAA-BREACH-NO-TIMELY-NOTIFY-002",
            "HIPAA/PRIVACY/CSE-HIPAA-PRIVACY-NO-DEIDENTIFICATION-003", "HITRUST/ASSET/CSE-HITRUST-ASSET-NO-INVENTORY-001",
            "ISO27001/ORG/CSE-ISO27001-ORG-NO-CLOUD-SECURITY-023", "ISO27001/PEOPLE/CSE-ISO27001-PEOPLE-NO-SCREENING-001",
            "NISTCSF/AA/CSE-NISTCSF-AA-NO-ASSERTION-PROTECTION-004", "PCIDSS/POLICY/CSE-PCIDSS-POLICY-NO-SECURITY-POLICY-001",
            "PCIDSS/STORE/CSE-PCIDSS-STORE-SAD-RETAINED-003", "PCIDSS/TRANSIT/CSE-PCIDSS-TRANSIT-NO-PAN-ENCRYPTION-002",
        ]
        for folder in clean {
            let hits = result.diagnostics.filter { $0.range?.file.hasPrefix("signals/\(folder)/") ?? false }
            #expect(hits.isEmpty, "\(folder): \(hits.map(ToolDiagnosticFormatter.line))")
        }
    }
}
