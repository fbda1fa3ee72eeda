/// The registry's configuration (`cse.yaml`), with defaults for a registry that has none.
public struct RegistryConfig: Sendable, Hashable {
    public var name: String = "CSE Registry"
    public var version: String = "1.0.0"
    /// `stable` or `deprecated`, as registry-format-v1.0 allows.
    public var status: String = "stable"
    /// A fixed publication timestamp; `SOURCE_DATE_EPOCH` or `--now` may supply one instead.
    public var publishedAt: String?
    public var specName: String = "CSE Specification"
    public var specVersion: String = "1.0"
    public var specURL: String = "https://cse-registry.org/spec/cse-spec-v1.0"
    /// Absolute URL the output tree is published under, ending in `/`.
    public var baseURL: String = "https://cse-registry.org/"
    public var outputDirectory: String = "_site"
    /// Which outputs `cse build` writes.
    public var outputs: Set<OutputKind> = Set(OutputKind.allCases)
    /// `strict` asks every signal for complete metadata; `lenient` checks only what the spec requires.
    public var profile: ValidationProfile = .lenient
    /// Whether raw HTML in markdown is passed through (otherwise escaped).
    public var allowRawHTML: Bool = false

    public init() {}
}

/// How demanding validation is beyond the format's MUSTs.
public enum ValidationProfile: String, Sendable, Hashable {
    case strict, lenient
}

/// A family of outputs that `cse build` can write.
public enum OutputKind: String, Sendable, Hashable, CaseIterable {
    case bundle, signals, mappings, schemas, compute, api
}
