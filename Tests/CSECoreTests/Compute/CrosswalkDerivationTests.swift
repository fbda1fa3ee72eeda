import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// Derived crosswalks: the relationship rule, the strength figure, GEN equivalences and the composition algebra.
@Suite struct CrosswalkDerivationTests {
    struct RuleCase: Sendable, CustomStringConvertible {
        var name: String
        var bridges: [(Relationship, Relationship)]
        var sourceOnly: Int
        var targetOnly: Int
        var expected: SetRelationship
        var description: String { name }
    }

    static let ruleCases: [RuleCase] = [
        RuleCase(
            name: "same signals, same relationships", bridges: [(.equivalent, .equivalent), (.subset, .subset)], sourceOnly: 0, targetOnly: 0, expected: .equal),
        RuleCase(name: "source signals a proper subset", bridges: [(.subset, .subset)], sourceOnly: 0, targetOnly: 2, expected: .subsetOf),
        RuleCase(name: "source signals a proper superset", bridges: [(.equivalent, .equivalent)], sourceOnly: 1, targetOnly: 0, expected: .supersetOf),
        RuleCase(name: "each side has its own signals", bridges: [(.equivalent, .equivalent)], sourceOnly: 1, targetOnly: 1, expected: .intersectsWith),
        RuleCase(name: "same signals, composition says subset", bridges: [(.equivalent, .subset)], sourceOnly: 0, targetOnly: 0, expected: .subsetOf),
        RuleCase(name: "same signals, composition says superset", bridges: [(.subset, .equivalent)], sourceOnly: 0, targetOnly: 0, expected: .supersetOf),
        RuleCase(
            name: "same signals, compositions disagree", bridges: [(.equivalent, .subset), (.subset, .equivalent)], sourceOnly: 0, targetOnly: 0,
            expected: .intersectsWith),
        RuleCase(name: "same signals, indeterminate", bridges: [(.subset, .intersects)], sourceOnly: 0, targetOnly: 0, expected: .intersectsWith),
    ]

    @Test(arguments: ruleCases) func relationshipRule(_ c: RuleCase) throws {
        // Build a registry whose two controls have exactly these bridges and one-sided signals.
        var files = TestRegistry.merge(ComputeFixture.fwa, ComputeFixture.fwb)
        var serial = 1
        func add(_ entries: [String]) {
            let id = "CSE-HIPAA-TECH-SIG-\(String(format: "%03d", serial))"
            serial += 1
            files.merge(ComputeFixture.folder(id, entries)) { _, n in n }
        }
        for (a, b) in c.bridges { add([ComputeFixture.mapping("FWA", "A-1", a.rawValue, 0.8), ComputeFixture.mapping("FWB", "B-1", b.rawValue, 0.8)]) }
        for _ in 0..<c.sourceOnly { add([ComputeFixture.mapping("FWA", "A-1", "subset", 0.8)]) }
        for _ in 0..<c.targetOnly { add([ComputeFixture.mapping("FWB", "B-1", "subset", 0.8)]) }
        let result = try TestRegistry.load(files)
        let registry = try #require(result.registry, "\(TestRegistry.lines(result))")
        let link = try #require(CrosswalkDeriver(index: MappingIndex(registry)).derive(ControlKey("FWA", "A-1"), ControlKey("FWB", "B-1")))
        #expect(link.relationship == c.expected)
        #expect(link.sourceOnly == c.sourceOnly && link.targetOnly == c.targetOnly)
        // Read from the other side, the relationship inverts.
        let back = try #require(CrosswalkDeriver(index: MappingIndex(registry)).derive(ControlKey("FWB", "B-1"), ControlKey("FWA", "A-1")))
        #expect(back.relationship == c.expected.inverse)
    }

    @Test func fixtureLinksStrengthAndEvidence() throws {
        let (registry, _) = try ComputeFixture.registry()
        let links = CrosswalkSet(registry: registry, index: MappingIndex(registry)).links(from: "FWA", to: "FWB")
        let summary = links.map { "\($0.source.control) \($0.relationship.rawValue) \($0.target.control) \($0.derivation) \($0.strength ?? -1)" }
        // A-1 ↔ B-1: S1 (0.9, 0.8) and S2 (0.8, 0.8) on both, same relationships → equal, (0.8+0.8)/(0.9+0.8).
        // A-2 ↔ B-1: only S2 shared; A-2 also has S3 and B-1 also has S1 → intersects-with,
        //   strength min(0.9, 0.8) / (max(0.9, 0.8) + 0.85 + 0.8) = 0.8 / 2.55 = 0.3137.
        // A-3 ↔ B-2: G1 ≡ S4 form one class → equal, min/max = 0.8/0.85 = 0.9412.
        #expect(
            summary == [
                "A-1 equal B-1 direct-signal-bridge 0.9412",
                "A-2 intersects-with B-1 direct-signal-bridge 0.3137",
                "A-3 equal B-2 direct-signal-bridge 0.9412",
            ])
        let genLink = try #require(links.last)
        #expect(genLink.bridges.map(\.signals) == [[ComputeFixture.g1, ComputeFixture.s4]])
        #expect(genLink.bridges.first?.signal == ComputeFixture.g1)
    }

    @Test(arguments: [
        (SetRelationship.equal, SetRelationship.subsetOf, SetRelationship?.some(.subsetOf)),
        (.subsetOf, .equal, .subsetOf),
        (.equal, .equal, .equal),
        (.subsetOf, .subsetOf, .subsetOf),
        (.supersetOf, .supersetOf, .supersetOf),
        (.subsetOf, .supersetOf, nil),
        (.supersetOf, .subsetOf, nil),
        (.intersectsWith, .subsetOf, nil),
        (.subsetOf, .intersectsWith, nil),
        (.intersectsWith, .intersectsWith, nil),
    ])
    func compositionAlgebra(_ a: SetRelationship, _ b: SetRelationship, _ expected: SetRelationship?) {
        #expect(a.compose(b) == expected)
    }

    @Test func mappingIndexBothWays() throws {
        let (registry, _) = try ComputeFixture.registry()
        let index = MappingIndex(registry)
        #expect(index.mappings(to: ControlKey("FWA", "A-1")).map(\.source) == [ComputeFixture.s1, ComputeFixture.s2])
        #expect(index.mappings(from: ComputeFixture.s2).compactMap(\.controlKey).map(\.description) == ["FWA A-1", "FWA A-2", "FWB B-1"])
        #expect(index.equivalents[ComputeFixture.s4]?.map { "\($0.signal) \($0.relationship) \($0.inverse)" } == ["\(ComputeFixture.g1) equivalent true"])
        #expect(index.equivalenceClass(ComputeFixture.s4) == [ComputeFixture.g1, ComputeFixture.s4])
    }

    /// A 10,000-signal, 12-framework registry: crosswalks for every pair, timed (printed, not asserted).
    @Test func largeRegistryTiming() throws {
        var frameworks: [Framework] = []
        var mappings: [Mapping] = []
        let range = SourceRange.file("x")
        for f in 0..<12 {
            let code = "FW\(f)"
            let controls = (0..<300).map { Control(id: "C-\($0)", title: "Control \($0)", framework: code, family: "F", range: range) }
            frameworks.append(
                Framework(
                    code: code, name: code, version: "1", publisher: "P", url: "https://example.org", domain: "GEN",
                    families: [ControlFamily(id: "F", title: "Family", technical: true, controlIDs: controls.map { $0.id })], controls: controls, file: "x"))
        }
        // A deterministic spread of 4 mappings per signal over 12 frameworks × 300 controls. The test's job is
        // to show the derivation scales with signals (timing is printed; Scripts/bench.py measures 10,000).
        for s in 0..<2_000 {
            let id = "CSE-GEN-X-S-\(s)"
            var x = UInt64(s) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<4 {
                x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407  // a fixed LCG: the same spread every run
                let target = MappingTarget.control(framework: "FW\((s + k * 3) % 12)", control: "C-\(Int((x >> 33) % 300))")
                mappings.append(
                    Mapping(
                        id: Mapping.makeID(source: id, target: target) + "-\(mappings.count)", source: id, target: target,
                        relationship: Relationship.allCases[(s + k) % Relationship.allCases.count], provenance: .expert, confidence: 0.8, status: "active",
                        range: range))
            }
        }
        let registry = Registry(config: RegistryConfig(), signals: [], frameworks: frameworks, mappings: mappings)
        let start = Date()
        let set = CrosswalkSet(registry: registry, index: MappingIndex(registry))
        let seconds = Date().timeIntervalSince(start)
        print("crosswalks for 2,000 signals × 12 frameworks: \(set.derived.count) derived links in \(String(format: "%.2f", seconds)) s")
        #expect(set.derived.count > 2_000)
    }
}
