public import CSEDiagnostics
import CSEYAML

/// What `cse validate` produces: the model (when there were no errors) and every problem found.
public struct LoadResult: Sendable {
    /// The registry model; nil when any error was found.
    public var registry: Registry?
    /// The lenient model, built even when there are errors (for tools that report on a broken tree).
    public var partialRegistry: Registry
    /// All diagnostics, in print order.
    public var diagnostics: [Diagnostic]
    /// Every input file read, with its text (for snippets).
    public var documents: [SourceDocument]
    /// The site's templates, when the registry has them (the HTML output's input).
    public var site: SiteTemplates?
    /// What `registry/` records as published (the API's, the site's and each signal's release history); read
    /// only when the outputs include `api` or `html`.
    public var history: PublishedHistory?

    public var fileCount: Int { documents.count }

    /// Looks up a file's text for diagnostic snippets.
    public var sources: SourceProvider {
        // The loader keeps the text only of files that have something to show; the rest are empty.
        let texts = Dictionary(documents.lazy.filter { !$0.text.bytes.isEmpty }.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        return { texts[$0] }
    }
}

/// What the command line sets over `cse.yaml`, applied when the configuration is read, so that it is final
/// before anything is validated.
public struct LoadOptions: Sendable {
    public var profile: ValidationProfile?
    public var version: String?
    public var publishedAt: String?
    public var baseURL: String?
    public var outputs: Set<OutputKind>?
    /// Where stage timings go (`CSE_TIMINGS=1`); nothing in the output depends on them.
    public var timer: PhaseTimer = .disabled

    public init(profile: ValidationProfile? = nil, timer: PhaseTimer = .disabled) {
        self.profile = profile
        self.timer = timer
    }

    func apply(to config: inout RegistryConfig) {
        if let profile { config.profile = profile }
        if let version { config.version = version }
        if let publishedAt { config.publishedAt = publishedAt }
        if let baseURL { config.baseURL = baseURL }
        if let outputs { config.outputs = outputs }
    }
}

/// The front of the compiler: discovers the inputs and takes them through the stages, each a type whose
/// result is its output and its diagnostics:
///
/// 1. ``InputDiscoverer``: the files, classified by the layout;
/// 2. ``DocumentReader``: each file read and parsed;
/// 3. ``DocumentValidator``: each document against its schema and its prose rules;
/// 4. the configuration (``RegistryConfig``, with the command line's ``LoadOptions``), then ``ModelBuilder``:
///    the registry model, values and source ranges;
/// 5. ``RegistryValidator``: the rules across documents;
///
/// and beside them the site's templates (``SiteTemplates``, the HTML output's own input), so that `cse
/// validate` reports a broken template too. Discovery is sequential and sorted; stages 2 and 3 run per file
/// on all cores, each result kept in the sorted input order.
public struct RegistryLoader: Sendable {
    public var fileSystem: any FileSystem
    public var schemas: SchemaCatalog
    public var options: LoadOptions
    public var maximumFileSize: Int = DocumentLoader.defaultMaximumSize

    public init(fileSystem: any FileSystem, schemas: SchemaCatalog, options: LoadOptions) {
        self.fileSystem = fileSystem
        self.schemas = schemas
        self.options = options
    }

    public init(fileSystem: any FileSystem, schemas: SchemaCatalog, profile: ValidationProfile? = nil) {
        self.init(fileSystem: fileSystem, schemas: schemas, options: LoadOptions(profile: profile))
    }

    public func load() throws -> LoadResult {
        let timer = options.timer
        timer.mark("loader setup")
        let discovery = try InputDiscoverer(fileSystem: fileSystem).discover()
        timer.mark("discover")
        var diagnostics = discovery.diagnostics

        let reader = DocumentReader(fileSystem: fileSystem, maximumSize: maximumFileSize)
        let validator = DocumentValidator(schemas: schemas)
        let checked: [(SourceDocument?, [Diagnostic])] = discovery.files.concurrentMap(minimumBatch: 8) { file in
            let (read, found) = reader.read(file)
            guard let read else { return (nil, found) }
            let (document, problems) = validator.validate(read)
            return (document, found + problems)
        }
        timer.mark("read+parse+schema")
        var documents: [SourceDocument] = []
        for (doc, found) in checked {
            if let doc { documents.append(doc) }
            diagnostics += found
        }

        var config = RegistryConfig()
        if let doc = documents.first(where: { $0.file.kind == .config }), doc.schemaValid, let node = doc.node {
            config = RegistryConfig(node: node)
        }
        options.apply(to: &config)
        // Templates are read only from a folder inside the registry (ConfigRules reports any other).
        var site: SiteTemplates?
        if ConfigRules.pathProblem(config.site.templatesDirectory, fileSystem: fileSystem) == nil {
            let (templates, siteDiagnostics) = SiteTemplates.load(from: fileSystem, directory: config.site.templatesDirectory)
            site = templates
            diagnostics += siteDiagnostics
        }
        // The published history is an input of the API and the site only, read (and checked, so that `cse
        // validate` reports a broken changes file) when the configuration asks for either.
        var history: PublishedHistory?
        if !config.outputs.isDisjoint(with: [.api, .html]) {
            let (read, historyDiagnostics) = PublishedHistory.read(fileSystem, schemas: schemas)
            history = read
            diagnostics += historyDiagnostics
        }
        timer.mark("config+templates+history")

        let (registry, modelDiagnostics) = ModelBuilder(config: config).build(documents, timer: timer)
        diagnostics += modelDiagnostics
        diagnostics += RegistryValidator(registry: registry, documents: documents, folders: discovery.signalFolders, fileSystem: fileSystem).run()
        timer.mark("rules")

        diagnostics.sort(by: Diagnostic.printOrder)
        diagnostics = DiagnosticLimiter.limit(Self.removingDuplicates(diagnostics))
        // Keep the text of files that have something to show, for snippets; let the rest go.
        var diagnosed: Set<String> = []
        for d in diagnostics {
            if let file = d.range?.file { diagnosed.insert(file) }
            for note in d.notes { if let file = note.range?.file { diagnosed.insert(file) } }
        }
        for i in documents.indices where !diagnosed.contains(documents[i].path) {
            documents[i].text = SourceText(bytes: [])
        }
        timer.mark("sort+registry")
        return LoadResult(
            registry: diagnostics.containsErrors ? nil : registry, partialRegistry: registry,
            diagnostics: diagnostics, documents: documents, site: site, history: history)
    }

    static func removingDuplicates(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        out.reserveCapacity(sorted.count)
        for d in sorted where out.last != d { out.append(d) }
        return out
    }
}
