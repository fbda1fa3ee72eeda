public import CSEDiagnostics

/// Walks a registry root and classifies its files by the layout rules, in sorted order (signal folders are
/// listed on all cores and merged in that order).
///
/// Layout problems (names that are not plain identifiers, symbolic links that leave the tree, stray files,
/// signal folders without a definition) are diagnostics; only an unreadable root throws.
public struct InputDiscoverer: Sendable {
    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem) { self.fileSystem = fileSystem }

    public struct Result: Sendable {
        public var files: [InputFile] = []
        public var diagnostics: [Diagnostic] = []
        /// Signal folders found, whether or not they hold a definition file.
        public var signalFolders: [SignalFolder] = []
    }

    /// The names at the root that the loader reads (`schemas/` too, in a registry with mapping datasets).
    static let readNames: Set<String> = ["cse.yaml", "frameworks", "signals", "mappings", "crosswalks", "artifact-types", "tools", "registry"]

    /// A folder or file name that is safe to use as a path component and an identifier.
    static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != "..", name.utf8.count <= 128 else { return false }
        return name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
                || b == 0x2E
        } && name.first != "."
    }

    public func discover() throws -> Result {
        var result = Result()
        guard case .directory = fileSystem.kind(of: "") ?? .file else {
            throw EnvironmentError("the registry root is not a readable directory")
        }
        let top = try sortedEntries("", into: &result)
        // A registry that ships mapping datasets (the upstream layout) also ships the schemas they claim.
        let hasDatasets = top.contains { $0.name == "mappings" }
        for (name, listed) in top {
            // Entries the layout reads must be what they seem: a linked folder or a pipe is diagnosed, not
            // skipped in silence (the signals under a linked `signals/` would vanish from the release).
            guard Self.readNames.contains(name) || (name == "schemas" && hasDatasets) else { continue }
            guard let kind = effectiveKind(name, listed, into: &result) else { continue }
            switch (name, kind) {
            case ("cse.yaml", .file): result.files.append(InputFile(path: name, kind: .config))
            case ("frameworks", .directory): try discoverFrameworks(into: &result)
            case ("signals", .directory): try discoverSignals(into: &result)
            case ("mappings", .directory): try discoverMappingDatasets("mappings", into: &result)
            case ("crosswalks", .directory): try discoverCrosswalks(into: &result)
            case ("artifact-types", .directory): try discoverYAMLFolder("artifact-types", kind: .artifactType, into: &result)
            case ("tools", .directory): try discoverYAMLFolder("tools", kind: .securityTool, into: &result)
            // This registry's own release folder (it has `releases.json`) is read by the permanence rules
            // (``PermanenceRules``); an upstream-style `registry/` of release indexes is checked here.
            case ("registry", .directory) where fileSystem.kind(of: ReleaseFolder.historyFile) == .file: break
            case ("registry", .directory): try discoverReleaseFiles("registry", into: &result)
            case ("schemas", .directory) where hasDatasets:
                for (file, fkind) in try sortedEntries("schemas", into: &result) where fkind == .file && file.hasSuffix(".json") {
                    result.files.append(InputFile(path: "schemas/" + file, kind: .publishedSchema))
                }
            default: break
            }
        }
        return result
    }

    /// A folder's entries in byte order. Names that are not valid UTF-8 cannot be named in a path: each is a
    /// `layout.invalid-name` error here and is left out, so that no later step tries to open it.
    private func sortedEntries(_ dir: String, into result: inout Result) throws -> [(name: String, kind: FileKind)] {
        var out: [(name: String, kind: FileKind)] = []
        for entry in try fileSystem.entries(of: dir) {
            if entry.isDecodable {
                out.append((entry.name, entry.kind))
            } else {
                result.diagnostics.append(LayoutDiagnostics.undecodableName(join(dir, entry.name), name: entry.name))
            }
        }
        return out.sorted { $0.name.utf8Precedes($1.name) }
    }

    private func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "/" + b }

    /// Resolves an entry to a plain file or directory kind, diagnosing links that leave the tree.
    private func effectiveKind(_ path: String, _ kind: FileKind, into result: inout Result) -> FileKind? {
        if case .special(let what) = kind {
            result.diagnostics.append(InputDiagnostics.unreadable(path, FileReadError.notAFile(what: what)))
            return nil
        }
        guard case .symlink(let target, let isDir) = kind else { return kind }
        guard target != nil else {
            result.diagnostics.append(LayoutDiagnostics.symlinkEscape(path))
            return nil
        }
        if isDir {
            result.diagnostics.append(LayoutDiagnostics.symlinkDirectory(path))
            return nil
        }
        return .file
    }

    /// Names in one folder that differ only in letter case name the same published files on
    /// case-insensitive file systems: each after the first is a `layout.case-collision` error.
    private func checkCaseCollisions(_ entries: [(name: String, kind: FileKind)], in dir: String, into result: inout Result) {
        var seen: [String: String] = [:]
        for (name, _) in entries {
            let key = name.lowercased()
            if let first = seen[key] {
                result.diagnostics.append(LayoutDiagnostics.caseCollision(join(dir, name), other: join(dir, first)))
            } else {
                seen[key] = name
            }
        }
    }

    private func discoverFrameworks(into result: inout Result) throws {
        let listed = try sortedEntries("frameworks", into: &result)
        checkCaseCollisions(listed, in: "frameworks", into: &result)
        for (code, kind) in listed {
            let dir = join("frameworks", code)
            guard let kind = effectiveKind(dir, kind, into: &result) else { continue }
            guard kind == .directory else {
                if !code.hasPrefix(".") && code != "README.md" { result.diagnostics.append(LayoutDiagnostics.strayFile(dir)) }
                continue
            }
            guard Self.isPlainName(code) else {
                result.diagnostics.append(LayoutDiagnostics.invalidName(dir, name: code))
                continue
            }
            for (file, fkind) in try sortedEntries(dir, into: &result) {
                let path = join(dir, file)
                guard effectiveKind(path, fkind, into: &result) == .file else { continue }
                switch file {
                case "framework.yaml", "framework.json": result.files.append(InputFile(path: path, kind: .framework(code: code)))
                case "controls.yaml", "controls.json": result.files.append(InputFile(path: path, kind: .controls(code: code)))
                case "README.md": break
                default: result.diagnostics.append(LayoutDiagnostics.unexpectedFile(path, expected: "framework.yaml, controls.yaml, README.md"))
                }
            }
        }
    }

    private func discoverSignals(into result: inout Result) throws {
        var folders: [SignalFolder] = []
        let domains = try sortedEntries("signals", into: &result)
        checkCaseCollisions(domains, in: "signals", into: &result)
        for (domain, dkind) in domains {
            let dpath = join("signals", domain)
            guard let dkind = effectiveKind(dpath, dkind, into: &result) else { continue }
            guard dkind == .directory else {
                if domain != "README.md" && !domain.hasPrefix(".") { result.diagnostics.append(LayoutDiagnostics.strayFile(dpath)) }
                continue
            }
            guard Self.isPlainName(domain) else {
                result.diagnostics.append(LayoutDiagnostics.invalidName(dpath, name: domain))
                continue
            }
            let categories = try sortedEntries(dpath, into: &result)
            checkCaseCollisions(categories, in: dpath, into: &result)
            for (category, ckind) in categories {
                let cpath = join(dpath, category)
                guard let ckind = effectiveKind(cpath, ckind, into: &result) else { continue }
                guard ckind == .directory else {
                    if !category.hasPrefix(".") { result.diagnostics.append(LayoutDiagnostics.strayFile(cpath)) }
                    continue
                }
                if !Self.isPlainName(category) {
                    result.diagnostics.append(LayoutDiagnostics.invalidName(cpath, name: category))
                    if category == "." || category == ".." { continue }
                }
                let ids = try sortedEntries(cpath, into: &result)
                checkCaseCollisions(ids, in: cpath, into: &result)
                for (id, ikind) in ids {
                    let ipath = join(cpath, id)
                    guard let ikind = effectiveKind(ipath, ikind, into: &result) else { continue }
                    guard ikind == .directory else {
                        if !id.hasPrefix(".") { result.diagnostics.append(LayoutDiagnostics.strayFile(ipath)) }
                        continue
                    }
                    if !Self.isPlainName(id) {
                        result.diagnostics.append(LayoutDiagnostics.invalidName(ipath, name: id))
                        if id == "." || id == ".." { continue }
                    }
                    folders.append(SignalFolder(domain: domain, category: category, id: id))
                }
            }
        }
        // Reading each signal folder is one directory listing per signal: on all cores, merged in order.
        let listed: [Swift.Result<Result, any Error>] = folders.concurrentMap(minimumBatch: 64) { folder in
            Swift.Result {
                var one = Result()
                try self.discoverSignalFolder(folder, into: &one)
                return one
            }
        }
        for item in listed {
            let one = try item.get()
            result.files += one.files
            result.diagnostics += one.diagnostics
            result.signalFolders += one.signalFolders
        }
    }

    private func discoverSignalFolder(_ folder: SignalFolder, into result: inout Result) throws {
        result.signalFolders.append(folder)
        var definitions: [String] = []
        var mappings: [String] = []
        for (file, kind) in try sortedEntries(folder.path, into: &result) {
            let path = join(folder.path, file)
            guard effectiveKind(path, kind, into: &result) == .file else {
                if case .directory = kind { result.diagnostics.append(LayoutDiagnostics.unexpectedFile(path, expected: Self.signalFiles)) }
                continue
            }
            switch file {
            case "signal.yaml", "signal.json":
                definitions.append(path)
                result.files.append(InputFile(path: path, kind: .signal(folder)))
            case "mappings.yaml", "mappings.json":
                mappings.append(path)
                result.files.append(InputFile(path: path, kind: .signalMappings(folder)))
            case "README.md": result.files.append(InputFile(path: path, kind: .signalReadme(folder)))
            default:
                if !file.hasPrefix(".") { result.diagnostics.append(LayoutDiagnostics.unexpectedFile(path, expected: Self.signalFiles)) }
            }
        }
        if definitions.count == 2, let json = result.files.lastIndex(where: { $0.path == folder.path + "/signal.json" }) {
            // Both: the JSON is the generated form a release tag carries (ReleaseRules checks it).
            result.files[json].kind = .generatedSignal(folder)
        } else if definitions.isEmpty {
            result.diagnostics.append(LayoutDiagnostics.missingDefinition(folder.path))
        } else if definitions.count > 1 {
            result.diagnostics.append(LayoutDiagnostics.twoDefinitions(definitions[1], first: definitions[0]))
        }
        if mappings.count > 1 {
            result.diagnostics.append(LayoutDiagnostics.twoDefinitions(mappings[1], first: mappings[0]))
        }
    }

    static let signalFiles = "signal.yaml or signal.json, mappings.yaml, README.md"

    /// Deepest folder nesting below `mappings/` or `registry/` that is walked; deeper folders are a
    /// `layout.too-deep` error (a path past the system's length limit could not even be listed).
    static let maximumFolderDepth = 16

    private func discoverMappingDatasets(_ dir: String, depth: Int = 1, into result: inout Result) throws {
        for (name, kind) in try sortedEntries(dir, into: &result) {
            let path = join(dir, name)
            switch effectiveKind(path, kind, into: &result) {
            case .directory? where depth >= Self.maximumFolderDepth: result.diagnostics.append(LayoutDiagnostics.tooDeep(path))
            case .directory?: try discoverMappingDatasets(path, depth: depth + 1, into: &result)
            case .file? where name.hasSuffix(".json"): result.files.append(InputFile(path: path, kind: .mappingDataset))
            default: break
            }
        }
    }

    private func discoverReleaseFiles(_ dir: String, depth: Int = 1, into result: inout Result) throws {
        for (name, kind) in try sortedEntries(dir, into: &result) {
            let path = join(dir, name)
            switch effectiveKind(path, kind, into: &result) {
            case .directory? where depth >= Self.maximumFolderDepth: result.diagnostics.append(LayoutDiagnostics.tooDeep(path))
            case .directory?: try discoverReleaseFiles(path, depth: depth + 1, into: &result)
            case .file? where name.hasSuffix(".json") || name == "SHA256SUMS":
                result.files.append(InputFile(path: path, kind: .releaseFile))
            default: break
            }
        }
    }

    /// A flat folder of `*.yaml` data files (artifact types, tools); a README is allowed.
    private func discoverYAMLFolder(_ dir: String, kind: InputKind, into result: inout Result) throws {
        for (name, fkind) in try sortedEntries(dir, into: &result) {
            let path = join(dir, name)
            guard effectiveKind(path, fkind, into: &result) == .file else { continue }
            if name.hasSuffix(".yaml") {
                result.files.append(InputFile(path: path, kind: kind))
            } else if name != "README.md" && !name.hasPrefix(".") {
                result.diagnostics.append(LayoutDiagnostics.unexpectedFile(path, expected: "*.yaml files, README.md"))
            }
        }
    }

    private func discoverCrosswalks(into result: inout Result) throws {
        for (name, kind) in try sortedEntries("crosswalks", into: &result) {
            let path = join("crosswalks", name)
            guard effectiveKind(path, kind, into: &result) == .file else { continue }
            if name.hasSuffix(".yaml") || name.hasSuffix(".json") {
                result.files.append(InputFile(path: path, kind: .crosswalk))
            } else if name != "README.md" {
                result.diagnostics.append(LayoutDiagnostics.unexpectedFile(path, expected: "*.yaml crosswalk files"))
            }
        }
    }
}
