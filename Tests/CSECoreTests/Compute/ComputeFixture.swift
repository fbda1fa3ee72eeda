import CSECore
import CSEDiagnostics

/// A small two-framework registry for the compute tests.
///
/// FWA, A-3 (family AA, technical) and A-9 (family AB, not technical, no mappings).
/// FWB: B-1, B-2 (family BB, technical), B-3 (withdrawn).
/// Signals (HIPAA/TECH): S1 → A-1 equivalent, B-1 equivalent; S2 → A-1 subset, B-1 subset, A-2 subset;
/// S3 → A-2 subset; S4 → B-2 subset; GEN G1 equivalent to S4, G1 → A-3 subset.
enum ComputeFixture {
    static let s1 = "CSE-HIPAA-TECH-ONE-001", s2 = "CSE-HIPAA-TECH-TWO-002", s3 = "CSE-HIPAA-TECH-THREE-003"
    static let s4 = "CSE-HIPAA-TECH-FOUR-004", g1 = "CSE-GEN-AUTH-GENERIC-001"

    static func framework(_ code: String, families: String) -> [String: String] {
        [
            "frameworks/\(code)/framework.yaml": """
            code: \(code)
            name: Framework \(code)
            version: "1.0"
            publisher: Test Publisher
            url: https://example.org/\(code.lowercased())
            domain: HIPAA

            """,
            "frameworks/\(code)/controls.yaml": "framework: \(code)\nfamilies:\n" + families,
        ]
    }

    static let fwa = framework(
        "FWA",
        families: """
              - id: AA
                title: Family AA
                technical: true
                controls:
                  - {id: A-1, title: Control A one}
                  - {id: A-2, title: Control A two}
                  - {id: A-3, title: Control A three}
              - id: AB
                title: Family AB
                controls:
                  - {id: A-9, title: Control A nine}

            """)

    static let fwb = framework(
        "FWB",
        families: """
              - id: BB
                title: Family BB
                technical: true
                controls:
                  - {id: B-1, title: Control B one}
                  - {id: B-2, title: Control B two}
                  - {id: B-3, title: Control B three, withdrawn: true}

            """)

    static func mapping(_ fw: String, _ control: String, _ rel: String, _ confidence: Double) -> String {
        """
          - framework: \(fw)
            control: "\(control)"
            relationship: \(rel)
            provenance: expert
            confidence: \(confidence)
            justification: The condition is one way the control's requirement goes unmet.

        """
    }

    static func folder(_ id: String, domain: String = "HIPAA", category: String = "TECH", _ entries: [String], severity: String = "high")
        -> [String: String]
    {
        TestRegistry.folder(
            id, domain: domain, category: category,
            signal: TestRegistry.signal(id, domain: domain, category: category, extra: "metadata:\n  suggested_severity: \(severity)\n"),
            mappings: "mappings:\n" + entries.joined())
    }

    static var files: [String: String] {
        TestRegistry.merge(
            fwa, fwb,
            folder(s1, [mapping("FWA", "A-1", "equivalent", 0.9), mapping("FWB", "B-1", "equivalent", 0.8)]),
            folder(s2, [mapping("FWA", "A-1", "subset", 0.8), mapping("FWB", "B-1", "subset", 0.8), mapping("FWA", "A-2", "subset", 0.9)], severity: "medium"),
            folder(s3, [mapping("FWA", "A-2", "subset", 0.85)], severity: "low"),
            folder(s4, [mapping("FWB", "B-2", "subset", 0.85)]),
            folder(
                g1, domain: "GEN", category: "AUTH",
                [
                    mapping("FWA", "A-3", "subset", 0.8),
                    """
                      - signal: \(s4)
                        relationship: equivalent
                        provenance: expert
                        confidence: 0.9
                        justification: The domain signal describes the same condition.

                    """,
                ]))
    }

    static func registry(_ extra: [String: String] = [:]) throws -> (Registry, LoadResult) {
        let result = try TestRegistry.load(TestRegistry.merge(files, extra))
        guard let registry = result.registry else {
            throw FixtureError(lines: TestRegistry.lines(result))
        }
        return (registry, result)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var lines: [String]
        var description: String { lines.joined(separator: "\n") }
    }
}
