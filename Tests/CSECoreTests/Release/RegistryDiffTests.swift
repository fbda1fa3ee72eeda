import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// The classes of docs/releases.md "What counts as major, minor, patch", one change at a time.
@Suite struct RegistryDiffTests {
    static func record(_ id: String, _ fields: [String: JSONValue]) -> SnapshotRecord { SnapshotRecord(id: id, fields: fields) }

    static func snapshot(
        signals: [SnapshotRecord] = [], mappings: [SnapshotRecord] = [], controls: [String: String] = ["AC-1": "Policy"], contract: [String: Set<String>] = [:]
    ) -> Snapshot {
        Snapshot(
            label: "x", signals: Dictionary(uniqueKeysWithValues: signals.map { ($0.id, $0) }),
            mappings: Dictionary(uniqueKeysWithValues: mappings.map { ($0.id, $0) }),
            frameworks: [
                "FW": FrameworkSnapshot(
                    code: "FW", fields: ["name": "Framework", "version": "1"],
                    controls: controls.mapValues { SnapshotRecord(id: "", fields: ["title": .string($0)]) })
            ], contract: contract, hasFullDefinitions: true)
    }

    static let signal = record("CSE-A-B-C-001", ["domain": "A", "category": "B", "introduced_in": "1.0.0", "status": "active", "description": "Old."])
    static let mapping = record("MAP-1", ["relationship": "subset", "confidence": .double(0.85), "justification": "Why."])

    static func level(_ a: Snapshot, _ b: Snapshot) -> ChangeLevel { RegistryDiff(from: a, to: b).level }

    static func with(_ r: SnapshotRecord, _ field: String, _ value: JSONValue) -> SnapshotRecord {
        var r = r
        r.fields[field] = value
        return r
    }

    @Test func signalChanges() {
        let a = Self.snapshot(signals: [Self.signal])
        #expect(Self.level(a, a) == .none)
        #expect(Self.level(a, Self.snapshot()) == .major, "removed")
        #expect(Self.level(a, Self.snapshot(signals: [Self.signal, Self.record("CSE-A-B-D-002", [:])])) == .minor, "added")
        #expect(Self.level(a, Self.snapshot(signals: [Self.with(Self.signal, "description", "New.")])) == .patch, "editorial")
        #expect(Self.level(a, Self.snapshot(signals: [Self.with(Self.signal, "category", "X")])) == .major, "moved")
        #expect(Self.level(a, Self.snapshot(signals: [Self.with(Self.signal, "introduced_in", "0.9.0")])) == .major, "re-dated")
        let deprecated = Self.with(Self.with(Self.signal, "status", "deprecated"), "deprecated_in", "1.1.0")
        let diff = RegistryDiff(from: a, to: Self.snapshot(signals: [deprecated]))
        #expect(diff.level == .minor && diff.changes.first?.action == .deprecated)
        #expect(RegistryDiff(from: Self.snapshot(signals: [deprecated]), to: a).changes.first?.action == .reactivated)
        var declared = Self.snapshot(signals: [Self.with(Self.signal, "description", "New.")])
        declared.declarations = [ReleaseDeclaration(signal: Self.signal.id, kind: .meaning, reason: "Narrowed.")]
        #expect(Self.level(a, declared) == .major, "declared change of meaning")
    }

    @Test func mappingChanges() {
        let a = Self.snapshot(mappings: [Self.mapping])
        #expect(Self.level(a, Self.snapshot()) == .major, "removed")
        #expect(Self.level(a, Self.snapshot(mappings: [Self.with(Self.mapping, "relationship", "related")])) == .minor)
        #expect(Self.level(a, Self.snapshot(mappings: [Self.with(Self.mapping, "confidence", .double(0.9))])) == .patch)
        #expect(Self.level(a, Self.snapshot(mappings: [Self.with(Self.mapping, "justification", "Because.")])) == .patch)
    }

    @Test func catalogChanges() {
        let a = Self.snapshot()
        #expect(Self.level(a, Self.snapshot(controls: [:])) == .major, "control removed")
        #expect(Self.level(a, Self.snapshot(controls: ["AC-1": "Policy", "AC-2": "Accounts"])) == .minor, "control added")
        #expect(Self.level(a, Self.snapshot(controls: ["AC-1": "Access policy"])) == .patch, "retitled")
    }

    /// Contract facts come from real schemas: removing a property or an enum value is breaking, adding one is not.
    @Test func contractChanges() throws {
        func facts(_ json: String) throws -> Set<String> {
            ContractFacts.schema(try #require(DocumentLoader.load(Array(json.utf8), path: "s.json", format: .json).0))
        }
        let before = try facts(#"{"properties": {"id": {"type": "string"}, "status": {"enum": ["active", "deprecated"]}}}"#)
        let lostValue = try facts(#"{"properties": {"id": {"type": "string"}, "status": {"enum": ["active"]}}}"#)
        let added = try facts(#"{"properties": {"id": {"type": "string"}, "tags": {}, "status": {"enum": ["active", "deprecated"]}}}"#)
        #expect(before.contains(#"enum /properties/status = "deprecated""#))
        #expect(Self.level(Self.snapshot(contract: ["s.json": before]), Self.snapshot(contract: ["s.json": lostValue])) == .major)
        #expect(Self.level(Self.snapshot(contract: ["s.json": before]), Self.snapshot(contract: ["s.json": added])) == .minor)
        #expect(Self.level(Self.snapshot(contract: ["s.json": before]), Self.snapshot(contract: [:])) == .major, "schema removed")
    }

    /// A registry read from its sources and the release folder it produces compare equal: the two readers agree.
    @Test func sourcesAndTheirReleaseFolderAgree() throws {
        let result = try TestRegistry.load(DiagnosticExample.baseRegistry)
        let registry = try #require(result.registry)
        let sources = Snapshot(registry: registry, schemas: TestRegistry.schemas, label: "sources", publishedAt: "2026-01-01T00:00:00Z")
        let (prepared, _) = ReleasePlanner.prepare(
            registry: registry, schemas: TestRegistry.schemas, previous: nil, declarations: [],
            request: ReleaseRequest(version: "1.0.0", publishedAt: "2026-01-01T00:00:00Z"))
        let plan = try #require(prepared).builder.plan().0
        let folder = InMemoryFileSystem(bytes: Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.bytes) }))
        let (released, history, problems) = ReleaseFolder.read(folder, prefix: "", label: "registry")
        #expect(problems.isEmpty)
        #expect(history?.latest?.version == "1.0.0")
        let diff = RegistryDiff(from: try #require(released), to: sources)
        #expect(diff.changes.isEmpty, "\(diff.changes.map { "\($0.subject) \($0.action) \($0.id) \($0.fields.map(\.name))" })")
    }
}
