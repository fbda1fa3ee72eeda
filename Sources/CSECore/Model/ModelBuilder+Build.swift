import CSEDiagnostics

extension ModelBuilder {
    /// Stage 4: the registry model from the validated documents, leniently (a document that failed its
    /// schema still contributes its well-typed fields, so that cross-file rules see it).
    ///
    /// Signals and mappings are built on all cores, each from its own document, in the sorted input order;
    /// the rest is small and sequential. Diagnostics here are the model's own: a framework folder that lacks
    /// one of its two files.
    func build(_ documents: [SourceDocument], timer: PhaseTimer) -> (Registry, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let signalDocuments = documents.filter { if case .signal = $0.file.kind { true } else { false } }
        var signals: [Signal] = signalDocuments.concurrentMap(minimumBatch: 64) { doc in
            guard case .signal(let folder) = doc.file.kind else { return nil }
            return self.signal(from: doc, folder: folder)
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
            if let f = framework(metadata: meta, controls: pair.controls, code: code) { frameworks.append(f) }
        }
        timer.mark("frameworks")

        // Mappings belong to the signal in their folder.
        let signalIDByFolder = Dictionary(signals.map { ($0.folder, $0.id) }, uniquingKeysWith: { a, _ in a })
        let mappings: [Mapping] = mappingDocuments.concurrentMap(minimumBatch: 64) { (pair: (SignalFolder, SourceDocument)) -> [Mapping] in
            guard let id = signalIDByFolder[pair.0] else { return [] }
            return self.mappings(from: pair.1, signalID: id)
        }.flatMap { $0 }
        timer.mark("model")

        // The last use of each array, so that the registry sorts them in place instead of copying them.
        var registry = Registry(config: config, signals: consume signals, frameworks: consume frameworks, mappings: consume mappings)
        registry.crosswalks = crosswalks.sorted { $0.file < $1.file }
        registry.artifactTypes = artifactTypes.sorted { $0.id < $1.id }
        registry.tools = tools.sorted { $0.id < $1.id }
        return (registry, diagnostics)
    }
}
