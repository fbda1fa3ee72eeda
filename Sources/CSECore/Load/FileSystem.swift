import Foundation

/// What a directory entry is.
public enum FileKind: Sendable, Hashable {
    case file
    case directory
    /// A symbolic link; `target` is its resolved path relative to the file system's root, or nil when it
    /// points outside the root (or nowhere).
    case symlink(target: String?, targetIsDirectory: Bool)
}

/// The file system the loader reads: the real disk or an in-memory tree for tests.
///
/// Paths are relative to the file system's root and use `/`; the root itself is `""`.
public protocol FileSystem: Sendable {
    /// Names and kinds of the entries of a directory, in any order.
    func entries(of directory: String) throws -> [(name: String, kind: FileKind)]
    func contents(of file: String) throws -> [UInt8]
    func kind(of path: String) -> FileKind?
}

/// An error reading the inputs that is not a problem in them (an unreadable root, a permission error).
public struct EnvironmentError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var reasons: [String]
    public init(_ message: String, reasons: [String] = []) {
        self.message = message
        self.reasons = reasons
    }
    public var description: String { ([message] + reasons.map { "Reason: \($0)" }).joined(separator: "\n") }
}

/// A file system rooted at a directory on disk.
public struct LocalFileSystem: FileSystem {
    public let root: URL

    public init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
    }

    private func url(_ path: String) -> URL {
        path.isEmpty ? root : root.appendingPathComponent(path)
    }

    public func entries(of directory: String) throws -> [(name: String, kind: FileKind)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: url(directory).path)
        return names.compactMap { name in
            let rel = directory.isEmpty ? name : directory + "/" + name
            return kind(of: rel).map { (name, $0) }
        }
    }

    public func contents(of file: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url(file).path) else {
            throw EnvironmentError("cannot read '\(file)'")
        }
        return [UInt8](data)
    }

    public func kind(of path: String) -> FileKind? {
        let full = url(path).path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
            let type = attributes[.type] as? FileAttributeType
        else { return nil }
        switch type {
        case .typeDirectory: return .directory
        case .typeSymbolicLink:
            let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
            let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: resolved, isDirectory: &isDir)
            guard exists, resolved == rootPath || resolved.hasPrefix(rootPath + "/") else {
                return .symlink(target: nil, targetIsDirectory: false)
            }
            return .symlink(target: String(resolved.dropFirst(rootPath.count).drop(while: { $0 == "/" })), targetIsDirectory: isDir.boolValue)
        default: return .file
        }
    }
}

/// A file system held in memory, for unit tests and fixtures.
public struct InMemoryFileSystem: FileSystem {
    public var files: [String: [UInt8]]
    /// Symbolic links: path → target path (relative to the root), or nil for a link that leaves the tree.
    public var symlinks: [String: String?]

    public init(files: [String: String] = [:], symlinks: [String: String?] = [:]) {
        self.files = files.mapValues { Array($0.utf8) }
        self.symlinks = symlinks
    }

    public init(bytes: [String: [UInt8]]) {
        self.files = bytes
        self.symlinks = [:]
    }

    private var directories: Set<String> {
        var dirs: Set<String> = [""]
        for path in Array(files.keys) + Array(symlinks.keys) {
            var parts = path.split(separator: "/").map(String.init)
            parts.removeLast()
            var current = ""
            for p in parts {
                current = current.isEmpty ? p : current + "/" + p
                dirs.insert(current)
            }
        }
        return dirs
    }

    public func entries(of directory: String) throws -> [(name: String, kind: FileKind)] {
        let prefix = directory.isEmpty ? "" : directory + "/"
        var seen: [String: FileKind] = [:]
        for path in Array(files.keys) + Array(symlinks.keys) + Array(directories) where path.hasPrefix(prefix) && path != directory {
            let rest = path.dropFirst(prefix.count)
            let name = String(rest.prefix(while: { $0 != "/" }))
            if name.isEmpty { continue }
            if let k = kind(of: prefix + name) { seen[name] = k }
        }
        return seen.map { ($0.key, $0.value) }
    }

    public func contents(of file: String) throws -> [UInt8] {
        if let target = symlinks[file], let t = target { return try contents(of: t) }
        guard let bytes = files[file] else { throw EnvironmentError("cannot read '\(file)'") }
        return bytes
    }

    public func kind(of path: String) -> FileKind? {
        if let target = symlinks[path] {
            return .symlink(target: target, targetIsDirectory: target.map { directories.contains($0) } ?? false)
        }
        if files[path] != nil { return .file }
        if directories.contains(path) { return .directory }
        return nil
    }
}
