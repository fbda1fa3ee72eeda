import CSECore
import CSESchema
import CSEYAML
import Foundation
import Testing

/// Every schema the project publishes is a valid draft 2020-12 schema.
@Suite struct SchemaFilesTests {
    @Test func everySchemaPassesTheMetaschema() throws {
        var registry = SchemaRegistry()
        try registry.registerMetaschemas(parse: { text in
            let (node, diagnostics) = DocumentLoader.load(Array(text.utf8), path: "metaschema.json", format: .json)
            guard let node, diagnostics.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
            return node
        })
        let meta = try registry.validator(for: "https://json-schema.org/draft/2020-12/schema", options: SchemaOptions(assertFormats: true))
        let names = TestRegistry.schemas.sources.keys.sorted()
        #expect(names.count >= 10)
        for name in names {
            let (node, diagnostics) = DocumentLoader.load(TestRegistry.schemas.sources[name]!, path: name, format: .json)
            #expect(diagnostics.isEmpty, "\(name)")
            let problems = meta.validate(try #require(node), file: name)
            #expect(problems.isEmpty, "\(name): \(problems.map(\.summary))")
            #expect(node?["$id"]?.string == SchemaCatalog.idPrefix + name, "\(name) has the $id its file name implies")
        }
    }

    /// The catalog compiles each schema when it is first used; every one of them compiles.
    @Test func everyBundledSchemaCompiles() throws {
        try SchemaCatalog.bundled().compileAll()
    }

    /// A schema that does not compile is a `schema.missing` diagnostic where it is used, not a crash, and
    /// `compileAll` names it.
    @Test func aSchemaThatDoesNotCompileIsReportedWhereUsed() throws {
        let broken = Array(#"{"$id": "https://cse-registry.org/schemas/broken.json", "$ref": "nowhere.json"}"#.utf8)
        let catalog = try SchemaCatalog(sources: ["broken.json": broken])
        let node = try #require(DocumentLoader.load(Array("{}".utf8), path: "d.json", format: .json).0)
        let found = catalog.validate(node, schema: "broken.json", file: "d.json")
        #expect(found.map(\.id) == ["schema.missing"])
        #expect(found.first?.summary.contains("does not compile") == true)
        #expect(throws: EnvironmentError.self) { try catalog.compileAll() }
        for absent in ["absent.json", "absent.json#/$defs/x"] {
            let missing = catalog.validate(node, schema: absent, file: "d.json")
            #expect(missing.map(\.id) == ["schema.missing"])
            #expect(missing.first?.summary == "no schema named '\(absent)' is bundled")
        }
    }

    /// The metaschema check is not vacuous: a schema with a wrongly typed keyword fails it.
    @Test func metaschemaRejectsABrokenSchema() throws {
        var registry = SchemaRegistry()
        try registry.registerMetaschemas(parse: { text in try #require(DocumentLoader.load(Array(text.utf8), path: "m.json", format: .json).0) })
        let meta = try registry.validator(for: "https://json-schema.org/draft/2020-12/schema")
        let broken = try #require(DocumentLoader.load(Array(#"{"type": "strnig", "minLength": -1}"#.utf8), path: "b.json", format: .json).0)
        #expect(!meta.validate(broken, file: "b.json").isEmpty)
    }
}
