import CSEDiagnostics
import CSEYAML

/// Draft-07 versions of the input schemas, for editors.
///
/// The YAML plugins most editors use (yaml-language-server, behind VS Code's YAML extension and many others)
/// understand JSON Schema only up to draft-07, so the 2020-12 schemas `cse validate` uses give an author no
/// help at all. ``export(_:name:)`` rewrites one schema into the draft-07 form with the same meaning wherever
/// draft-07 can say it, and lists in the file's `$comment` every place where it cannot (docs/editors.md):
///
/// - `$defs` becomes `definitions`, and `#/$defs/…` references follow;
/// - a `$ref` with sibling keywords (ignored beside `$ref` in draft-07) moves into an `allOf`;
/// - a reference into another schema file is replaced by the schema it names, so each file stands alone;
/// - `prefixItems` and `items` become `items` (array form) and `additionalItems`;
/// - `dependentRequired` and `dependentSchemas` become `dependencies`;
/// - `unevaluatedProperties: false` becomes `additionalProperties: false` over the properties declared on the
///   object and in its `allOf`/`anyOf`/`oneOf`/`if`/`then`/`else` branches. That is wider than the original:
///   a property declared only in a branch that does not match is accepted. The file's `$comment` says where.
public enum EditorSchemas {
    /// The input schemas, one per kind of file an author edits (``InputKind/schemaName``), with the files
    /// each applies to, as globs from the registry root.
    public static let inputs: [(schema: String, files: [String], title: String)] = [
        ("config.schema.json", ["cse.yaml"], "CSE registry configuration (cse.yaml)"),
        ("signal.schema.json", ["signals/*/*/*/signal.yaml", "signals/*/*/*/signal.json"], "CSE signal definition"),
        ("signal-mappings.schema.json", ["signals/*/*/*/mappings.yaml", "signals/*/*/*/mappings.json"], "CSE signal mappings"),
        ("framework.schema.json", ["frameworks/*/framework.yaml"], "CSE framework description"),
        ("controls.schema.json", ["frameworks/*/controls.yaml"], "CSE framework control catalog"),
        ("crosswalk.schema.json", ["crosswalks/*.yaml"], "CSE declared crosswalk"),
        ("artifact-type.schema.json", ["artifact-types/*.yaml"], "CSE artifact type"),
        ("security-tool.schema.json", ["tools/*.yaml"], "CSE security tool rules"),
    ]

    /// The dialect URI of draft-07.
    public static let draft7 = "http://json-schema.org/draft-07/schema#"

    /// Why a schema could not be exported.
    public struct ExportError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The draft-07 form of the bundled schema `name`, as pretty JSON.
    public static func export(_ catalog: SchemaCatalog, name: String) throws -> String {
        guard let bytes = catalog.sources[name] else { throw ExportError(description: "no schema named '\(name)' is bundled") }
        var converter = Converter(catalog: catalog, file: name)
        let converted = try converter.document(parse(bytes, name: name))
        return JSONWriter().string(converted)
    }

    static func parse(_ bytes: [UInt8], name: String) throws -> JSONValue {
        let (node, diagnostics) = DocumentLoader.load(bytes, path: name, format: .json)
        guard let node, !diagnostics.containsErrors else { throw ExportError(description: "the schema '\(name)' does not parse") }
        return JSONValue(node)
    }

    /// A SchemaStore catalog fragment (`schemas` entries of catalog.json) for the exported schemas, each at
    /// `baseURL` + `schemas/draft-07/<name>`, with the file globs it applies to.
    public static func schemaStoreEntries(baseURL: String) -> String {
        let prefix = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        let entries: [JSONValue] = inputs.map { input in
            .object([
                ("name", .string(input.title)),
                ("description", .string("\(input.title): \(input.schema), draft-07 form for editors; cse validate checks the 2020-12 original")),
                ("fileMatch", .array(input.files.map { .string("**/" + $0) })),
                ("url", .string(prefix + "schemas/draft-07/" + input.schema)),
            ])
        }
        return JSONWriter().string(.object([("schemas", .array(entries))]))
    }

    /// VS Code's `yaml.schemas` and `json.schemas` settings that associate the exported files in `folder`
    /// (relative to the workspace root) with the registry's files, wherever the registry sits below it.
    public static func vscodeSettings(folder: String) -> String {
        let yaml: [(String, JSONValue)] = inputs.compactMap { input in
            let globs = input.files.filter { $0.hasSuffix(".yaml") }
            return globs.isEmpty ? nil : ("./\(folder)/\(input.schema)", .array(globs.map { .string("**/" + $0) }))
        }
        let json: [JSONValue] = inputs.compactMap { input in
            let globs = input.files.filter { $0.hasSuffix(".json") }
            return globs.isEmpty ? nil : .object([("fileMatch", .array(globs.map { .string("**/" + $0) })), ("url", .string("./\(folder)/\(input.schema)"))])
        }
        return JSONWriter().string(.object([("yaml.schemas", .object(yaml)), ("json.schemas", .array(json))]))
    }
}

/// One schema's conversion; collects the places where draft-07 cannot say the same thing.
private struct Converter {
    var catalog: SchemaCatalog
    var file: String
    var approximations: [String] = []
    var documents: [String: JSONValue] = [:]

    init(catalog: SchemaCatalog, file: String) {
        self.catalog = catalog
        self.file = file
    }

    mutating func document(_ schema: JSONValue) throws -> JSONValue {
        guard case .object(let members) = try convert(schema, at: "#") else {
            throw EditorSchemas.ExportError(description: "'\(file)' is not a schema object")
        }
        var out: [(String, JSONValue)] = [("$schema", .string(EditorSchemas.draft7))]
        for (key, value) in members where key != "$schema" {
            if key == "$id", case .string(let id) = value {
                out.append((key, .string(id.replacingOccurrences(of: SchemaCatalog.idPrefix, with: SchemaCatalog.idPrefix + "draft-07/"))))
            } else {
                out.append((key, value))
            }
        }
        var comment =
            "Draft-07 form of \(file) for editors, written by `cse schema export --draft 7`; `cse validate` checks the "
            + "2020-12 original."
        if !approximations.isEmpty {
            comment += " Wider than the original: " + approximations.joined(separator: "; ") + "."
        }
        let insertAt = out.firstIndex { $0.0 == "description" }.map { $0 + 1 } ?? out.count
        out.insert(("$comment", .string(comment)), at: insertAt)
        return .object(out)
    }

    mutating func convert(_ value: JSONValue, at pointer: String) throws -> JSONValue {
        guard case .object(let members) = value else { return value }
        var out: [(String, JSONValue)] = []
        var ref: JSONValue?
        for (key, child) in members {
            let path = pointer + "/" + key
            switch key {
            case "$defs", "definitions", "properties", "patternProperties", "dependentSchemas":
                guard case .object(let named) = child else {
                    out.append((key, child))
                    continue
                }
                var converted: [(String, JSONValue)] = []
                for (name, schema) in named { converted.append((name, try convert(schema, at: path + "/" + name))) }
                let renamed = key == "$defs" ? "definitions" : key == "dependentSchemas" ? "dependencies" : key
                out.append((renamed, .object(converted)))
            case "dependentRequired":
                out.append(("dependencies", child))
            case "allOf", "anyOf", "oneOf", "prefixItems":
                guard case .array(let items) = child else {
                    out.append((key, child))
                    continue
                }
                var converted: [JSONValue] = []
                for (i, item) in items.enumerated() { converted.append(try convert(item, at: path + "/\(i)")) }
                out.append((key == "prefixItems" ? "items" : key, .array(converted)))
            case "items" where value["prefixItems"] != nil:
                out.append(("additionalItems", try convert(child, at: path)))
            case "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems":
                out.append((key, try convert(child, at: path)))
            case "$ref":
                ref = try reference(child, at: path)
            case "unevaluatedProperties":
                out.append(("additionalProperties", try convert(child, at: path)))
            case "$anchor", "$dynamicRef", "$dynamicAnchor", "unevaluatedItems", "minContains", "maxContains", "$vocabulary":
                approximations.append("\(pointer) drops '\(key)', which draft-07 lacks")
            default:
                out.append((key, child))
            }
        }
        if value["unevaluatedProperties"] != nil { widen(&out, at: pointer) }
        guard let ref else { return .object(out) }
        // Draft-07 ignores every keyword beside `$ref`; a lone reference stays one.
        if out.isEmpty { return ref }
        return .object([("allOf", .array([ref]))] + out)
    }

    /// `unevaluatedProperties` on an object: the properties its branches declare count as declared here.
    private mutating func widen(_ out: inout [(String, JSONValue)], at pointer: String) {
        var declared: [String] = []
        if let i = out.firstIndex(where: { $0.0 == "properties" }), case .object(let own) = out[i].1 { declared = own.map(\.0) }
        var fromBranches: [String] = []
        func collect(_ schema: JSONValue) {
            if case .object(let props)? = schema["properties"] {
                for (name, _) in props where !declared.contains(name) && !fromBranches.contains(name) { fromBranches.append(name) }
            }
        }
        for (key, child) in out {
            switch key {
            case "allOf", "anyOf", "oneOf":
                if case .array(let items) = child { items.forEach(collect) }
            case "if", "then", "else":
                collect(child)
            default:
                break
            }
        }
        guard !fromBranches.isEmpty else { return }
        let extra: [(String, JSONValue)] = fromBranches.map { ($0, .object([])) }
        if let i = out.firstIndex(where: { $0.0 == "properties" }), case .object(let own) = out[i].1 {
            out[i].1 = .object(own + extra)
        } else {
            out.append(("properties", .object(extra)))
        }
        approximations.append(
            "at \(pointer), unevaluatedProperties became additionalProperties, so \(fromBranches.map { "'\($0)'" }.joined(separator: ", ")) "
                + "are accepted even where the branch declaring them does not apply")
    }

    /// A local reference, renamed; a reference into another bundled file, replaced by what it names.
    private mutating func reference(_ value: JSONValue, at pointer: String) throws -> JSONValue {
        guard case .string(let target) = value else { return .object([("$ref", value)]) }
        if target.hasPrefix("#") {
            return .object([("$ref", .string(target.replacingOccurrences(of: "#/$defs/", with: "#/definitions/")))])
        }
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts[0].hasPrefix(SchemaCatalog.idPrefix) ? String(parts[0].dropFirst(SchemaCatalog.idPrefix.count)) : parts[0]
        guard let bytes = catalog.sources[name] else {
            throw EditorSchemas.ExportError(description: "\(file) \(pointer): '\(target)' names no bundled schema")
        }
        if documents[name] == nil { documents[name] = try EditorSchemas.parse(bytes, name: name) }
        var found = documents[name]!
        let tokens = parts.count > 1 ? parts[1].split(separator: "/").map(String.init) : []
        for token in tokens {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = found[key] else {
                throw EditorSchemas.ExportError(description: "\(file) \(pointer): '\(target)' does not resolve")
            }
            found = next
        }
        if Self.containsReference(found) {
            throw EditorSchemas.ExportError(description: "\(file) \(pointer): '\(target)' names a schema with references of its own")
        }
        return try convert(found, at: pointer)
    }

    private static func containsReference(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.contains { $0.0 == "$ref" || containsReference($0.1) }
        case .array(let items): items.contains(where: containsReference)
        default: false
        }
    }
}
