import CSECore
import CSEDiagnostics
import Testing

/// Each registry rule fires at the exact place, with its stable ID, and a clean registry gives nothing.
@Suite struct RegistryRulesTests {
    @Test func cleanRegistryHasNoDiagnostics() throws {
        let result = try TestRegistry.load(TestRegistry.merge(TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001")))
        #expect(TestRegistry.lines(result) == [])
        #expect(result.registry?.signals.map(\.id) == ["CSE-HIPAA-TECH-NO-ENCRYPTION-001"])
        #expect(result.registry?.mappings.map(\.id) == ["MAP-CSE-HIPAA-TECH-NO-ENCRYPTION-001-TO-TESTFW-AC-2"])
    }

    @Test func idMustMatchFolderAndFields() throws {
        let files = TestRegistry.merge(
            TestRegistry.framework,
            TestRegistry.folder(
                "CSE-HIPAA-TECH-NO-ENCRYPTION-001",
                signal: TestRegistry.signal("CSE-HIPAA-ADMIN-NO-ENCRYPTION-002", domain: "HIPAA", category: "ADMIN")))
        let result = try TestRegistry.load(files)
        let path = "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/signal.yaml"
        #expect(
            TestRegistry.lines(result) == [
                "\(path):1:5: error: signal ID 'CSE-HIPAA-ADMIN-NO-ENCRYPTION-002' does not match its folder name 'CSE-HIPAA-TECH-NO-ENCRYPTION-001' [signal.id-mismatch]",
                "\(path):5:11: error: category 'ADMIN' does not match the folder 'TECH' [signal.category-mismatch]",
            ])
        #expect(result.registry == nil)
    }

    @Test func idPrefixMustRepeatDomainAndCategory() throws {
        let files = TestRegistry.merge(
            TestRegistry.framework,
            TestRegistry.folder(
                "CSE-GDPR-TECH-NO-ENCRYPTION-001",
                signal: TestRegistry.signal("CSE-GDPR-TECH-NO-ENCRYPTION-001", domain: "HIPAA", category: "TECH")))
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        #expect(
            lines == [
                "signals/HIPAA/TECH/CSE-GDPR-TECH-NO-ENCRYPTION-001/signal.yaml:1:5: error: signal ID 'CSE-GDPR-TECH-NO-ENCRYPTION-001' does not begin with 'CSE-HIPAA-TECH-' [signal.id-prefix]"
            ])
    }

    @Test func domainMustMatchFolder() throws {
        let files = TestRegistry.merge(
            TestRegistry.framework,
            TestRegistry.folder(
                "CSE-HIPAA-TECH-NO-ENCRYPTION-001", domain: "GDPR",
                signal: TestRegistry.signal("CSE-HIPAA-TECH-NO-ENCRYPTION-001", domain: "HIPAA")))
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        #expect(
            lines == [
                "signals/GDPR/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/signal.yaml:4:9: error: domain 'HIPAA' does not match the folder 'signals/GDPR/' [signal.domain-mismatch]"
            ])
    }

    @Test func duplicateIDsPointAtBothPlaces() throws {
        let id = "CSE-HIPAA-TECH-NO-ENCRYPTION-001"
        var files = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder(id))
        files["signals/HIPAA/TECH2/\(id)/signal.yaml"] = TestRegistry.signal(id)
        let result = try TestRegistry.load(files)
        let dup = try #require(result.diagnostics.first { $0.id == "signal.duplicate-id" })
        #expect(dup.range?.file == "signals/HIPAA/TECH2/\(id)/signal.yaml")
        #expect(dup.notes.first?.range?.file == "signals/HIPAA/TECH/\(id)/signal.yaml")
        #expect(dup.summary == "signal ID '\(id)' is also defined in 'signals/HIPAA/TECH/\(id)/signal.yaml'")
    }

    @Test func serialsAreUniqueWithinDomainAndCategory() throws {
        let files = TestRegistry.merge(
            TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001"),
            TestRegistry.folder("CSE-HIPAA-TECH-NO-AUDIT-LOG-001"))
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        #expect(
            lines == [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/signal.yaml:1:5: error: serial 001 of 'CSE-HIPAA-TECH-NO-ENCRYPTION-001' is already used by 'CSE-HIPAA-TECH-NO-AUDIT-LOG-001' in HIPAA/TECH [signal.duplicate-serial]"
            ])
    }

    @Test func unknownControlSuggestsTheNearestID() throws {
        let files = TestRegistry.merge(
            TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001", mappings: TestRegistry.mappings(control: "AC-2(2)")))
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        #expect(
            lines == [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml:3:14: error: control 'AC-2(2)' does not exist in TESTFW (did you mean 'AC-2(1)'?) [mapping.unknown-control]"
            ])
    }

    @Test func unknownFrameworkIsReportedAtTheCode() throws {
        let mappings = TestRegistry.mappings().replacingOccurrences(of: "framework: TESTFW", with: "framework: TESTFX")
        let files = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001", mappings: mappings))
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        #expect(
            lines == [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml:2:16: error: framework 'TESTFX' has no catalog in frameworks/ (did you mean 'TESTFW'?) [mapping.unknown-framework]"
            ])
    }

    @Test func equivalenceTargetsMustExist() throws {
        let mappings = """
            mappings:
              - signal: CSE-HIPAA-TECH-NO-ENCRYPTION-002
                relationship: equivalent
                provenance: expert
                justification: The two signals name the same condition.

            """
        let files = TestRegistry.merge(
            TestRegistry.framework, TestRegistry.folder("CSE-GEN-CRYPTO-NO-ENCRYPTION-001", domain: "GEN", category: "CRYPTO", mappings: mappings),
            TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001"))
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        #expect(
            lines == [
                "signals/GEN/CRYPTO/CSE-GEN-CRYPTO-NO-ENCRYPTION-001/mappings.yaml:2:13: error: signal 'CSE-HIPAA-TECH-NO-ENCRYPTION-002' does not exist (did you mean 'CSE-HIPAA-TECH-NO-ENCRYPTION-001'?) [mapping.unknown-signal]"
            ])
    }

    @Test func duplicateAndSelfMappings() throws {
        let mappings = """
            signal: CSE-HIPAA-TECH-OTHER-009
            mappings:
              - framework: TESTFW
                control: AC-1
                relationship: subset
                provenance: expert
                justification: The condition is one way the control goes unmet.
              - framework: TESTFW
                control: AC-1
                relationship: related
                provenance: community
                justification: Listed twice by mistake in this test fixture.
              - signal: CSE-HIPAA-TECH-NO-ENCRYPTION-001
                relationship: equivalent
                provenance: expert
                justification: A signal cannot be equivalent to itself.

            """
        let files = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001", mappings: mappings))
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        let path = "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml"
        #expect(
            lines == [
                "\(path):1:9: error: mappings are declared for 'CSE-HIPAA-TECH-OTHER-009' but the folder holds 'CSE-HIPAA-TECH-NO-ENCRYPTION-001' [mapping.signal-mismatch]",
                "\(path):9:14: error: mapping 'MAP-CSE-HIPAA-TECH-NO-ENCRYPTION-001-TO-TESTFW-AC-1' is listed twice [mapping.duplicate]",
                "\(path):13:13: error: 'CSE-HIPAA-TECH-NO-ENCRYPTION-001' is mapped to itself [mapping.self-reference]",
            ])
    }

    @Test func confidenceMustFallInItsProvenanceBand() throws {
        let mappings = TestRegistry.mappings().replacingOccurrences(of: "confidence: 0.85", with: "confidence: 0.97")
        let files = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001", mappings: mappings))
        let result = try TestRegistry.load(files)
        let d = try #require(result.diagnostics.first)
        #expect(d.id == "schema.maximum")
        #expect(d.range?.span.start.line == 6)
        #expect(d.instancePointer == "/mappings/0/confidence")
    }

    @Test func deprecationRules() throws {
        let files = TestRegistry.merge(
            TestRegistry.framework,
            TestRegistry.folder(
                "CSE-HIPAA-TECH-OLD-001",
                signal: TestRegistry.signal(
                    "CSE-HIPAA-TECH-OLD-001", status: "deprecated", extra: "deprecated_in: 0.9.0\nreplaced_by: CSE-HIPAA-TECH-MID-002")),
            TestRegistry.folder(
                "CSE-HIPAA-TECH-MID-002",
                signal: TestRegistry.signal(
                    "CSE-HIPAA-TECH-MID-002", status: "deprecated", extra: "deprecated_in: 1.1.0\nreplaced_by: CSE-HIPAA-TECH-NEW-003")),
            TestRegistry.folder("CSE-HIPAA-TECH-NEW-003"),
            TestRegistry.folder(
                "CSE-HIPAA-TECH-GONE-004",
                signal: TestRegistry.signal(
                    "CSE-HIPAA-TECH-GONE-004", status: "deprecated", extra: "deprecated_in: 1.1.0\nreplaced_by: CSE-HIPAA-TECH-NEW-033")),
            TestRegistry.folder(
                "CSE-HIPAA-TECH-SELF-005",
                signal: TestRegistry.signal(
                    "CSE-HIPAA-TECH-SELF-005", status: "deprecated", extra: "deprecated_in: 1.1.0\nreplaced_by: CSE-HIPAA-TECH-SELF-005")),
            TestRegistry.folder(
                "CSE-HIPAA-TECH-LOOPA-006",
                signal: TestRegistry.signal(
                    "CSE-HIPAA-TECH-LOOPA-006", status: "deprecated", extra: "deprecated_in: 1.1.0\nreplaced_by: CSE-HIPAA-TECH-LOOPB-007")),
            TestRegistry.folder(
                "CSE-HIPAA-TECH-LOOPB-007",
                signal: TestRegistry.signal(
                    "CSE-HIPAA-TECH-LOOPB-007", status: "deprecated", extra: "deprecated_in: 1.1.0\nreplaced_by: CSE-HIPAA-TECH-LOOPA-006"))
        )
        let lines = TestRegistry.lines(try TestRegistry.load(files))
        #expect(
            lines == [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-GONE-004/signal.yaml:10:14: error: replacement 'CSE-HIPAA-TECH-NEW-033' does not exist (did you mean 'CSE-HIPAA-TECH-NEW-003'?) [signal.unknown-replacement]",
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-LOOPA-006/signal.yaml:10:14: error: replacements form a cycle: CSE-HIPAA-TECH-LOOPA-006 → CSE-HIPAA-TECH-LOOPB-007 → CSE-HIPAA-TECH-LOOPA-006 [signal.replacement-cycle]",
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-OLD-001/signal.yaml:9:16: error: deprecated_in 0.9.0 is earlier than introduced_in 1.0.0 [signal.deprecated-before-introduced]",
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-OLD-001/signal.yaml:10:14: error: replacement 'CSE-HIPAA-TECH-MID-002' is itself deprecated [signal.replacement-not-active]",
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-SELF-005/signal.yaml:10:14: error: 'CSE-HIPAA-TECH-SELF-005' names itself as its replacement [signal.replaced-by-self]",
            ])
    }

    @Test func deprecatedNeedsDeprecatedInAndActiveMustNotHaveIt() throws {
        let files = TestRegistry.merge(
            TestRegistry.framework,
            TestRegistry.folder("CSE-HIPAA-TECH-OLD-001", signal: TestRegistry.signal("CSE-HIPAA-TECH-OLD-001", status: "deprecated")),
            TestRegistry.folder(
                "CSE-HIPAA-TECH-NEW-002", signal: TestRegistry.signal("CSE-HIPAA-TECH-NEW-002", extra: "deprecated_in: 1.1.0")))
        let ids = try TestRegistry.load(files).diagnostics.map { "\($0.range!.file.split(separator: "/")[3]) \($0.id)" }
        #expect(ids == ["CSE-HIPAA-TECH-NEW-002 schema.not", "CSE-HIPAA-TECH-OLD-001 schema.required"])
    }
}
