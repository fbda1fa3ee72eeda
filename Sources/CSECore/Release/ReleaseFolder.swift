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
    /// by ID, so that git shows a changed signal as one changed line. The signal and mapping lines are the
    /// bytes of `snapshot` (the release's own snapshot of its sources), written once.
    static func comparisonFiles(context: BuildContext, snapshot: Snapshot) -> [OutputFile] {
        let registry = context.registry
        @Sendable func lines(_ ids: [String], _ records: [String: SnapshotRecord]) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(ids.reduce(0) { $0 + (records[$1]?.bytes?.count ?? 0) + 1 })
            for id in ids {
                out += records[id]?.bytes ?? []
                out.append(UInt8(ascii: "\n"))
            }
            return out
        }
        let signalIDs = registry.signals.map(\.id), mappingIDs = registry.mappings.map(\.id)
        let signals = snapshot.signals, mappings = snapshot.mappings
        return [
            OutputFile(path: "signals.ndjson") { lines(signalIDs, signals) },
            // The comparison form of each mapping (MappingEmitter), by ID.
            OutputFile(path: "mappings.ndjson") { lines(mappingIDs, mappings) },
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
    /// when `full`, else what the permanence rules need (the index entries, the controls, the history).
    ///
    /// The files are independent and read side by side; NDJSON lines are parsed on all cores.
    ///
    /// - Returns: the snapshot and the history, or nil and the diagnostics that say why the folder cannot be
    ///   read (they name files under `prefix`).
    public static func read(_ fs: any FileSystem, prefix: String, label: String, full: Bool = true) -> (Snapshot?, ReleaseHistory?, [Diagnostic]) {
        let reader = Reader(fs: fs, prefix: prefix)
        typealias Part = (apply: @Sendable (inout Snapshot, inout ReleaseHistory?) -> Void, problems: [Diagnostic])
        var jobs: [@Sendable () -> Part] = [
            {
                let (node, problems) = reader.document("releases.json", required: true)
                guard let node else { return ({ _, _ in }, problems) }
                guard let history = ReleaseHistory(node) else {
                    return ({ _, _ in }, [unreadable(prefix + "releases.json", "it does not have the shape of schemas/releases.schema.json")])
                }
                return ({ _, h in h = history }, problems)
            },
            {
                // Index entries, positioned where a consumer finds the released ID (the full definitions of
                // `signals.ndjson` replace them when everything is read).
                guard !full || fs.kind(of: prefix + "signals.ndjson") == nil else { return ({ _, _ in }, []) }
                let (records, problems) = reader.lines("cse-registry.ndjson", derived: Snapshot.derivedSignalFields, required: true)
                return ({ snapshot, _ in for r in records ?? [] where snapshot.signals[r.id] == nil { snapshot.signals[r.id] = r } }, problems)
            },
            {
                let (records, problems) = reader.lines("controls.ndjson", derived: [])
                return (
                    { snapshot, _ in
                        for r in records ?? [] {
                            guard let code = r["framework"] else { continue }
                            var fields = r.fields
                            fields["framework"] = nil
                            let mapped = fields.removeValue(forKey: "mapped") == .bool(true)
                            snapshot.frameworks[code, default: FrameworkSnapshot(code: code, fields: [:], controls: [:])].controls[r.id] = SnapshotRecord(
                                id: r.id, fields: fields, range: r.range)
                            if mapped { snapshot.frameworks[code]!.mappedControls.insert(r.id) }
                        }
                    }, problems
                )
            },
        ]
        if full {
            jobs += [
                {
                    let (records, problems) = reader.lines("signals.ndjson", derived: Snapshot.derivedSignalFields)
                    guard let records else { return ({ _, _ in }, problems) }
                    return (
                        { snapshot, _ in
                            snapshot.hasFullDefinitions = true
                            for r in records { snapshot.signals[r.id] = r }
                        }, problems
                    )
                },
                {
                    let (records, problems) = reader.lines("frameworks.ndjson", idKey: "code", derived: [])
                    return (
                        { snapshot, _ in
                            for r in records ?? [] {
                                snapshot.frameworks[r.id, default: FrameworkSnapshot(code: r.id, fields: [:], controls: [:])].fields = r.fields
                            }
                        }, problems
                    )
                },
                {
                    // The comparison lines when the release has them; the published files otherwise.
                    if fs.kind(of: prefix + "mappings.ndjson") != nil {
                        let (records, problems) = reader.lines("mappings.ndjson", derived: Snapshot.derivedMappingFields)
                        let found = records ?? []
                        return ({ snapshot, _ in for r in found { snapshot.mappings[r.id] = r } }, problems)
                    }
                    let names = reader.names(in: "mappings").filter { $0 != "index.json" }
                    let files = names.concurrentMap(minimumBatch: 1) { name in reader.document("mappings/" + name, required: false) }
                    var records: [SnapshotRecord] = []
                    var problems: [Diagnostic] = []
                    for (name, (doc, found)) in zip(names, files) {
                        problems += found
                        for m in doc?["mappings"]?.array ?? [] {
                            if let r = SnapshotRecord(m, file: prefix + "mappings/" + name, derived: Snapshot.derivedMappingFields) { records.append(r) }
                        }
                    }
                    let found = records
                    return ({ snapshot, _ in for r in found { snapshot.mappings[r.id] = r } }, problems)
                },
                {
                    let names = reader.names(in: "schemas").map { "schemas/" + $0 } + (fs.kind(of: prefix + "openapi.json") != nil ? ["openapi.json"] : [])
                    guard !names.isEmpty else { return ({ _, _ in }, []) }
                    let facts = names.concurrentMap(minimumBatch: 4) { name -> (Set<String>?, [Diagnostic]) in
                        let (node, found) = reader.document(name, required: false)
                        return (node.map { name == "openapi.json" ? ContractFacts.openAPI($0) : ContractFacts.schema($0) }, found)
                    }
                    var contract: [String: Set<String>] = [:]
                    for (name, (f, _)) in zip(names, facts) { contract[name] = f }
                    let published = contract
                    return ({ snapshot, _ in snapshot.contract = published }, facts.flatMap(\.1))
                },
            ]
        }
        var snapshot = Snapshot(label: label, signals: [:], mappings: [:], frameworks: [:], contract: nil, hasFullDefinitions: false)
        var history: ReleaseHistory?
        var problems: [Diagnostic] = []
        // Applied in job order: the index entries before the full definitions that keep their positions.
        for part in runConcurrently(jobs) {
            part.apply(&snapshot, &history)
            problems += part.problems
        }
        snapshot.version = history?.latest?.version
        snapshot.publishedAt = history?.latest?.publishedAt
        for entry in history?.entries ?? [] {
            guard let version = SemanticVersion(entry.version) else { continue }
            for d in entry.declarations { snapshot.publishedDeclarations.append((version, d)) }
        }
        return (problems.isEmpty ? snapshot : nil, history, problems)
    }

    /// Reads the files of one release folder.
    struct Reader: Sendable {
        var fs: any FileSystem
        var prefix: String

        /// The `*.json` files of a folder, sorted.
        func names(in folder: String) -> [String] {
            ((try? fs.entries(of: prefix + folder)) ?? []).map(\.name).filter { $0.hasSuffix(".json") }.sorted()
        }

        func document(_ name: String, required: Bool) -> (Node?, [Diagnostic]) {
            let path = prefix + name
            guard fs.kind(of: path) != nil else {
                return (nil, required ? [unreadable(path, "the release folder has no \(name)")] : [])
            }
            do {
                let bytes = try fs.contents(of: path, limit: InputLimits.releaseFileSize)
                let (node, found) = DocumentLoader.load(bytes, path: path, format: .json, maximumSize: InputLimits.releaseFileSize)
                // A syntax error is reported as the release folder's problem, at its position.
                return (node, found.filter { $0.severity == .error }.map { unreadable(path, $0.summary, span: $0.range?.span) })
            } catch {
                return (nil, [unreadable(path, "\(error)")])
            }
        }

        /// One record per line of an NDJSON file, each positioned at its line; nil when the file is absent.
        func lines(_ name: String, idKey: String = "id", derived: Set<String>, required: Bool = false) -> ([SnapshotRecord]?, [Diagnostic]) {
            let path = prefix + name
            guard fs.kind(of: path) != nil else { return (nil, required ? [unreadable(path, "the release folder has no \(name)")] : []) }
            let bytes: [UInt8]
            do { bytes = try fs.contents(of: path, limit: InputLimits.releaseFileSize) } catch { return (nil, [unreadable(path, "\(error)")]) }
            var chunks: [(line: Int, offset: Int, range: Range<Int>)] = []
            var line = 1, start = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                if i > start { chunks.append((line, start, start..<i)) }
                line += 1
                start = i + 1
            }
            if start < bytes.count { chunks.append((line, start, start..<bytes.count)) }
            let parsed = chunks.concurrentMap(minimumBatch: 256) { chunk -> (SnapshotRecord?, Diagnostic?) in
                let span = SourceSpan(
                    start: SourceLocation(line: chunk.line, column: 1, offset: chunk.offset),
                    end: SourceLocation(line: chunk.line, column: chunk.range.count + 1, offset: chunk.range.upperBound))
                // A line that starts with its ID is kept as bytes and parsed only if a field is asked for.
                if let id = SnapshotRecord.leadingID(bytes[chunk.range], key: idKey) {
                    return (
                        SnapshotRecord(id: id, bytes: Array(bytes[chunk.range]), idKey: idKey, derived: derived, range: SourceRange(file: path, span: span)),
                        nil
                    )
                }
                let (node, found) = DocumentLoader.load(Array(bytes[chunk.range]), path: path, format: .json)
                guard let node else {
                    return (nil, unreadable(path, "line \(chunk.line) is not a JSON object: \(found.first?.summary ?? "")", span: span))
                }
                guard var record = SnapshotRecord(node, idKey: idKey, derived: derived) else {
                    return (nil, unreadable(path, "line \(chunk.line) has no \"\(idKey)\"", span: span))
                }
                record.range = SourceRange(file: path, span: span)
                return (record, nil)
            }
            var records: [SnapshotRecord] = []
            var problems: [Diagnostic] = []
            for (record, problem) in parsed {
                if let record { records.append(record) }
                if let problem { problems.append(problem) }
            }
            return (records, problems)
        }
    }

    static func unreadable(_ path: String, _ why: String, span: SourceSpan? = nil) -> Diagnostic {
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
