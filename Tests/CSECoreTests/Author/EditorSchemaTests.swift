import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// The draft-07 editor schemas: each conversion rule on a small schema, and the repository's `editor/schemas/`
/// and `.vscode/settings.json` as `cse schema export --draft 7` writes them (`RECORD_GOLDENS=1` rewrites them).
/// Scripts/check-editor-schemas.py runs both versions over every input file and example and lists where they
/// disagree.
@Suite struct EditorSchemaTests {
    static func export(_ schemas: [String: String], _ name: String) throws -> JSONValue {
        let catalog = try SchemaCatalog(sources: schemas.mapValues { Array($0.utf8) })
        let text = try EditorSchemas.export(catalog, name: name)
        let (node, diagnostics) = DocumentLoader.load(Array(text.utf8), path: name, format: .json)
        #expect(!diagnostics.containsErrors)
        return JSONValue(try #require(node))
    }

    static func comment(_ value: JSONValue) -> String {
        if case .string(let s)? = value["$comment"] { return s }
        return ""
    }

    static let head = #""$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://cse-registry.org/schemas/t.schema.json""#

    @Test func definitionsAndTheirReferencesAreRenamed() throws {
        let out = try Self.export(
            ["t.schema.json": ##"{\##(Self.head), "properties": {"a": {"$ref": "#/$defs/x"}}, "$defs": {"x": {"type": "string"}}}"##],
            "t.schema.json")
        #expect(out["$schema"] == .string(EditorSchemas.draft7))
        #expect(out["$id"] == .string("https://cse-registry.org/schemas/draft-07/t.schema.json"))
        #expect(out["$defs"] == nil)
        #expect(out["definitions"]?["x"] == .object([("type", "string")]))
        #expect(out["properties"]?["a"] == .object([("$ref", "#/definitions/x")]))
        #expect(!Self.comment(out).contains("Wider than the original"))
    }

    /// Draft-07 ignores keywords beside `$ref`; they move beside an `allOf` that holds the reference.
    @Test func keywordsBesideAReferenceMoveIntoAllOf() throws {
        let out = try Self.export(
            ["t.schema.json": ##"{\##(Self.head), "properties": {"a": {"$ref": "#/$defs/x", "maxLength": 3}}, "$defs": {"x": {"type": "string"}}}"##],
            "t.schema.json")
        #expect(out["properties"]?["a"] == .object([("allOf", [.object([("$ref", "#/definitions/x")])]), ("maxLength", 3)]))
    }

    @Test func aReferenceIntoAnotherFileIsInlined() throws {
        let out = try Self.export(
            [
                "t.schema.json": ##"{\##(Self.head), "properties": {"a": {"$ref": "o.schema.json#/$defs/e"}}}"##,
                "o.schema.json": ##"{"$id": "https://cse-registry.org/schemas/o.schema.json", "$defs": {"e": {"enum": ["x", "y"]}}}"##,
            ], "t.schema.json")
        #expect(out["properties"]?["a"] == .object([("enum", ["x", "y"])]))
    }

    /// `unevaluatedProperties: false` has no draft-07 form: the branches' properties are declared on the object,
    /// and the file says where it is wider than the original.
    @Test func unevaluatedPropertiesIsWidenedAndSaid() throws {
        let out = try Self.export(
            [
                "t.schema.json": ##"""
                {\##(Self.head), "type": "object", "unevaluatedProperties": false, "properties": {"a": {}},
                 "oneOf": [{"required": ["b"], "properties": {"b": {}}}, {"required": ["c"], "properties": {"c": {}}}]}
                """##
            ], "t.schema.json")
        #expect(out["unevaluatedProperties"] == nil)
        #expect(out["additionalProperties"] == .bool(false))
        if case .object(let props)? = out["properties"] { #expect(props.map(\.0) == ["a", "b", "c"]) } else { Issue.record("no properties") }
        #expect(Self.comment(out).contains("'b', 'c' are accepted even where the branch declaring them does not apply"))
    }

    @Test func prefixItemsBecomeTheArrayFormOfItems() throws {
        let out = try Self.export(
            ["t.schema.json": ##"{\##(Self.head), "type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer"}}"##], "t.schema.json")
        #expect(out["items"] == [.object([("type", "string")])])
        #expect(out["additionalItems"] == .object([("type", "integer")]))
    }

    /// Every input schema exports; `editor/schemas/` and `.vscode/settings.json` are what the export writes.
    @Test func theRepositorysEditorFilesAreCurrent() throws {
        let catalog = try SchemaCatalog.bundled()
        var expected: [(String, String)] = []
        for input in EditorSchemas.inputs {
            expected.append(("editor/schemas/\(input.schema)", try EditorSchemas.export(catalog, name: input.schema)))
        }
        expected.append(("editor/schemas/schemastore-catalog.json", EditorSchemas.schemaStoreEntries(baseURL: "https://cse-registry.org/")))
        let settings = EditorSchemas.vscodeSettings(folder: "editor/schemas")
        expected.append(("editor/schemas/vscode-settings.json", settings))
        expected.append((".vscode/settings.json", settings))
        for (path, text) in expected {
            let url = TestRegistry.repositoryRoot.appendingPathComponent(path)
            let found = try? String(contentsOf: url, encoding: .utf8)
            if Golden.recording, found != text {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded \(path); run again without RECORD_GOLDENS")
                continue
            }
            #expect(
                found == text,
                "\(path) is not what `cse schema export --draft 7 --output editor/schemas` writes; RECORD_GOLDENS=1 swift test --filter EditorSchemaTests")
        }
    }
}
