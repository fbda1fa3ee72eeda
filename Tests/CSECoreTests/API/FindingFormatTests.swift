import CSEDiagnostics
import CSEYAML
import Testing

@testable import CSECore

/// `FindingFormat.accepts` is the finding format's signal-ID rule written out so the build need not validate
/// every template against the schema; here it is held to the schema itself, template by template.
@Suite struct FindingFormatTests {
    static let context: BuildContext = {
        guard let registry = RepositoryBuild.loaded.registry else { fatalError("the repository does not validate") }
        return BuildContext(registry: registry, publishedAt: RepositoryBuild.publishedAt)
    }()

    /// Whether the template written for a signal with this ID satisfies `api-finding-template.schema.json`.
    static func schemaAccepts(_ id: String) throws -> Bool {
        let signal = try #require(context.registry.signals.first).withID(id)
        let json = JSONValue.object([("data", APIDocuments.findingTemplate(signal, artifactType: "other", context: context))])
        let node = try #require(DocumentLoader.load(JSONWriter(style: .compact).bytes(json), path: "t.json", format: .json).0)
        return TestRegistry.schemas.validate(node, schema: "api-finding-template.schema.json", file: "t.json").isEmpty
    }

    static let edgeCases = [
        "CSE-HIPAA-TECH-NO-ENCRYPTION-004", "CSE-A-B-C-000", "CSE-A1-B-C-9-999", "CSE-HIPAA-TECH-NO-LOGGING-0002",
        "CSE-HIPAA-TECH-NO-LOGGING-02", "CSE-HIPAA-TE1CH-X-001", "CSE-HIPAA-TECH--001", "CSE-HIPAA-TECH-X--001",
        "CSE--TECH-X-001", "CSE-HIPAA--X-001", "CSE-HIPAA-TECH-001", "cse-HIPAA-TECH-X-001", "CSE-HIPAA-TECH-x-001",
        "CSE HIPAA", "", "CSE-", "CSE-HIPAA-TECH-X-00a", "CSE-HIPAA-TECH-X-001\n", "CSE-HÏPAA-TECH-X-001",
        "CSE-HIPAA-TECH-" + String(repeating: "X", count: 229) + "-001",  // 252 characters
        "CSE-HIPAA-TECH-" + String(repeating: "X", count: 230) + "-001",  // 253
    ]

    @Test(arguments: edgeCases)
    func agreesWithTheSchemaOn(_ id: String) throws {
        #expect(FindingFormat.accepts(signalID: id) == (try Self.schemaAccepts(id)), "\(id.debugDescription)")
    }

    /// Seeded mutations of valid IDs: characters replaced, inserted and deleted from a small alphabet.
    @Test func agreesWithTheSchemaOnMutatedIDs() throws {
        let seed: UInt64 = 0x5EED_F1D
        print("FindingFormatTests seed \(seed)")
        var rng = SplitMix64(seed: seed)
        let alphabet = Array("CSE-HIPA09xÉ ")
        var accepted = 0
        for _ in 0..<400 {
            var id = Array("CSE-HIPAA-TECH-NO-ENCRYPTION-004")
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<id.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: id[at] = alphabet.randomElement(using: &rng)!
                case 1: id.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: id.remove(at: at)
                }
            }
            let text = String(id)
            let verdict = FindingFormat.accepts(signalID: text)
            if verdict { accepted += 1 }
            #expect(verdict == (try Self.schemaAccepts(text)), "\(text.debugDescription) (seed \(seed))")
        }
        // Both verdicts occur, or the comparison says little.
        #expect(accepted > 20 && accepted < 380, "\(accepted) of 400 accepted")
    }
}
