public import CSEDiagnostics
public import CSEYAML

/// One thing a release publishes (a signal, a mapping, a control), as `cse diff` compares it: its ID and its
/// published fields, nested objects flattened one level (`metadata.sources`, `target.title`).
///
/// A record read from a line of a release folder, or rendered from sources, keeps the canonical bytes it was
/// read from and parses them only when a field is asked for: two releases share most records, and records
/// with equal bytes are equal without being parsed (``sameBytes(_:)``).
public struct SnapshotRecord: Sendable {
    public var id: String
    /// The canonical compact JSON the fields come from, when there is one.
    public private(set) var bytes: [UInt8]?
    private var stored: [String: JSONValue]?
    private var derived: Set<String> = []
    private var idKey = "id"
    /// Where the record is written in the files it was read from (for permanence diagnostics).
    public var range: SourceRange?

    public init(id: String, fields: [String: JSONValue], range: SourceRange? = nil) {
        self.id = id
        self.stored = fields
        self.range = range
    }

    /// A record whose fields are read from `bytes` when first needed.
    init(id: String, bytes: [UInt8], idKey: String = "id", derived: Set<String>, range: SourceRange? = nil) {
        self.id = id
        self.bytes = bytes
        self.idKey = idKey
        self.derived = derived
        self.range = range
    }

    /// The fields, but for the ID and the derived ones.
    public var fields: [String: JSONValue] {
        get {
            if let stored { return stored }
            guard let bytes, let node = DocumentLoader.load(bytes, path: "record.json", format: .json, maximumSize: Int.max).0 else { return [:] }
            return Self.fields(of: node, idKey: idKey, derived: derived)
        }
        set {
            stored = newValue
            bytes = nil
        }
    }

    /// Whether both records hold the same canonical bytes (then their fields are equal; otherwise compare them).
    func sameBytes(_ other: SnapshotRecord) -> Bool {
        guard let a = bytes, let b = other.bytes else { return false }
        return a == b
    }

    /// A string field's value.
    public subscript(field: String) -> String? {
        if case .string(let s)? = fields[field] { return s }
        return nil
    }

    /// A record from a published JSON object: top-level members, and each member of a nested object as
    /// `<key>.<member>`; the ID member (`idKey`) and fields in `derived` (computed from others, such as
    /// `definition_ref`) are left out.
    init?(_ node: Node, file: String? = nil, idKey: String = "id", derived: Set<String> = []) {
        guard let id = node[idKey]?.string, node.members != nil else { return nil }
        self.init(id: id, fields: Self.fields(of: node, idKey: idKey, derived: derived), range: file.map { SourceRange(file: $0, span: node.span) })
    }

    static func fields(of node: Node, idKey: String, derived: Set<String>) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for m in node.members ?? [] where m.key != idKey && !derived.contains(m.key) {
            if let inner = m.value.members {
                for i in inner where !derived.contains(m.key + "." + i.key) { fields[m.key + "." + i.key] = JSONValue(i.value) }
            } else {
                fields[m.key] = JSONValue(m.value)
            }
        }
        return fields
    }

    /// The ID of a compact record that starts with it (`{"id":"CSE-…",`), read without parsing; nil when the
    /// line is written otherwise or the ID has an escape (then the line is parsed).
    static func leadingID(_ bytes: ArraySlice<UInt8>, key: String) -> String? {
        let prefix = Array("{\"\(key)\":\"".utf8)
        guard bytes.starts(with: prefix) else { return nil }
        let start = bytes.startIndex + prefix.count
        guard let end = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
            bytes[end] == UInt8(ascii: "\""), end > start
        else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A framework as a release publishes it: its metadata fields and its controls.
public struct FrameworkSnapshot: Sendable {
    public var code: String
    /// `name`, `version`, `publisher`.
    public var fields: [String: JSONValue]
    /// Controls by ID; fields `title` and, when set, `withdrawn`.
    public var controls: [String: SnapshotRecord]
    /// The controls that released mappings target (a release folder records them in `controls.ndjson`).
    public var mappedControls: Set<String> = []
}

/// Everything one release of a registry publishes, in a form two releases can be compared in: read from a
/// registry's sources (``init(registry:schemas:label:)``), from a release folder (``ReleaseFolder``) or from a
/// bundle file alone.
public struct Snapshot: Sendable {
    /// How the user named it (`registry`, `v1.0.0`, `.`).
    public var label: String
    public var version: String?
    public var publishedAt: String?
    public var signals: [String: SnapshotRecord]
    /// Mappings by ID; `metadata.created` and `source.version` are left out (they follow the release).
    public var mappings: [String: SnapshotRecord]
    public var frameworks: [String: FrameworkSnapshot]
    /// The published contract: for each JSON Schema and the OpenAPI description, the facts a reader relies on
    /// (``ContractFacts``); nil when the source carries none (a bare bundle file).
    public var contract: [String: Set<String>]?
    /// False when signals carry only their index entry (a bare bundle file): their prose is not compared.
    public var hasFullDefinitions: Bool
    /// The author's declarations for the next release (`release.yaml`), for a registry read from sources.
    public var declarations: [ReleaseDeclaration] = []
    /// The declarations earlier releases published (`changelog/<version>.json`), for a release folder: a diff
    /// from an older release counts those of the releases in between.
    public var publishedDeclarations: [(version: SemanticVersion, declaration: ReleaseDeclaration)] = []

    /// Fields computed from others, never compared.
    static let derivedSignalFields: Set<String> = ["definition_ref"]
    static let derivedMappingFields: Set<String> = ["metadata.created", "source.version"]
}

extension Snapshot {
    /// The snapshot of a validated registry, as this `cse` would publish it: signals and mappings in their
    /// published JSON shapes, the catalogs, and this tool's schemas and OpenAPI description.
    public init(registry: Registry, schemas: SchemaCatalog, label: String, publishedAt: String? = nil) {
        let context = BuildContext(registry: registry, publishedAt: publishedAt ?? registry.config.publishedAt ?? "")
        self.label = label
        version = registry.config.version
        self.publishedAt = publishedAt ?? registry.config.publishedAt
        // Each record is read back from the exact bytes the build publishes, so a snapshot of sources and one
        // of a release folder agree field for field.
        // Each record is the exact bytes a release folder's comparison files hold (`signals.ndjson`,
        // `mappings.ndjson`), so a snapshot of sources and one of a release folder agree byte for byte.
        let signalRecords = registry.signals.concurrentMap(minimumBatch: 128) { s in
            SnapshotRecord(id: s.id, bytes: SignalDocuments.full(s, style: .compact), derived: Snapshot.derivedSignalFields)
        }
        signals = Dictionary(signalRecords.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let emitter = MappingEmitter(context: context)
        let mappingRecords = registry.mappings.concurrentMap(minimumBatch: 256) { m in
            SnapshotRecord(id: m.id, bytes: emitter.document(m, comparison: true), derived: Snapshot.derivedMappingFields)
        }
        mappings = Dictionary(mappingRecords.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var frameworks: [String: FrameworkSnapshot] = [:]
        for fw in registry.frameworks {
            var controls: [String: SnapshotRecord] = [:]
            for c in fw.controls {
                var fields: [String: JSONValue] = ["title": .string(c.title)]
                if c.withdrawn { fields["withdrawn"] = .bool(true) }
                controls[c.id] = SnapshotRecord(id: c.id, fields: fields, range: c.range)
            }
            frameworks[fw.code] = FrameworkSnapshot(
                code: fw.code, fields: ["name": .string(fw.name), "version": .string(fw.version), "publisher": .string(fw.publisher)],
                controls: controls)
        }
        self.frameworks = frameworks
        var contract: [String: Set<String>] = [:]
        for (name, bytes) in schemas.sources {
            if let node = Snapshot.parse(bytes, path: name) { contract["schemas/" + name] = ContractFacts.schema(node) }
        }
        let openAPI = JSONWriter(style: .compact).bytes(APIEndpoint.openAPI(context: context))
        if let node = Snapshot.parse(openAPI, path: "openapi.json") { contract["openapi.json"] = ContractFacts.openAPI(node) }
        self.contract = contract
        hasFullDefinitions = true
    }

    static func parse(_ bytes: [UInt8], path: String) -> Node? {
        DocumentLoader.load(bytes, path: path, format: .json, maximumSize: Int.max).0
    }
}

/// The facts of a published contract that readers rely on, one string each, so that two contracts compare as
/// sets: a fact that disappears breaks a reader, a new one does not.
public enum ContractFacts {
    /// Every property (`property /properties/metadata/properties/sources`) and every enumerated value
    /// (`enum /properties/status = "active"`) of a JSON Schema, by its location in the schema.
    public static func schema(_ node: Node) -> Set<String> {
        var facts: Set<String> = []
        walk(node, path: "", into: &facts)
        return facts
    }

    private static func walk(_ node: Node, path: String, into facts: inout Set<String>) {
        switch node.value {
        case .object(let members):
            for m in members {
                let here = path + "/" + JSONPointerEscaping.escape(m.key)
                if m.key == "properties", let props = m.value.members {
                    for p in props {
                        let at = here + "/" + JSONPointerEscaping.escape(p.key)
                        facts.insert("property \(at)")
                        walk(p.value, path: at, into: &facts)
                    }
                } else if m.key == "enum", let values = m.value.array {
                    for v in values { facts.insert("enum \(path) = \(JSONWriter(style: .compact).string(JSONValue(v)))") }
                } else {
                    walk(m.value, path: here, into: &facts)
                }
            }
        case .array(let items):
            for (i, item) in items.enumerated() { walk(item, path: path + "/\(i)", into: &facts) }
        default:
            break
        }
    }

    /// Every path, operation and parameter of an OpenAPI description (`operation GET /signals/{id}`,
    /// `parameter GET /signals query status`).
    public static func openAPI(_ node: Node) -> Set<String> {
        var facts: Set<String> = []
        for path in node["paths"]?.members ?? [] {
            facts.insert("path \(path.key)")
            for op in path.value.members ?? [] where op.key != "parameters" && op.key != "summary" && op.key != "description" {
                let method = op.key.uppercased()
                facts.insert("operation \(method) \(path.key)")
                for p in op.value["parameters"]?.array ?? [] {
                    if let name = p["name"]?.string { facts.insert("parameter \(method) \(path.key) \(p["in"]?.string ?? "?") \(name)") }
                }
            }
        }
        return facts
    }
}

/// `~` and `/` escaped as a JSON Pointer token spells them.
enum JSONPointerEscaping {
    static func escape(_ s: String) -> String {
        guard s.contains("~") || s.contains("/") else { return s }
        return s.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension JSONValue {
    /// The value of a parsed node (positions dropped; member order kept).
    public init(_ node: Node) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(.int(let i)): self = .int(i)
        case .number(.double(let d)): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let members): self = .object(members.map { ($0.key, JSONValue($0.value)) })
        }
    }
}
