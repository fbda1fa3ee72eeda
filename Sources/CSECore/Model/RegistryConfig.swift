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
    /// Which outputs `cse build` writes (the HTML site only when asked for: it needs `templates/`).
    public var outputs: Set<OutputKind> = OutputKind.defaults
    /// `strict` asks every signal for complete metadata; `lenient` checks only what the spec requires.
    public var profile: ValidationProfile = .lenient
    /// Whether raw HTML in markdown is passed through (otherwise escaped).
    public var allowRawHTML: Bool = false
    /// The HTML site's settings (`site:` in cse.yaml).
    public var site = SiteSettings()

    public init() {}
}

/// How demanding validation is beyond the format's MUSTs.
public enum ValidationProfile: String, Sendable, Hashable {
    case strict, lenient
}

/// A family of outputs that `cse build` can write.
public enum OutputKind: String, Sendable, Hashable, CaseIterable {
    case bundle, signals, mappings, schemas, compute, api, html

    /// What `cse build` writes when cse.yaml lists no outputs: everything but the HTML site.
    public static let defaults: Set<OutputKind> = Set(allCases).subtracting([.html])
}

/// Settings of the HTML site (docs/site.md).
public struct SiteSettings: Sendable, Hashable {
    /// The templates folder, relative to the registry root.
    public var templatesDirectory: String = "templates"

    public init() {}
}
