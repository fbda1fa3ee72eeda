import CSEDiagnostics

/// The release rules (docs/releases.md "Permanence"): against the last release in `registry/`, when there is
/// one, a released ID never disappears, moves or changes its history, a new one is introduced after the last
/// release, a deprecated one comes back only when declared, and a control that released mappings target
/// stays in its catalog. Also: `release.yaml`'s declarations, and generated `signal.json` files (at release
/// tags) against their YAML source.
struct ReleaseRules: Sendable {
    var registry: Registry
    var documents: [SourceDocument]
    var fileSystem: any FileSystem

    func run() -> [Diagnostic] {
        var out = generatedFiles()
        let (declarations, problems) = DeclarationsFile.read(fileSystem)
        out += problems
        for d in declarations where registry.signalPosition(d.signal) == nil {
            out.append(
                Diagnostic(
                    .releaseInvalidDeclaration, range: d.range, summary: "the declaration names '\(d.signal)', which is not a signal of this registry",
                    hint: "declare changes of signals that exist; remove the entry otherwise"))
        }
        guard fileSystem.kind(of: ReleaseFolder.historyFile) == .file else { return out }
        let (released, history, unreadable) = ReleaseFolder.read(fileSystem, prefix: ReleaseFolder.path + "/", label: "registry", full: false)
        out += unreadable
        guard let released else { return out }
        let last = history?.latest?.version ?? released.version
        out += permanence(released, lastVersion: last, declarations: declarations)
        return out
    }

    // MARK: - Permanence

    private func permanence(_ released: Snapshot, lastVersion: String?, declarations: [ReleaseDeclaration]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let reactivations = Set(declarations.filter { $0.kind == .reactivation }.map(\.signal))
        let version = lastVersion ?? "the last release"
        // A released index entry with the very bytes the signal's entry has now is unchanged: nothing to check
        // (most are; the rest are parsed).
        let registry = self.registry
        let unchanged = Array(registry.signals.indices).concurrentMap(minimumBatch: 512) { i -> String? in
            let s = registry.signals[i]
            return released.signals[s.id]?.bytes == SignalDocuments.IndexEntry(s).compact ? s.id : nil
        }
        let same = Set(unchanged.compactMap { $0 })
        for id in released.signals.keys.sorted() where !same.contains(id) {
            let old = released.signals[id]!
            guard let position = registry.signalPosition(id) else {
                let folder = "signals/\(old["domain"] ?? "<DOMAIN>")/\(old["category"] ?? "<CATEGORY>")/\(id)/"
                out.append(
                    Diagnostic(
                        .permanenceSignalRemoved, range: old.range, summary: "\(id) was published in \(version) and is gone from signals/",
                        hint: "restore \(folder) and deprecate the signal instead: status: deprecated, deprecated_in: <next version>, "
                            + "replaced_by: <the signal that takes over>"))
                continue
            }
            let s = registry.signals[position]
            for (field, current) in [("domain", s.domain), ("category", s.category)] {
                guard let before = old[field], before != current else { continue }
                out.append(
                    Diagnostic(
                        .permanenceSignalMoved, range: s.range(of: field), summary: "\(id) was released with \(field) \(before), not \(current)",
                        hint: "keep the released \(field); to place the condition elsewhere, deprecate this signal and add a new one there",
                        notes: old.range.map { [.init(range: $0, message: "the released entry")] } ?? []))
            }
            if let before = old["introduced_in"], before != s.introducedIn {
                out.append(
                    Diagnostic(
                        .permanenceIntroducedChanged, range: s.range(of: "introduced_in"),
                        summary: "\(id) was released with introduced_in \(before), not \(s.introducedIn)", hint: "set introduced_in back to \(before)",
                        notes: old.range.map { [.init(range: $0, message: "the released entry")] } ?? []))
            }
            if old["status"] == SignalStatus.deprecated.rawValue, s.status == .active, !reactivations.contains(id) {
                out.append(
                    Diagnostic(
                        .permanenceReactivated, range: s.range(of: "status"),
                        summary: "\(id) was deprecated in \(old["deprecated_in"] ?? version) and is active again",
                        hint: "declare it in \(DeclarationsFile.path) (signal: \(id), kind: reactivation, reason: …), or keep it deprecated"))
            }
        }
        if let last = lastVersion.flatMap(SemanticVersion.init) {
            for s in registry.signals where released.signals[s.id] == nil {
                guard let introduced = SemanticVersion(s.introducedIn), introduced <= last else { continue }
                out.append(
                    Diagnostic(
                        .permanenceIntroducedTooEarly, range: s.range(of: "introduced_in"),
                        summary: "\(s.id) is new, but introduced_in \(s.introducedIn) is not later than the last release, \(last)",
                        hint: "set introduced_in to the version the next release will have, such as \(last.bumped(.minor))"))
            }
        }
        var targeted: Set<ControlKey> = []
        for m in registry.mappings {
            if case .control(let fw, let id) = m.target { targeted.insert(ControlKey(fw, id)) }
        }
        let catalogFiles = Dictionary(
            documents.compactMap { doc -> (String, String)? in
                if case .controls(let code) = doc.file.kind { return (code, doc.path) }
                return nil
            }, uniquingKeysWith: { a, _ in a })
        for code in released.frameworks.keys.sorted() {
            let fw = released.frameworks[code]!
            for id in fw.mappedControls.sorted() {
                // A mapping that still targets it is reported by mapping.unknown-control, at the mapping.
                guard registry.framework(code)?.control(id) == nil, !targeted.contains(ControlKey(code, id)) else { continue }
                let range = catalogFiles[code].map { SourceRange.file($0) } ?? fw.controls[id]?.range
                out.append(
                    Diagnostic(
                        .permanenceControlRemoved, range: range,
                        summary: "control \(id) of \(code) is targeted by mappings of \(version) and is gone from the catalog",
                        hint: "keep the control in frameworks/\(code)/controls.yaml; mark it `withdrawn: true` if its publisher withdrew it",
                        notes: fw.controls[id]?.range.map { [.init(range: $0, message: "the released control")] } ?? []))
            }
        }
        return out
    }

    // MARK: - Generated files

    /// Each generated `signal.json` (beside a `signal.yaml`) equals the normalized definition.
    private func generatedFiles() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for doc in documents {
            guard case .generatedSignal(let folder) = doc.file.kind, let position = registry.signalPosition(folder.id) else { continue }
            let s = registry.signals[position]
            guard s.folder == folder else { continue }
            if doc.text.bytes != SignalDocuments.full(s) {
                out.append(
                    Diagnostic(
                        .releaseGeneratedFileEdited, range: .file(doc.path), summary: "\(doc.path) is generated and differs from \(s.file)",
                        hint: "edit \(s.file), then run `cse generate-signal-json` (or delete \(doc.path): only release tags carry it)"))
            }
        }
        return out
    }
}
