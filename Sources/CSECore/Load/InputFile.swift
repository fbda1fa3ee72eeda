/// The role of one input file in the registry layout.
public enum InputKind: Sendable, Hashable {
    /// `cse.yaml` at the root.
    case config
    /// `frameworks/<CODE>/framework.yaml`.
    case framework(code: String)
    /// `frameworks/<CODE>/controls.yaml`.
    case controls(code: String)
    /// `signals/<D>/<C>/<ID>/signal.yaml` or `signal.json`.
    case signal(SignalFolder)
    /// `signals/<D>/<C>/<ID>/signal.json` beside a `signal.yaml`: generated at release tags, so that the
    /// definition's raw URL resolves (docs/releases.md); checked against its source.
    case generatedSignal(SignalFolder)
    /// `signals/<D>/<C>/<ID>/mappings.yaml` or `mappings.json`.
    case signalMappings(SignalFolder)
    /// `signals/<D>/<C>/<ID>/README.md`.
    case signalReadme(SignalFolder)
    /// A mapping-format-v1.0 dataset file under `mappings/` (the upstream registry's layout).
    case mappingDataset
    /// A file of a published release under `registry/` (indexes, domain files, `SHA256SUMS`).
    case releaseFile
    /// A JSON Schema the registry publishes in `schemas/`, which its datasets claim to follow.
    case publishedSchema
    /// `crosswalks/*.yaml`: declared control-to-control crosswalks.
    case crosswalk
    /// `artifact-types/<id>.yaml`: a kind of artifact and the resource types that resolve to it.
    case artifactType
    /// `tools/<id>.yaml`: a security scanner and the signals its rules indicate.
    case securityTool

    /// The JSON Schema (file name under `schemas/`) that files of this kind must satisfy, if any.
    public var schemaName: String? {
        switch self {
        case .config: "config.schema.json"
        case .framework: "framework.schema.json"
        case .controls: "controls.schema.json"
        case .signal: "signal.schema.json"
        case .signalMappings: "signal-mappings.schema.json"
        case .crosswalk: "crosswalk.schema.json"
        case .artifactType: "artifact-type.schema.json"
        case .securityTool: "security-tool.schema.json"
        case .signalReadme, .generatedSignal, .mappingDataset, .releaseFile, .publishedSchema: nil
        }
    }
}

/// The three folder names that hold one signal: `signals/<domain>/<category>/<id>/`.
public struct SignalFolder: Sendable, Hashable, Comparable {
    public var domain: String
    public var category: String
    public var id: String

    public init(domain: String, category: String, id: String) {
        self.domain = domain
        self.category = category
        self.id = id
    }

    /// `signals/<domain>/<category>/<id>`.
    public var path: String { "signals/\(domain)/\(category)/\(id)" }

    public static func < (a: SignalFolder, b: SignalFolder) -> Bool { a.path < b.path }
}

/// One discovered input file: where it is and what it is.
public struct InputFile: Sendable, Hashable {
    /// Path relative to the registry root, with `/` separators.
    public var path: String
    public var kind: InputKind

    public init(path: String, kind: InputKind) {
        self.path = path
        self.kind = kind
    }
}
