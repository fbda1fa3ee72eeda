import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

/// `cse build`'s compute outputs: present, schema-valid, deterministic; coverage figures; OSCAL import.
@Suite struct ComputeOutputTests {
    @Test func buildEmitsSchemaValidComputeDocuments() throws {
        let (registry, _) = try ComputeFixture.registry()
        let plan = RegistryBuilder(context: BuildContext(registry: registry, publishedAt: "2026-01-01T00:00:00Z"), schemas: TestRegistry.schemas).plan().0
        let schemaFor: [(String, String)] = [
            ("mappings/by-control/", "mapping-by-control.schema.json"), ("mappings/by-signal.json", "mapping-by-signal.schema.json"),
            ("crosswalks/index.json", "crosswalk-index.schema.json"), ("crosswalks/FWA--FWB.json", "crosswalk-pair.schema.json"),
            ("coverage/index.json", "coverage-index.schema.json"), ("coverage/FW", "coverage.schema.json"), ("stats.json", "stats.schema.json"),
        ]
        var checked = 0
        for file in plan.files {
            guard let (_, schema) = schemaFor.first(where: { file.path.hasPrefix($0.0) }) else { continue }
            let (node, _) = DocumentLoader.load(file.bytes, path: file.path, format: .json)
            let problems = TestRegistry.schemas.validate(try #require(node), schema: schema, file: file.path)
            #expect(problems.map(ToolDiagnosticFormatter.line) == [], "\(file.path)")
            checked += 1
        }
        // 2 by-control, by-signal, crosswalk index + 1 pair, coverage index + 2, stats.
        #expect(checked == 9)
        let again = RegistryBuilder(context: BuildContext(registry: registry, publishedAt: "2026-01-01T00:00:00Z"), schemas: TestRegistry.schemas).plan().0
        #expect(again.sortedFiles == plan.sortedFiles)
    }

    @Test func coverageCountsMappedControlsAndSkipsWithdrawn() throws {
        let (registry, _) = try ComputeFixture.registry()
        let coverage = Coverage(registry: registry, index: MappingIndex(registry))
        #expect(
            coverage.text() == """
                FWA Framework FWA: 3/4 controls mapped (75.0%), technical families 3/3 (100.0%)
                  AA  100.0%  3/3  technical  Family AA
                  AB    0.0%  0/1  Family AB
                FWB Framework FWB: 2/2 controls mapped (100.0%), technical families 2/2 (100.0%)
                  BB  100.0%  2/2  technical  Family BB

                """)
    }

    @Test(arguments: ["ac-2", "ac-2.1", "si-4.23"]) func publishedIDs(_ id: String) {
        let expected = ["ac-2": "AC-2", "ac-2.1": "AC-2(1)", "si-4.23": "SI-4(23)"][id]
        #expect(OSCALImporter.publishedID(id) == expected)
    }

    @Test(arguments: ["1.0", "true", "null", "0x1F", "- x", "a: b", "#x", "", " lead", "12", "~", "Yes", "AC-2(1)", "Policy and Procedures"])
    func yamlScalarsReadBackUnchanged(_ s: String) throws {
        let text = YAMLEmitter.emit(.map([("k", .string(s))]))
        let (node, diagnostics) = DocumentLoader.load(Array(text.utf8), path: "x.yaml", format: .yaml)
        #expect(diagnostics.isEmpty)
        #expect(node?["k"]?.string == s, "\(text)")
    }

    static func importAndLoad(_ path: String, code: String) throws -> (OSCALImporter.Result, LoadResult) {
        let data = try #require(FileManager.default.contents(atPath: path))
        let (node, found) = DocumentLoader.load([UInt8](data), path: path, format: DocumentFormat(path: path), maximumSize: 64 << 20)
        #expect(found.isEmpty)
        let (result, diagnostics) = OSCALImporter(metadata: .init(code: code, publisher: "Test Publisher", url: "https://example.org/x"))
            .convert(try #require(node), path: path)
        #expect(diagnostics.isEmpty)
        let r = try #require(result)
        let loaded = try TestRegistry.load(["frameworks/\(code)/framework.yaml": r.frameworkYAML, "frameworks/\(code)/controls.yaml": r.controlsYAML])
        return (r, loaded)
    }

    @Test(.enabled(if: TestRegistry.shared != nil, "../shared (the OSCAL corpus) is not beside the repository"))
    func importsTheBasicCatalog() throws {
        let shared = try #require(TestRegistry.shared)
        let (r, loaded) = try Self.importAndLoad(shared.appendingPathComponent("corpus/oscal/basic-catalog.json").path, code: "BASIC")
        #expect((r.familyCount, r.controlCount, r.enhancementCount, r.withdrawnCount) == (2, 4, 0, 0))
        #expect(TestRegistry.lines(loaded) == [])
        #expect(loaded.registry?.framework("BASIC")?.controls.map(\.id) == ["1.1.1", "1.1.2", "2.1.1", "2.1.2"])
    }

    @Test(.enabled(if: TestRegistry.shared != nil, "../shared (the OSCAL corpus) is not beside the repository"))
    func importsTheHighBaseline() throws {
        let shared = try #require(TestRegistry.shared)
        let path = shared.appendingPathComponent("corpus/oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json").path
        let (r, loaded) = try Self.importAndLoad(path, code: "HIGH")
        #expect((r.familyCount, r.controlCount) == (18, 370))
        #expect(TestRegistry.lines(loaded) == [])
        let fw = try #require(loaded.registry?.framework("HIGH"))
        #expect(fw.control("AC-2(1)")?.parent == "AC-2")
        #expect(fw.families.first?.id == "AC")
    }
}
