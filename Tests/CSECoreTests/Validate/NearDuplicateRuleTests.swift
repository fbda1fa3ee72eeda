import CSEDiagnostics
import Testing

@testable import CSECore

/// `signal.near-duplicate`: a pair that says the same thing is reported once, on the later ID; a linked pair
/// (equivalence mapping, or a shared GEN parent) and a merely related pair are not.
@Suite struct NearDuplicateRuleTests {
    static let descriptions = [
        "Audit logging is switched off on a system that records access to health records.",
        "A firewall rule admits inbound traffic from any internet address to an administrative port.",
        "Backups of the production database have not been restored in a test within the last year.",
        "A departed employee's account still signs in to the identity provider weeks after their exit.",
    ]

    static func signal(_ id: String, _ name: String, _ description: String, domain: String = "HIPAA") -> [String: String] {
        TestRegistry.folder(
            id, domain: domain, category: "TECH",
            signal: TestRegistry.signal(id, domain: domain, category: "TECH", name: name).replacingOccurrences(
                of: "A storage location holding regulated data is configured without the protection this signal names.", with: description))
    }

    static var others: [String: String] {
        TestRegistry.merge(
            signal("CSE-HIPAA-TECH-AUDIT-OFF-010", "Audit logging off", descriptions[0]),
            signal("CSE-HIPAA-TECH-ADMIN-PORT-OPEN-011", "Administrative port open", descriptions[1]),
            signal("CSE-HIPAA-TECH-RESTORE-UNTESTED-012", "Restore untested", descriptions[2]),
            signal("CSE-HIPAA-TECH-DEPARTED-ACCOUNT-013", "Departed account active", descriptions[3]))
    }

    static let copy = "A storage bucket holding patient records accepts reads from anonymous internet users through its public policy."

    @Test func aCopyWithANewNameIsReportedOnce() throws {
        let result = try TestRegistry.load(
            TestRegistry.merge(
                TestRegistry.framework, Self.others,
                Self.signal("CSE-HIPAA-TECH-PUBLIC-BUCKET-001", "Public bucket with patient records", Self.copy),
                Self.signal("CSE-PCIDSS-TECH-PUBLIC-BUCKET-002", "Public bucket with patient data", Self.copy, domain: "PCIDSS")))
        let found = result.diagnostics.filter { $0.id == "signal.near-duplicate" }
        #expect(found.count == 1, "\(TestRegistry.lines(result))")
        #expect(found.first?.range?.file.contains("CSE-PCIDSS-TECH-PUBLIC-BUCKET-002") == true)
        #expect(found.first?.summary.contains("reads like 'CSE-HIPAA-TECH-PUBLIC-BUCKET-001'") == true)
    }

    @Test func linkedPairsAreNotReported() throws {
        let equivalent = """
            mappings:
              - signal: CSE-HIPAA-TECH-PUBLIC-BUCKET-001
                relationship: equivalent
                provenance: expert
                confidence: 0.9
                justification: Both describe one public bucket condition.

            """
        var pci = Self.signal("CSE-PCIDSS-TECH-PUBLIC-BUCKET-002", "Public bucket with patient data", Self.copy, domain: "PCIDSS")
        pci["signals/PCIDSS/TECH/CSE-PCIDSS-TECH-PUBLIC-BUCKET-002/mappings.yaml"] = TestRegistry.mappings() + equivalent.dropFirst("mappings:\n".count)
        let result = try TestRegistry.load(
            TestRegistry.merge(
                TestRegistry.framework, Self.others, Self.signal("CSE-HIPAA-TECH-PUBLIC-BUCKET-001", "Public bucket with patient records", Self.copy), pci))
        #expect(!result.diagnostics.contains { $0.id == "signal.near-duplicate" }, "\(TestRegistry.lines(result))")
    }

    @Test func relatedButDifferentConditionsAreNotReported() throws {
        let result = try TestRegistry.load(
            TestRegistry.merge(
                TestRegistry.framework, Self.others,
                Self.signal(
                    "CSE-HIPAA-TECH-INBOUND-ANY-001", "Inbound rule permits any source",
                    "A network rule admits inbound traffic from any source address to a system holding patient records."),
                Self.signal(
                    "CSE-HIPAA-TECH-OUTBOUND-ANY-002", "Outbound rule permits any destination",
                    "A network rule lets a system holding patient records send outbound traffic to any internet address.")))
        #expect(!result.diagnostics.contains { $0.id == "signal.near-duplicate" }, "\(TestRegistry.lines(result))")
    }

    @Test func wordsAreLowerCasedWithoutStopWords() {
        #expect(NearDuplicateRule.words("The MFA is NOT enforced for admins, v2!") == ["mfa", "enforced", "admins", "v2"])
    }
}
