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

    public var fileCount: Int { documents.count }

    /// Looks up a file's text for diagnostic snippets.
    public var sources: SourceProvider {
        // The loader keeps the text only of files that have something to show; the rest are empty.
        let texts = Dictionary(documents.lazy.filter { !$0.text.bytes.isEmpty }.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        return { texts[$0] }
    }
}

/// Stages 1-3 of the compiler: discover and parse the inputs, validate them, and build the model.
///
/// Discovery is sequential and sorted; reading, parsing and schema validation, building signals and
/// mappings, and the rule families run on all cores, each result kept in the sorted input order.
public struct RegistryLoader: Sendable {
    public var fileSystem: any FileSystem
    public var schemas: SchemaCatalog
    /// Overrides the validation profile of the config file.
    public var profile: ValidationProfile?
    public var maximumFileSize: Int = DocumentLoader.defaultMaximumSize

    public init(fileSystem: any FileSystem, schemas: SchemaCatalog, profile: ValidationProfile? = nil) {
        self.fileSystem = fileSystem
        self.schemas = schemas
        self.profile = profile
    }

    public func load() throws -> LoadResult {
        let timer = PhaseTimer.shared
        timer.mark("loader setup")
        let discovery = try InputDiscoverer(fileSystem: fileSystem).discover()
        timer.mark("discover")
        var diagnostics = discovery.diagnostics
        let fs = fileSystem, schemas = self.schemas, maximumSize = maximumFileSize

        let parsed: [(SourceDocument?, [Diagnostic])] = discovery.files.concurrentMap(minimumBatch: 8) { file in
            Self.read(file, fileSystem: fs, schemas: schemas, maximumSize: maximumSize)
        }
        timer.mark("read+parse+schema")
        var documents: [SourceDocument] = []
        for (doc, found) in parsed {
            if let doc { documents.append(doc) }
            diagnostics += found
        }

        // Model, leniently.
        var config = RegistryConfig()
        if let doc = documents.first(where: { $0.file.kind == .config }), doc.schemaValid, let node = doc.node {
            config = RegistryConfig(node: node)
            diagnostics += ConfigRules(document: doc, fileSystem: fileSystem).run()
        }
        if let profile { config.profile = profile }
        // Templates are read only from a folder inside the registry (ConfigRules reports any other).
        if ConfigRules.pathProblem(config.site.templatesDirectory, fileSystem: fileSystem) == nil {
            let (site, siteDiagnostics) = SiteTemplates.load(from: fileSystem, directory: config.site.templatesDirectory)
            config.site.templates = site
            diagnostics += siteDiagnostics
        }
        let builder = ModelBuilder(config: config)
        timer.mark("config+templates")

        // Signals are built on all cores (each from its own document); the rest is small and sequential.
        let signalDocuments = documents.filter { if case .signal = $0.file.kind { true } else { false } }
        var signals: [Signal] = signalDocuments.concurrentMap(minimumBatch: 64) { doc in
            guard case .signal(let folder) = doc.file.kind else { return nil }
            return builder.signal(from: doc, folder: folder)
        }.compactMap { $0 }
        timer.mark("signals")
        var mappingDocuments: [(SignalFolder, SourceDocument)] = []
        var readmes: [SignalFolder: String] = [:]
        var frameworkDocs: [String: (meta: SourceDocument?, controls: SourceDocument?)] = [:]
        var crosswalks: [DeclaredCrosswalk] = []
        var artifactTypes: [ArtifactType] = [], tools: [SecurityTool] = []
        for doc in documents {
            switch doc.file.kind {
            case .signalMappings(let folder): mappingDocuments.append((folder, doc))
            case .signalReadme(let folder): readmes[folder] = doc.markdown
            case .framework(let code): frameworkDocs[code, default: (nil, nil)].meta = doc
            case .controls(let code): frameworkDocs[code, default: (nil, nil)].controls = doc
            case .crosswalk: if let c = DeclaredCrosswalk.build(from: doc) { crosswalks.append(c) }
            case .artifactType: if let a = ToolDataLoader.artifactType(from: doc) { artifactTypes.append(a) }
            case .securityTool: if let t = ToolDataLoader.tool(from: doc) { tools.append(t) }
            default: break
            }
        }
        for i in signals.indices { signals[i].readme = readmes[signals[i].folder] }

        timer.mark("documents")
        var frameworks: [Framework] = []
        for (code, pair) in frameworkDocs.sorted(by: { $0.key < $1.key }) {
            guard let meta = pair.meta else {
                diagnostics.append(
                    Diagnostic(
                        .frameworkMissingMetadata, range: .file(pair.controls!.path),
                        summary: "frameworks/\(code)/ has controls but no framework.yaml",
                        hint: "add framework.yaml with code, name, version, publisher, url and domain"))
                continue
            }
            if pair.controls == nil {
                diagnostics.append(
                    Diagnostic(
                        .frameworkMissingControls, range: .file(meta.path),
                        summary: "frameworks/\(code)/ has no controls.yaml",
                        hint: "a framework needs its control catalog so that mappings to it can be checked"))
            }
            if let f = builder.framework(metadata: meta, controls: pair.controls, code: code) { frameworks.append(f) }
        }

        timer.mark("frameworks")
        // Mappings belong to the signal in their folder.
        let signalIDByFolder = Dictionary(signals.map { ($0.folder, $0.id) }, uniquingKeysWith: { a, _ in a })
        let mappings: [Mapping] = mappingDocuments.concurrentMap(minimumBatch: 64) { (pair: (SignalFolder, SourceDocument)) -> [Mapping] in
            guard let id = signalIDByFolder[pair.0] else { return [] }
            return builder.mappings(from: pair.1, signalID: id)
        }.flatMap { $0 }

        timer.mark("model")
        // The rule families run side by side, and the README checks (one file each) on all cores.
        let known = Set(signals.map(\.id))
        let withoutDefinition = Set(discovery.signalFolders.map(\.id)).subtracting(known)
        let (familyDiagnostics, uncheckedMappings, sample) = Self.runRuleFamilies(
            documents: documents, signals: signals, mappings: mappings, frameworks: frameworks, mappingDocuments: mappingDocuments,
            crosswalks: crosswalks, artifactTypes: artifactTypes, tools: tools, foldersWithoutDefinition: withoutDefinition,
            strict: config.profile == .strict, folders: discovery.signalFolders)
        diagnostics += familyDiagnostics
        let readmeDocuments = documents.filter { if case .signalReadme = $0.file.kind { true } else { false } }
        let readmeResults: [[Diagnostic]] = readmeDocuments.concurrentMap(minimumBatch: 32) { doc in
            guard case .signalReadme(let folder) = doc.file.kind else { return [] }
            return TextRules.readme(doc.text, file: doc.path, knownSignals: known, ownID: folder.id)
                + ReadmeLinks.check(doc.text, file: doc.path, fileSystem: fs)
        }
        var unchecked = 0
        for d in readmeResults.joined() {
            // In a sample of a larger registry a reference outside the sample cannot be judged.
            if sample != nil, d.id == DiagnosticKind.readmeUnknownSignal.id { unchecked += 1 } else { diagnostics.append(d) }
        }
        if let sample, unchecked + uncheckedMappings > 0 {
            diagnostics.append(
                Diagnostic(
                    .registrySample, range: .file(sample.indexPath),
                    summary: "this tree holds \(signals.count) of the \(sample.total) signals its index lists; "
                        + "\(uncheckedMappings) mapping and \(unchecked) README references to signals outside it were not checked",
                    hint: "validate the complete registry to check every reference"))
        }

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
        // The last use of each array, so that the registry sorts them in place instead of copying them.
        var partial = Registry(config: config, signals: consume signals, frameworks: consume frameworks, mappings: consume mappings)
        partial.crosswalks = crosswalks.sorted { $0.file < $1.file }
        partial.artifactTypes = artifactTypes.sorted { $0.id < $1.id }
        partial.tools = tools.sorted { $0.id < $1.id }
        timer.mark("sort+registry")
        return LoadResult(
            registry: diagnostics.containsErrors ? nil : partial, partialRegistry: partial,
            diagnostics: diagnostics, documents: documents)
    }

    /// Runs the rule families side by side (they read the model and share nothing); each result keeps its
    /// place, so the output order does not depend on scheduling. A function of its own, so that the
    /// families' references to the model end when it returns.
    ///
    /// - Returns: the diagnostics, the mapping references the dataset rules could not check, and the
    ///   sample this tree is (if it is one).
    private static func runRuleFamilies(
        documents: [SourceDocument], signals: [Signal], mappings: [Mapping], frameworks: [Framework],
        mappingDocuments: [(SignalFolder, SourceDocument)], crosswalks: [DeclaredCrosswalk], artifactTypes: [ArtifactType],
        tools: [SecurityTool], foldersWithoutDefinition: Set<String>, strict: Bool, folders: [SignalFolder]
    ) -> ([Diagnostic], Int, DatasetRules.Sample?) {
        let datasets = DatasetRules(documents: documents, signals: signals, foldersWithoutDefinition: foldersWithoutDefinition)
        let registryRules = RegistryRules(signals: signals, frameworks: frameworks, mappings: mappings, mappingDocuments: mappingDocuments)
        let families: [@Sendable () -> ([Diagnostic], Int)] = [
            { datasets.run() },
            { (CrosswalkRules(crosswalks: crosswalks, frameworks: frameworks, mappings: mappings).run(), 0) },
            { (ToolDataRules(artifactTypes: artifactTypes, tools: tools, signals: signals).run(), 0) },
            { (strict ? StrictRules(signals: signals, mappings: mappings, folders: folders).run() : [], 0) },
            { (BoilerplateRule(documents: documents).run(), 0) },
        ] + RegistryRules.passes.map { pass in { @Sendable in (pass(registryRules), 0) } }
        let results = runConcurrently(families)
        return (results.flatMap(\.0), results[0].1, datasets.sample)
    }

    static func removingDuplicates(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        out.reserveCapacity(sorted.count)
        for d in sorted where out.last != d { out.append(d) }
        return out
    }

    /// Reads, parses and schema-checks one file. Runs concurrently; touches nothing shared.
    static func read(_ file: InputFile, fileSystem: any FileSystem, schemas: SchemaCatalog, maximumSize: Int) -> (SourceDocument?, [Diagnostic]) {
        var bytes: [UInt8]
        do {
            bytes = try fileSystem.contents(of: file.path, limit: maximumSize)
        } catch {
            return (nil, [InputDiagnostics.unreadable(file.path, error)])
        }
        // Every file's text stays in memory until the end of the run: keep it in an allocation of its own
        // size (a reader may return spare capacity, e.g. the room it grew to look for the end of file).
        if bytes.capacity - bytes.count > 64 {
            let exact = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: exact.count) { buffer, count in
                _ = buffer.initialize(fromContentsOf: exact)
                count = exact.count
            }
        }
        let text = SourceText(bytes: bytes)
        if file.kind == .releaseFile && file.path.hasSuffix("SHA256SUMS") {
            return (SourceDocument(file: file, text: text, node: nil, schemaValid: true), [])
        }
        if case .signalReadme = file.kind {
            guard let markdown = String(validating: bytes, as: UTF8.self) else {
                return (nil, [Diagnostic(.inputInvalidUTF8, range: .file(file.path), summary: "README.md is not valid UTF-8", hint: "save the file as UTF-8")])
            }
            if let deep = InputDiagnostics.markdownTooDeep(bytes, file: file.path) {
                return (SourceDocument(file: file, text: text, node: nil, schemaValid: false, markdown: markdown), [deep])
            }
            return (SourceDocument(file: file, text: text, node: nil, schemaValid: true, markdown: markdown), [])
        }
        let format = DocumentFormat(path: file.path)
        var (node, diagnostics) = DocumentLoader.load(bytes, path: file.path, format: format, maximumSize: maximumSize)
        if node == nil, diagnostics.isEmpty {
            // Empty, or only comments: the signal, catalog or mapping this file should define would vanish.
            diagnostics.append(InputDiagnostics.noDocument(file.path))
        }
        var schemaValid = false
        if let node, !diagnostics.containsErrors {
            if let schema = file.kind.schemaName {
                let found = schemas.validate(node, schema: schema, file: file.path)
                schemaValid = !found.containsErrors
                diagnostics += found
            } else {
                schemaValid = true
            }
            if file.kind != .publishedSchema { diagnostics += TextRules.check(node, file: file.path) }
            if format == .yaml { diagnostics += TextRules.trailingWhitespace(text, file: file.path) }
        }
        return (SourceDocument(file: file, text: text, node: diagnostics.containsErrors && node == nil ? nil : node, schemaValid: schemaValid), diagnostics)
    }
}
