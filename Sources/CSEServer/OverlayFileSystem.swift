public import CSECore

/// A file system that reads a base one, with some files put over it: how a submitted document is validated
/// in its place in the registry, with every rule `cse validate` runs, without touching the disk.
public struct OverlayFileSystem: FileSystem {
    public var base: any FileSystem
    /// Root-relative path → bytes, each in place of (or beside) the base's file at that path.
    public var files: [String: [UInt8]]

    public init(base: any FileSystem, files: [String: [UInt8]]) {
        self.base = base
        self.files = files
    }

    /// The folders the overlaid files need, each with the names they add to it.
    private var added: [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for path in files.keys {
            var parts = path.split(separator: "/").map(String.init)
            var child = parts.removeLast()
            while true {
                let folder = parts.joined(separator: "/")
                out[folder, default: []].insert(child)
                guard let last = parts.popLast() else { break }
                child = last
            }
        }
        return out
    }

    public func entries(of directory: String) throws -> [DirectoryEntry] {
        let names = added[directory] ?? []
        var entries = ((try? base.entries(of: directory)) ?? []).filter { !names.contains($0.name) }
        if entries.isEmpty, names.isEmpty { return try base.entries(of: directory) }
        for name in names.sorted() {
            let path = directory.isEmpty ? name : directory + "/" + name
            entries.append(DirectoryEntry(name: name, kind: files[path] != nil ? .file : .directory))
        }
        return entries
    }

    public func contents(of file: String, limit: Int) throws(FileReadError) -> [UInt8] {
        guard let bytes = files[file] else { return try base.contents(of: file, limit: limit) }
        guard bytes.count <= limit else { throw .tooLarge(size: bytes.count, limit: limit) }
        return bytes
    }

    public func kind(of path: String) -> FileKind? {
        if files[path] != nil { return .file }
        if added[path] != nil { return .directory }
        return base.kind(of: path)
    }
}
