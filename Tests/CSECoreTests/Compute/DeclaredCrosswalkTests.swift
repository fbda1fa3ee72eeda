import CSECore
import CSEDiagnostics
import Testing

/// Declared crosswalks: catalog checks with suggestions, inverse contradictions, disagreement with signals,
/// and composition into inverse and transitive rows.
@Suite struct DeclaredCrosswalkTests {
    static func file(_ source: String, _ target: String, rows: String) -> String {
        """
        source_framework: \(source)
        target_framework: \(target)
        provenance: authoritative
        reference: https://example.org/crosswalk
        rows:
        \(rows)
        """
    }

    @Test func unknownFrameworkAndControlsSuggestTheNearest() throws {
        let result = try TestRegistry.load(
            TestRegistry.merge(
                ComputeFixture.files,
                [
                    "crosswalks/FWA-to-FWC.yaml": Self.file("FWA", "FWC", rows: "  - {source: A-1, target: C-1, relationship: equal}\n"),
                    "crosswalks/FWA-to-FWB.yaml": Self.file(
                        "FWA", "FWB", rows: "  - {source: A-10, target: B-1, relationship: equal}\n  - {source: A-1, target: B-22, relationship: equal}\n"),
                ]))
        #expect(
            TestRegistry.lines(result) == [
                "crosswalks/FWA-to-FWB.yaml:6:14: error: control 'A-10' does not exist in FWA (did you mean 'A-1'?) [crosswalk.unknown-control]",
                "crosswalks/FWA-to-FWB.yaml:7:27: error: control 'B-22' does not exist in FWB (did you mean 'B-2'?) [crosswalk.unknown-control]",
                "crosswalks/FWA-to-FWC.yaml:2:19: error: framework 'FWC' has no catalog in frameworks/ (did you mean 'FWA'?) [crosswalk.unknown-framework]",
            ])
    }

    @Test func inverseRowsMustAgree() throws {
        let result = try TestRegistry.load(
            TestRegistry.merge(
                ComputeFixture.files,
                [
                    "crosswalks/FWA-to-FWB.yaml": Self.file("FWA", "FWB", rows: "  - {source: A-9, target: B-2, relationship: subset-of}\n"),
                    "crosswalks/FWB-to-FWA.yaml": Self.file("FWB", "FWA", rows: "  - {source: B-2, target: A-9, relationship: subset-of}\n"),
                ]))
        #expect(
            TestRegistry.lines(result) == [
                "crosswalks/FWB-to-FWA.yaml:6:46: error: FWB 'B-2' is declared subset-of FWA 'A-9', but the inverse row says subset-of (expected superset-of) [crosswalk.inverse-contradiction]"
            ])
        #expect(result.diagnostics.first?.notes.first?.range?.file == "crosswalks/FWA-to-FWB.yaml")
    }

    @Test func declaredRelationshipThatTheSignalsExcludeWarns() throws {
        // A-2 has S3, which does not map to B-1: A-2 cannot be declared a subset of B-1 without a warning;
        // intersects-with is never contradicted by signal evidence.
        let result = try TestRegistry.load(
            TestRegistry.merge(
                ComputeFixture.files,
                [
                    "crosswalks/FWA-to-FWB.yaml": Self.file(
                        "FWA", "FWB",
                        rows: "  - {source: A-2, target: B-1, relationship: subset-of}\n  - {source: A-1, target: B-1, relationship: intersects-with}\n")
                ]))
        #expect(
            TestRegistry.lines(result) == [
                "crosswalks/FWA-to-FWB.yaml:6:46: warning: FWA 'A-2' is declared subset-of FWB 'B-1', but their signals derive intersects-with (1 signal(s) only on 'A-2', 1 only on 'B-1') [crosswalk.derived-disagrees]"
            ])
        #expect(result.registry != nil)
    }

    @Test func identityRowsOfABasedOnFrameworkAreNotCheckedAgainstSignals() throws {
        // FWC is based on FWA, FWD merely reuses its identifiers. S5 maps to A-1 in all three; S1 and S2 map to
        // FWA's A-1 only. `A-1 equal A-1` is an identity for FWC (no warning), a claim for FWD (warned).
        func reusing(_ code: String, basedOn: String?) -> [String: String] {
            var files = ComputeFixture.framework(
                code, families: "  - id: AA\n    title: Family AA\n    controls:\n      - {id: A-1, title: Control A one}\n")
            if let basedOn { files["frameworks/\(code)/framework.yaml"]! += "based_on: \(basedOn)\n" }
            return files
        }
        let s5 = "CSE-HIPAA-TECH-FIVE-005"
        let result = try TestRegistry.load(
            TestRegistry.merge(
                ComputeFixture.files, reusing("FWC", basedOn: "FWA"), reusing("FWD", basedOn: nil),
                ComputeFixture.folder(
                    s5, ["FWA", "FWC", "FWD"].map { ComputeFixture.mapping($0, "A-1", "subset", 0.8) }),
                [
                    "crosswalks/FWC-to-FWA.yaml": Self.file("FWC", "FWA", rows: "  - {source: A-1, target: A-1, relationship: equal}\n"),
                    "crosswalks/FWD-to-FWA.yaml": Self.file("FWD", "FWA", rows: "  - {source: A-1, target: A-1, relationship: equal}\n"),
                ]))
        #expect(
            TestRegistry.lines(result) == [
                "crosswalks/FWD-to-FWA.yaml:6:46: warning: FWD 'A-1' is declared equal FWA 'A-1', but their signals derive subset-of (0 signal(s) only on 'A-1', 2 only on 'A-1') [crosswalk.derived-disagrees]"
            ])
    }

    @Test func fileNameMustNameThePair() throws {
        let result = try TestRegistry.load(
            TestRegistry.merge(
                ComputeFixture.files, ["crosswalks/a-to-b.yaml": Self.file("FWA", "FWB", rows: "  - {source: A-9, target: B-2, relationship: equal}\n")]))
        #expect(
            TestRegistry.lines(result) == [
                "crosswalks/a-to-b.yaml:1:19: error: crosswalk from FWA to FWB is in 'a-to-b.yaml' [crosswalk.file-name]"
            ])
    }

    @Test func composesInversesAndTransitiveRows() throws {
        let fwc = ComputeFixture.framework(
            "FWC",
            families: "  - id: CC\n    title: Family CC\n    controls:\n      - {id: C-1, title: Control C one}\n      - {id: C-2, title: Control C two}\n")
        let (registry, result) = try ComputeFixture.registry(
            TestRegistry.merge(
                fwc,
                [
                    "crosswalks/FWA-to-FWB.yaml": Self.file(
                        "FWA", "FWB",
                        rows: "  - {source: A-9, target: B-2, relationship: subset-of}\n  - {source: A-3, target: B-1, relationship: intersects-with}\n"),
                    "crosswalks/FWB-to-FWC.yaml": Self.file(
                        "FWB", "FWC", rows: "  - {source: B-2, target: C-1, relationship: equal}\n  - {source: B-1, target: C-2, relationship: equal}\n"),
                ]))
        #expect(TestRegistry.lines(result) == [])
        let set = CrosswalkSet(registry: registry, index: MappingIndex(registry))
        func rows(_ a: String, _ b: String) -> [String] {
            set.links(from: a, to: b).filter { $0.derivation != .directSignalBridge }.map {
                "\($0.source.control) \($0.relationship.rawValue) \($0.target.control) [\($0.derivation)]"
            }
        }
        // A-9 ⊂ B-2 = C-1 gives A-9 ⊂ C-1; A-3 ∩ B-1 = C-2 is indeterminate and not emitted.
        #expect(rows("FWA", "FWC") == ["A-9 subset-of C-1 [transitive-via FWB]"])
        #expect(rows("FWC", "FWA") == ["C-1 superset-of A-9 [transitive-via FWB]"])
        #expect(rows("FWB", "FWA") == ["B-1 intersects-with A-3 [inverse-of-declared]", "B-2 superset-of A-9 [inverse-of-declared]"])
        #expect(rows("FWA", "FWB") == ["A-3 intersects-with B-1 [declared]", "A-9 subset-of B-2 [declared]"])
    }
}
