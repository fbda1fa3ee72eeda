import CSEDiagnostics

/// What every emitter needs besides the model: the release's identity and time.
public struct BuildContext: Sendable {
    public var registry: Registry
    /// RFC 3339 publication time (from the config, `SOURCE_DATE_EPOCH` or `--now`).
    public var publishedAt: String
    /// The site's templates (``LoadResult/site``); the HTML output needs them.
    public var templates: SiteTemplates?
    /// The releases published so far (``LoadResult/history``); nil before the first.
    public var history: PublishedHistory?
    public var timer: PhaseTimer

    public init(
        registry: Registry, publishedAt: String, templates: SiteTemplates? = nil, history: PublishedHistory? = nil, timer: PhaseTimer = .disabled
    ) {
        self.registry = registry
        self.publishedAt = publishedAt
        self.templates = templates
        self.history = history
        self.timer = timer
    }

    public var config: RegistryConfig { registry.config }

    /// An absolute URL for a path inside the output tree.
    public func absoluteURL(_ path: String) -> String {
        config.baseURL + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }
}
