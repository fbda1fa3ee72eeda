public import CSEDiagnostics
import CSEYAML

/// A release folder (`registry/`, docs/releases.md): the build's bundle, mappings and schemas, plus what a
/// later release is compared with — every signal's full definition (`signals.ndjson`), the catalogs
/// (`frameworks.ndjson`, `controls.ndjson`), the API contract (`openapi.json`) — and the history
/// (`releases.json`, `changelog/<version>.json`).
public enum ReleaseFolder {
    /// The release folder's path in a registry root.
    public static let path = "registry"
    /// The history file, whose presence marks a folder as this tool's release folder.
    public static let historyFile = path + "/releases.json"

    // MARK: - Writing

    /// The comparison files a release adds to the build's outputs: one compact JSON record per line, sorted
    /// by ID, so that git shows a changed signal as one changed line.
    static func comparisonFiles(context: BuildContext) -> [OutputFile] {
        let registry = context.registry
        return [
            OutputFile(path: "signals.ndjson") {
                var out: [UInt8] = []
                for s in registry.signals {
                    out += SignalDocuments.full(s, style: .compact)
                    out.append(UInt8(ascii: "\n"))
                }
                return out
            },
            OutputFile(path: "frameworks.ndjson") {
                var out: [UInt8] = []
                for fw in registry.frameworks {
                    var line = JSONStream(capacity: 256)
                    line.beginObject()
                    line.member("code", fw.code)
                    line.member("name", fw.name)
                    line.member("version", fw.version)
                    line.member("publisher", fw.publisher)
                    line.endObject()
                    out += line.bytes
                    out.append(UInt8(ascii: "\n"))
                }
                return out
            },
            OutputFile(path: "controls.ndjson") {
                var mapped: Set<ControlKey> = []
                for m in registry.mappings {
                    if case .control(let fw, let id) = m.target { mapped.insert(ControlKey(fw, id)) }
                }
                var out: [UInt8] = []
                for fw in registry.frameworks {
                    for c in fw.controls.sorted(by: { $0.id.utf8Precedes($1.id) }) {
                        var line = JSONStream(capacity: 256)
                        line.beginObject()
                        line.member("framework", fw.code)
                        line.member("id", c.id)
                        line.member("title", c.title)
                        if c.withdrawn { line.member("withdrawn", true) }
                        // Whether a released mapping targets it: such a control may not vanish from its catalog.
                        if mapped.contains(ControlKey(fw.code, c.id)) { line.member("mapped", true) }
                        line.endObject()
                        out += line.bytes
                        out.append(UInt8(ascii: "\n"))
                    }
                }
                return out
            },
            OutputFile(path: "openapi.json", json: APIEndpoint.openAPI(context: context)),
        ]
    }

    // MARK: - Reading

    /// Reads the release folder at `prefix` (`registry/`, or `""` for a file system rooted at it): everything
    /// when `full`, else what the permanence rules need (the bundle's index entries, the controls, the history).
    ///
    /// - Returns: the snapshot and the history, or nil and the diagnostics that say why the folder cannot be
    ///   read (they name files under `prefix`).
    public static func read(_ fs: any FileSystem, prefix: String, label: String, full: Bool = true) -> (Snapshot?, ReleaseHistory?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        func load(_ name: String, required: Bool) -> Node? {
            let path = prefix + name
            guard fs.kind(of: path) != nil else {
                if required { problems.append(unreadable(path, "the release folder has no \(name)")) }
                return nil
            }
            do {
                let bytes = try fs.contents(of: path, limit: InputLimits.releaseFileSize)
                let (node, found) = DocumentLoader.load(bytes, path: path, format: .json, maximumSize: InputLimits.releaseFileSize)
                // A syntax error is reported as the release folder's problem, at its position.
                for d in found where d.severity == .error {
                    problems.append(unreadable(path, d.summary, span: d.range?.span))
                }
                return node
            } catch {
                problems.append(unreadable(path, "\(error)"))
                return nil
            }
        }
        func lines(_ name: String) -> [SnapshotRecord]? {
            let path = prefix + name
            guard fs.kind(of: path) != nil else { return nil }
            guard let bytes = try? fs.contents(of: path, limit: InputLimits.releaseFileSize) else {
                problems.append(unreadable(path, "cannot read it"))
                return nil
            }
            var records: [SnapshotRecord] = []
            var line = 0, offset = 0
            for chunk in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                line += 1
                defer { offset += chunk.count + 1 }
                if chunk.isEmpty { continue }
                let span = SourceSpan(
                    start: SourceLocation(line: line, column: 1, offset: offset),
                    end: SourceLocation(line: line, column: chunk.count + 1, offset: offset + chunk.count))
                let (node, found) = DocumentLoader.load(Array(chunk), path: path, format: .json)
                guard let node else {
                    problems.append(unreadable(path, "line \(line) is not a JSON object: \(found.first?.summary ?? "")", span: span))
                    continue
                }
                let derived = name == "signals.ndjson" ? Snapshot.derivedSignalFields : []
                guard var record = SnapshotRecord(node, idKey: name == "frameworks.ndjson" ? "code" : "id", derived: derived) else {
                    problems.append(unreadable(path, "line \(line) has no identifier", span: span))
                    continue
                }
                record.range = SourceRange(file: path, span: span)
                records.append(record)
            }
            return records
        }

        guard let bundle = load("cse-registry.json", required: true) else { return (nil, nil, problems) }
        let header = bundle["registry"]
        var snapshot = Snapshot(
            label: label, version: header?["version"]?.string, publishedAt: header?["published_at"]?.string, signals: [:], mappings: [:],
            frameworks: [:], contract: nil, hasFullDefinitions: false)
        if full, let full = lines("signals.ndjson") {
            snapshot.hasFullDefinitions = true
            for r in full { snapshot.signals[r.id] = r }
        } else {
            for entry in bundle["signals"]?.array ?? [] {
                if let r = SnapshotRecord(entry, file: prefix + "cse-registry.json", derived: Snapshot.derivedSignalFields) { snapshot.signals[r.id] = r }
            }
        }
        // A bundle entry is positioned in the bundle even when the full definitions come from signals.ndjson:
        // that is where a consumer finds the released ID.
        if snapshot.hasFullDefinitions {
            for entry in bundle["signals"]?.array ?? [] {
                if let id = entry["id"]?.string { snapshot.signals[id]?.range = SourceRange(file: prefix + "cse-registry.json", span: entry.span) }
            }
        }
        let mappingFiles =
            !full ? [] : ((try? fs.entries(of: prefix + "mappings")) ?? []).map(\.name).filter { $0.hasSuffix(".json") && $0 != "index.json" }.sorted()
        for name in mappingFiles {
            guard let doc = load("mappings/" + name, required: false) else { continue }
            for m in doc["mappings"]?.array ?? [] {
                if let r = SnapshotRecord(m, file: prefix + "mappings/" + name, derived: Snapshot.derivedMappingFields) { snapshot.mappings[r.id] = r }
            }
        }
        if full, let frameworks = lines("frameworks.ndjson") {
            for r in frameworks {
                snapshot.frameworks[r.id] = FrameworkSnapshot(code: r.id, fields: r.fields, controls: [:])
            }
        }
        for r in lines("controls.ndjson") ?? [] {
            guard let code = r["framework"] else { continue }
            var fields = r.fields
            fields["framework"] = nil
            if fields.removeValue(forKey: "mapped") == .bool(true) {
                snapshot.frameworks[code, default: FrameworkSnapshot(code: code, fields: [:], controls: [:])].mappedControls.insert(r.id)
            }
            snapshot.frameworks[code, default: FrameworkSnapshot(code: code, fields: [:], controls: [:])].controls[r.id] = SnapshotRecord(
                id: r.id, fields: fields, range: r.range)
        }
        let schemaFiles = !full ? [] : ((try? fs.entries(of: prefix + "schemas")) ?? []).map(\.name).filter { $0.hasSuffix(".json") }.sorted()
        if full, !schemaFiles.isEmpty || fs.kind(of: prefix + "openapi.json") != nil {
            var contract: [String: Set<String>] = [:]
            for name in schemaFiles {
                if let node = load("schemas/" + name, required: false) { contract["schemas/" + name] = ContractFacts.schema(node) }
            }
            if let node = load("openapi.json", required: false) { contract["openapi.json"] = ContractFacts.openAPI(node) }
            snapshot.contract = contract
        }
        if full {
            let changelogs = ((try? fs.entries(of: prefix + "changelog")) ?? []).map(\.name).filter { $0.hasSuffix(".json") }.sorted()
            for name in changelogs {
                guard let version = SemanticVersion(String(name.dropLast(".json".count))), let doc = load("changelog/" + name, required: false) else {
                    continue
                }
                for d in doc["declarations"]?.array ?? [] {
                    guard let signal = d["signal"]?.string, let kind = d["kind"]?.string.flatMap(ReleaseDeclaration.Kind.init), let reason = d["reason"]?.string
                    else { continue }
                    snapshot.publishedDeclarations.append((version, ReleaseDeclaration(signal: signal, kind: kind, reason: reason)))
                }
            }
        }
        var history: ReleaseHistory?
        if let node = load("releases.json", required: false) {
            history = ReleaseHistory(node)
            if history == nil { problems.append(unreadable(prefix + "releases.json", "it does not have the shape of schemas/releases.schema.json")) }
        }
        return (problems.isEmpty ? snapshot : nil, history, problems)
    }

    private static func unreadable(_ path: String, _ why: String, span: SourceSpan? = nil) -> Diagnostic {
        Diagnostic(
            .permanenceReleaseUnreadable, range: span.map { SourceRange(file: path, span: $0) } ?? .file(path),
            summary: "the last release cannot be read: \(why)",
            hint: "restore registry/ from the last release commit (git checkout <tag> -- registry); only `cse release` writes it")
    }

    /// A bare bundle file (`cse-registry.json` alone): its index entries, without prose, mappings or contract.
    public static func readBundle(_ bytes: [UInt8], path: String, label: String) -> (Snapshot?, [Diagnostic]) {
        let (node, found) = DocumentLoader.load(bytes, path: path, format: .json, maximumSize: InputLimits.releaseFileSize)
        guard let node, let entries = node["signals"]?.array else {
            return (nil, found.isEmpty ? [unreadable(path, "it is not a registry bundle (no \"signals\" array)")] : found)
        }
        var signals: [String: SnapshotRecord] = [:]
        for entry in entries {
            if let r = SnapshotRecord(entry, file: path, derived: Snapshot.derivedSignalFields) { signals[r.id] = r }
        }
        let header = node["registry"]
        return (
            Snapshot(
                label: label, version: header?["version"]?.string, publishedAt: header?["published_at"]?.string, signals: signals, mappings: [:],
                frameworks: [:], contract: nil, hasFullDefinitions: false), []
        )
    }
}

/// The normalized `signal.json` a release tag carries beside each `signal.yaml` (docs/releases.md).
public enum GeneratedSignalFiles {
    /// Root-relative path and bytes of each YAML-authored signal's generated definition.
    public static func files(_ registry: Registry) -> [(String, [UInt8])] {
        registry.signals.filter { $0.file.hasSuffix("/signal.yaml") }.map { s in (s.folder.path + "/signal.json", SignalDocuments.full(s)) }
    }
}
