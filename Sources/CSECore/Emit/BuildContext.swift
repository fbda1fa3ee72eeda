import CSEDiagnostics

/// What every emitter needs besides the model: the release's identity and time.
public struct BuildContext: Sendable {
    public var registry: Registry
    /// RFC 3339 publication time (from the config, `SOURCE_DATE_EPOCH` or `--now`).
    public var publishedAt: String

    public init(registry: Registry, publishedAt: String) {
        self.registry = registry
        self.publishedAt = publishedAt
    }

    public var config: RegistryConfig { registry.config }

    /// An absolute URL for a path inside the output tree.
    public func absoluteURL(_ path: String) -> String {
        config.baseURL + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }
}
