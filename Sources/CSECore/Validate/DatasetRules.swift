import CSEDiagnostics
import CSESchema
import CSEYAML
import Crypto

/// Rules for a registry published in the upstream layout: mapping datasets under `mappings/`, release
/// indexes under `registry/`, and the schemas under `schemas/` those files claim to follow.
///
/// - Each dataset row is validated against the registry's own published schema; identical failures of
///   many rows of one file are reported once, with a count, so a systematic defect reads as one problem.
/// - Counts a file states about itself or about files that are present (totals, per-domain counts,
///   control counts, checksums) must agree with those files.
/// - Control references are checked wherever the registry carries that framework's control catalog;
///   for frameworks without one, a single note says they could not be checked.
/// - When the release index lists more signals than the tree holds, the tree is a sample: references to
///   signals outside it are counted in one note instead of being reported one by one.
struct DatasetRules {
    var documents: [SourceDocument]
    var signals: [Signal]
    /// IDs of signal folders that exist but hold no definition file.
    var foldersWithoutDefinition: Set<String>

    /// Set when the tree is a sample of a larger registry.
    struct Sample {
        var total: Int
        var indexPath: String
    }

    var sample: Sample? {
        var best: Sample?
        for doc in documents where doc.file.kind == .releaseFile {
            guard let total = doc.node?["total_signals"]?.int, total > signals.count else { continue }
            if best == nil || total > best!.total { best = Sample(total: total, indexPath: doc.path) }
        }
        return best
    }

    init(documents: [SourceDocument], signals: [Signal], foldersWithoutDefinition: Set<String>) {
        self.documents = documents
        self.signals = signals
        self.foldersWithoutDefinition = foldersWithoutDefinition
    }

    /// The diagnostics, and how many references to signals outside a sample were left unchecked.
    func run() -> ([Diagnostic], Int) {
        let datasets = documents.filter { $0.file.kind == .mappingDataset || $0.file.kind == .releaseFile }
        guard !datasets.isEmpty else { return ([], 0) }
        var out: [Diagnostic] = []
        let schemas = publishedSchemas()
        let catalogs = controlCatalogs()
        var unresolvedSignals = 0
        var uncheckedFrameworks: [String: Set<String>] = [:]
        let known = Set(signals.map(\.id))
        let sample = self.sample

        func checkSignalReference(_ node: Node?, file: String, what: String) {
            guard let node, let id = node.string else { return }
            if known.contains(id) { return }
            if foldersWithoutDefinition.contains(id) {
                out.append(
                    Diagnostic(
                        .mappingSignalWithoutDefinition, range: SourceRange(file: file, span: node.span),
                        summary: "\(what) '\(id)' has a folder but no signal.json",
                        hint: "a mapping must reference a signal with a normative definition"))
            } else if sample != nil {
                unresolvedSignals += 1
            } else {
                out.append(
                    Diagnostic(
                        .mappingUnknownSignal, range: SourceRange(file: file, span: node.span),
                        summary: "\(what) '\(id)' does not exist" + Suggestions.didYouMean(to: id, in: known),
                        hint: "a mapping must reference a signal in this registry"))
            }
        }

        func checkControl(_ ref: Node?, file: String) {
            guard let ref, let framework = ref["framework"]?.string, let idNode = ref["id"], let id = idNode.string else { return }
            guard let catalog = catalogs[framework] else {
                uncheckedFrameworks[file, default: []].insert(framework)
                return
            }
            guard let title = catalog.titles[id] else {
                out.append(
                    Diagnostic(
                        .mappingUnknownControl, range: SourceRange(file: file, span: idNode.span),
                        summary: "control '\(id)' does not exist in \(framework)"
                            + Suggestions.didYouMean(to: id, in: catalog.titles.keys),
                        hint: "use a control ID exactly as \(catalog.path) writes it"))
                return
            }
            if let written = ref["title"], let text = written.string, text != title {
                out.append(
                    Diagnostic(
                        .mappingControlTitleMismatch, range: SourceRange(file: file, span: written.span),
                        summary: "title '\(text)' of \(framework) \(id) differs from the catalog's '\(title)'",
                        hint: "copy the title from \(catalog.path), or leave it out"))
            }
        }

        var crosswalkRows = 0
        for doc in datasets {
            guard let node = doc.node else { continue }
            let file = doc.path
            if let rows = node["mappings"]?.array {
                let isCrosswalk = node["type"]?.string == "cross-framework-mapping"
                if isCrosswalk {
                    crosswalkRows += rows.count
                    for row in rows {
                        checkControl(row["source"], file: file)
                        checkControl(row["target"], file: file)
                        checkSignalReference(row["bridge_signal"], file: file, what: "bridge signal")
                    }
                } else {
                    if let validator = schemas["mapping.schema.json"] {
                        out += Self.collapse(rows.flatMap { validator.validate($0, file: file) })
                    }
                    for row in rows {
                        checkSignalReference(row["source"]?["id"], file: file, what: "source signal")
                        if row["target"]?["type"]?.string == "control" { checkControl(row["target"], file: file) }
                    }
                }
                out += countCheck(node, key: "total_mappings", actual: rows.count, what: "mappings", file: file)
                out += countCheck(node["statistics"], key: "total_mappings", actual: rows.count, what: "mappings", file: file)
            } else if let controls = node["controls"]?.array {
                if let validator = schemas["control.schema.json"] {
                    out += Self.collapse(controls.flatMap { validator.validate($0, file: file) })
                }
                out += countCheck(node, key: "control_count", actual: controls.count, what: "controls", file: file)
            } else if file.hasSuffix("mappings/index.json") {
                if let validator = schemas["mapping-index.schema.json"] { out += Self.collapse(validator.validate(node, file: file)) }
            } else if file.hasPrefix("mappings/"), node["name"] != nil, node["version"] != nil {
                if let validator = schemas["framework.schema.json"] { out += Self.collapse(validator.validate(node, file: file)) }
                if let domains = node["domains"]?.array {
                    let sum = domains.compactMap { $0["control_count"]?.int }.reduce(0, +)
                    if domains.allSatisfy({ $0["control_count"] != nil }) {
                        out += countCheck(node, key: "control_count", actual: sum, what: "controls across its domains", file: file)
                    }
                }
            }
        }
        out += mappingIndexCounts(crosswalkRows: crosswalkRows, catalogs: catalogs)
        out += releaseCounts()
        for (file, frameworks) in uncheckedFrameworks.sorted(by: { $0.key < $1.key }) {
            out.append(
                Diagnostic(
                    .mappingUncheckedFramework, range: .file(file),
                    summary:
                        "controls of \(frameworks.sorted().map { "'\($0)'" }.joined(separator: ", ")) were not checked: this registry has no control catalog for them",
                    hint: "add the framework's control catalog so that its control IDs can be checked"))
        }
        return (out, unresolvedSignals)
    }

    // MARK: - Schemas and catalogs

    /// Validators for the registry's own schemas, by file name.
    private func publishedSchemas() -> [String: SchemaValidator] {
        var registry = SchemaRegistry()
        var uris: [String: String] = [:]
        for doc in documents where doc.file.kind == .publishedSchema {
            guard let node = doc.node else { continue }
            let name = String(doc.path.split(separator: "/").last ?? "")
            let uri = node["$id"]?.string ?? "urn:cse:registry-schema:\(name)"
            registry.register(document: node, uri: uri)
            uris[name] = uri
        }
        var out: [String: SchemaValidator] = [:]
        for (name, uri) in uris {
            if let validator = try? registry.validator(for: uri, options: SchemaOptions(assertFormats: true)) { out[name] = validator }
        }
        return out
    }

    struct Catalog {
        var path: String
        var titles: [String: String]
    }

    /// Control catalogs shipped as datasets (`{framework, controls: [{id, title}]}`), by framework ID.
    private func controlCatalogs() -> [String: Catalog] {
        var out: [String: Catalog] = [:]
        for doc in documents where doc.file.kind == .mappingDataset {
            guard let node = doc.node, let framework = node["framework"]?.string, let controls = node["controls"]?.array else { continue }
            var titles: [String: String] = [:]
            for c in controls { if let id = c["id"]?.string { titles[id] = c["title"]?.string ?? "" } }
            out[framework] = Catalog(path: doc.path, titles: titles)
        }
        return out
    }

    // MARK: - Counts

    private func countCheck(_ node: Node?, key: String, actual: Int, what: String, file: String) -> [Diagnostic] {
        guard let value = node?[key], let stated = value.int, stated != actual else { return [] }
        return [
            Diagnostic(
                .datasetCountMismatch, range: SourceRange(file: file, span: value.span),
                summary: "'\(key)' says \(stated) but the file lists \(actual) \(what)",
                hint: "recompute the count from the file's contents")
        ]
    }

    /// `mappings/index.json` statistics against the dataset files that are present.
    private func mappingIndexCounts(crosswalkRows: Int, catalogs: [String: Catalog]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        guard let index = documents.first(where: { $0.path == "mappings/index.json" }), let node = index.node else { return [] }
        if let stated = node["statistics"]?["cross_framework_mappings"], let n = stated.int,
            n != crosswalkRows, crosswalkRows > 0
        {
            out.append(
                Diagnostic(
                    .datasetCountMismatch, range: SourceRange(file: index.path, span: stated.span),
                    summary: "'cross_framework_mappings' says \(n) but the cross-framework files hold \(crosswalkRows) mappings",
                    hint: "recompute the statistics from the dataset files"))
        }
        // Per-domain coverage against the complete signal-to-control file of that domain.
        for member in node["statistics"]?["coverage"]?.members ?? [] {
            guard let stated = member.value["controls_mapped"], let n = stated.int else { continue }
            guard
                let file = documents.first(where: {
                    $0.path.hasPrefix("mappings/signal-to-control/") && $0.node?["framework"]?.string == member.key
                }),
                let rows = file.node?["mappings"]?.array
            else { continue }
            let distinct = Set(rows.compactMap { $0["target"]?["id"]?.string }).count
            if distinct != n {
                out.append(
                    Diagnostic(
                        .datasetCountMismatch, range: SourceRange(file: index.path, span: stated.span),
                        summary: "'controls_mapped' of \(member.key) says \(n) but \(file.path) maps to \(distinct) distinct controls",
                        hint: "recompute the statistics from the dataset files"))
            }
        }
        // Control counts of one framework stated by different files must agree with its catalog.
        for (framework, catalog) in catalogs {
            for doc in documents where doc.file.kind == .mappingDataset && doc.path != catalog.path {
                guard let n = doc.node, n["controls"] == nil, n["mappings"] == nil else { continue }
                let sameFramework = n["id"]?.string == framework || (n["code"].flatMap(\.string).map { framework.hasPrefix($0 + "-") } ?? false)
                guard sameFramework, let stated = n["control_count"], let count = stated.int,
                    count != catalog.titles.count
                else { continue }
                out.append(
                    Diagnostic(
                        .datasetCountMismatch, range: SourceRange(file: doc.path, span: stated.span),
                        summary: "'control_count' says \(count) but the \(framework) catalog \(catalog.path) lists \(catalog.titles.count) controls",
                        hint: "recompute the count from the catalog"))
            }
        }
        return out
    }

    /// Release indexes against their domain files and each other, and `SHA256SUMS` against the files it names.
    private func releaseCounts() -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Two indexes that claim the same registry version must give each domain the same count.
        var firstIndex: [String: SourceDocument] = [:]
        for doc in documents where doc.file.kind == .releaseFile {
            guard let version = doc.node?["registry"]?["version"]?.string, let domains = doc.node?["domains"]?.array else { continue }
            guard let first = firstIndex[version] else {
                firstIndex[version] = doc
                continue
            }
            let earlier = Dictionary(
                (first.node?["domains"]?.array ?? []).compactMap { d in d["name"]?.string.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
            for entry in domains {
                guard let name = entry["name"]?.string, let stated = entry["signal_count"], let other = earlier[name]?["signal_count"],
                    let a = stated.number?.doubleValue, let b = other.number?.doubleValue, a != b
                else { continue }
                out.append(
                    Diagnostic(
                        .datasetIndexConflict, range: SourceRange(file: doc.path, span: stated.span),
                        summary: "\(name) has \(Int(a)) signals here but \(Int(b)) in \(first.path), which describes the same version \(version)",
                        hint: "regenerate both indexes from the same release",
                        notes: [.init(range: SourceRange(file: first.path, span: other.span), message: "the other count")]))
            }
        }
        let byPath = Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for doc in documents where doc.file.kind == .releaseFile {
            let dir = doc.path.split(separator: "/").dropLast().joined(separator: "/")
            if doc.path.hasSuffix("SHA256SUMS") {
                let text = String(decoding: doc.text.bytes, as: UTF8.self)
                for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                    let parts = line.split(separator: " ", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    let name = parts[1].drop(while: { $0 == " " || $0 == "*" })
                    let range = SourceRange(
                        file: doc.path,
                        span: SourceSpan(
                            start: SourceLocation(line: i + 1, column: 1, offset: doc.text.lineStarts[i]),
                            end: SourceLocation(line: i + 1, column: line.utf8.count + 1, offset: doc.text.lineStarts[i] + line.utf8.count)))
                    let path = dir + "/" + name
                    if let target = byPath[path] {
                        let digest = ReleaseEmitter.hex(SHA256.hash(data: target.text.bytes))
                        if digest != parts[0] {
                            out.append(
                                Diagnostic(
                                    .releaseChecksumMismatch, range: range, summary: "SHA-256 of '\(name)' is \(digest), not the listed value",
                                    hint: "the file changed after the checksums were computed; rebuild the release"))
                        }
                    } else {
                        out.append(
                            Diagnostic(
                                .releaseChecksumMissingFile, range: range,
                                summary: "'\(name)' is listed in SHA256SUMS but is not in the release folder",
                                hint: "publish the file with the checksums, or remove its line"))
                    }
                }
                continue
            }
            guard let node = doc.node, let domains = node["domains"]?.array else { continue }
            for entry in domains {
                guard let name = entry["file"]?.string, let stated = entry["signal_count"],
                    let count = stated.int, let domainFile = byPath[dir + "/" + name]?.node,
                    let actual = domainFile["signal_count"]?.int, actual != count
                else { continue }
                out.append(
                    Diagnostic(
                        .datasetCountMismatch, range: SourceRange(file: doc.path, span: stated.span),
                        summary: "'signal_count' of \(entry["name"]?.string ?? name) says \(count) but \(dir)/\(name) says \(actual)",
                        hint: "regenerate the index from the domain files"))
            }
            for member in node.members ?? [] where member.key == "signal_count" {
                if let list = node["signals"]?.array {
                    out += countCheck(node, key: "signal_count", actual: list.count, what: "signals", file: doc.path)
                }
            }
        }
        return out
    }

    // MARK: - Collapsing

    /// Keeps the first of each group of identical failures (same rule, same schema keyword, same message)
    /// in one file, and says how many more rows share it.
    static func collapse(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var order: [String] = []
        var groups: [String: (Diagnostic, Int)] = [:]
        for d in diagnostics {
            let key = "\(d.range?.file ?? "")|\(d.id)|\(d.schemaPath ?? "")|\(d.summary)"
            if let (first, n) = groups[key] {
                groups[key] = (first, n + 1)
            } else {
                groups[key] = (d, 1)
                order.append(key)
            }
        }
        return order.map { key in
            var (d, n) = groups[key]!
            if n > 1 { d.summary += " (and \(n - 1) more like it in this file)" }
            return d
        }
    }
}
