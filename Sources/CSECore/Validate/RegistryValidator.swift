import CSEDiagnostics

/// Stage 5: the rules that need more than one document, over the model and the documents (identity,
/// references, catalogs, crosswalks, tools, datasets, READMEs, `cse.yaml`'s paths).
///
/// The rule families run side by side (they read the model and share nothing) and the README rules, one
/// file each, on all cores; each result keeps its place, so the output order does not depend on scheduling.
struct RegistryValidator: Sendable {
    var registry: Registry
    var documents: [SourceDocument]
    /// Signal folders found, whether or not they hold a definition.
    var folders: [SignalFolder]
    var fileSystem: any FileSystem

    func run() -> [Diagnostic] {
        let signals = registry.signals
        let known = Set(signals.map(\.id))
        let withoutDefinition = Set(folders.map(\.id)).subtracting(known)
        let (familyDiagnostics, uncheckedMappings, sample) = runFamilies(foldersWithoutDefinition: withoutDefinition)
        var diagnostics = familyDiagnostics
        let fs = fileSystem
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
        return diagnostics
    }

    /// The rule families side by side. A function of its own, so that the families' references to the
    /// model end when it returns.
    ///
    /// - Returns: the diagnostics, the mapping references the dataset rules could not check, and the
    ///   sample this tree is (if it is one).
    private func runFamilies(foldersWithoutDefinition: Set<String>) -> ([Diagnostic], Int, DatasetRules.Sample?) {
        let registry = self.registry, documents = self.documents, folders = self.folders, fileSystem = self.fileSystem
        let datasets = DatasetRules(documents: documents, signals: registry.signals, foldersWithoutDefinition: foldersWithoutDefinition)
        let registryRules = RegistryRules(signals: registry.signals, frameworks: registry.frameworks, mappings: registry.mappings)
        let strict = registry.config.profile == .strict
        // The paths of a cse.yaml its schema refused are not read, and so not judged either.
        let config = documents.first { $0.file.kind == .config && $0.schemaValid }
        let families: [@Sendable () -> ([Diagnostic], Int)] =
            [
                { datasets.run() },
                { (CrosswalkRules(crosswalks: registry.crosswalks, frameworks: registry.frameworks, mappings: registry.mappings).run(), 0) },
                { (ToolDataRules(artifactTypes: registry.artifactTypes, tools: registry.tools, signals: registry.signals).run(), 0) },
                { (strict ? StrictRules(signals: registry.signals, mappings: registry.mappings, folders: folders).run() : [], 0) },
                { (BoilerplateRule(documents: documents).run(), 0) },
                { (NearDuplicateRule(signals: registry.signals, mappings: registry.mappings).run(), 0) },
                { (FindingFormatRule(signals: registry.signals, producesAPI: registry.config.outputs.contains(.api)).run(), 0) },
                { (config.map { ConfigRules(document: $0, fileSystem: fileSystem).run() } ?? [], 0) },
                { (ReleaseRules(registry: registry, documents: documents, fileSystem: fileSystem).run(), 0) },
            ] + RegistryRules.passes.map { pass in { @Sendable in (pass(registryRules), 0) } }
        let results = runConcurrently(families)
        return (results.flatMap(\.0), results[0].1, datasets.sample)
    }
}
