import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
///
/// Listing uses `readdir`'s entry types and reading uses `open`/`read` directly: Foundation's `FileManager`
/// stats every entry and copies through `Data`, which costs more than parsing on a 30,000-file registry.
public struct LocalFileSystem: FileSystem {
    public let root: URL
    private let rootPath: String
    private let resolvedRoot: String

    public init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        self.rootPath = self.root.path
        self.resolvedRoot = self.root.resolvingSymlinksInPath().standardizedFileURL.path
    }

    private func absolute(_ path: String) -> String {
        path.isEmpty ? rootPath : rootPath + "/" + path
    }

    public func entries(of directory: String) throws -> [(name: String, kind: FileKind)] {
        let full = absolute(directory)
        guard let dir = opendir(full) else { throw EnvironmentError("cannot list '\(directory.isEmpty ? "." : directory)'") }
        defer { closedir(dir) }
        var out: [(name: String, kind: FileKind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): out.append((name, .directory))
            case Int32(DT_REG): out.append((name, .file))
            default:
                // Links, and file systems that do not report entry types, take the slow path.
                if let k = kind(of: directory.isEmpty ? name : directory + "/" + name) { out.append((name, k)) }
            }
        }
        return out
    }

    public func contents(of file: String) throws -> [UInt8] {
        let path = absolute(file)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw EnvironmentError("cannot read '\(file)'") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw EnvironmentError("cannot read '\(file)'") }
        // Read the size fstat reports into a buffer one byte larger, so that the read that finds the end
        // of the file needs no buffer of its own; a file that grew meanwhile is read on in chunks, one that
        // shrank is trimmed.
        let size = Int(st.st_size)
        var total = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            while total <= size {
                let n = read(fd, buffer.baseAddress! + total, size + 1 - total)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                total += n
            }
            count = total
        }
        if total <= size { return bytes }
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
            while true {
                let n = read(fd, chunk.baseAddress!, chunk.count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw EnvironmentError("cannot read '\(file)'") }
                if n == 0 { break }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<n]))
            }
        }
        return bytes
    }

    public func kind(of path: String) -> FileKind? {
        let full = absolute(path)
        var st = stat()
        guard lstat(full, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK:
            let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
            var target = stat()
            guard stat(full, &target) == 0, resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
                return .symlink(target: nil, targetIsDirectory: false)
            }
            let relative = String(resolved.dropFirst(resolvedRoot.count).drop(while: { $0 == "/" }))
            return .symlink(target: relative, targetIsDirectory: (target.st_mode & S_IFMT) == S_IFDIR)
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
