import Foundation

/// What a directory entry is.
public enum FileKind: Sendable, Hashable {
    case file
    case directory
    /// A symbolic link; `target` is its resolved path relative to the file system's root, or nil when it
    /// points outside the root (or nowhere).
    case symlink(target: String?, targetIsDirectory: Bool)
    /// A named pipe, socket or device: never read (it could block or never end); `what` names it.
    case special(what: String)
}

/// One entry of a folder listing.
public struct DirectoryEntry: Sendable, Hashable {
    /// The name; bytes that are not UTF-8 are written `\xFF`, so such a name is for messages only.
    public var name: String
    public var kind: FileKind
    /// False when the name on disk is not valid UTF-8: it cannot be named in a path, so it is reported and
    /// never opened.
    public var isDecodable: Bool

    public init(name: String, kind: FileKind, isDecodable: Bool = true) {
        self.name = name
        self.kind = kind
        self.isDecodable = isDecodable
    }
}

/// The file system the loader reads: the real disk or an in-memory tree for tests.
///
/// Paths are relative to the file system's root and use `/`; the root itself is `""`. A path that is
/// absolute or has an empty, `.` or `..` component names nothing (``isConfined(_:)``), so no path can climb
/// out of the root.
public protocol FileSystem: Sendable {
    /// The entries of a directory, in any order.
    func entries(of directory: String) throws -> [DirectoryEntry]
    /// The bytes of a regular file no larger than `limit`.
    func contents(of file: String, limit: Int) throws(FileReadError) -> [UInt8]
    func kind(of path: String) -> FileKind?
}

extension FileSystem {
    /// The bytes of a regular file no larger than the default input limit.
    public func contents(of file: String) throws(FileReadError) -> [UInt8] {
        try contents(of: file, limit: InputLimits.fileSize)
    }
}

/// Checks on root-relative paths.
public enum FileSystemPaths {
    /// Whether a root-relative path stays inside the root by its spelling: not absolute, and no component
    /// empty, `.` or `..`. (Links are the file system's own check.)
    public static func isConfined(_ path: String) -> Bool {
        // One pass over the bytes (every file read goes through here): a component is refused when it is
        // empty, `.` or `..`, which a component's length and first bytes tell.
        var length = 0, dots = 0, empty = path.isEmpty
        for b in path.utf8 {
            if b == UInt8(ascii: "/") {
                if length == 0 || length == dots && dots <= 2 { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if b == UInt8(ascii: ".") { dots += 1 }
            }
            empty = false
        }
        return empty || !(length == 0 || length == dots && dots <= 2)
    }
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
/// Every path is resolved from an open descriptor of the root and, on Linux, by `openat2` with
/// `RESOLVE_BENEATH` (``Platform/openForReading(_:beneath:)``), so neither `..` nor a link can lead a read
/// out of the tree. Listing uses the entry kinds the folder reports and reading uses ``BoundedFile``:
/// Foundation's `FileManager` stats every entry and copies through `Data`, which costs more than parsing on
/// a 30,000-file registry.
public struct LocalFileSystem: FileSystem {
    public let root: URL
    private let rootPath: String
    private let resolvedRoot: String
    private let folder: OpenFolder

    public init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
        self.rootPath = self.root.path
        self.resolvedRoot = self.root.resolvingSymlinksInPath().standardizedFileURL.path
        self.folder = OpenFolder(path: rootPath)
    }

    private func absolute(_ path: String) -> String {
        path.isEmpty ? rootPath : rootPath + "/" + path
    }

    public func entries(of directory: String) throws -> [DirectoryEntry] {
        let shown = directory.isEmpty ? "." : directory
        guard FileSystemPaths.isConfined(directory), let root = folder.descriptor else { throw EnvironmentError("cannot list '\(shown)'") }
        let listing: Platform.FolderListing
        do {
            listing = try Platform.FolderListing(Platform.openFolder(shown, beneath: root))
        } catch {
            throw EnvironmentError("cannot list '\(shown)'", reasons: [error.message])
        }
        defer { listing.close() }
        var out: [DirectoryEntry] = []
        listing.visitEntries { bytes, entryKind in
            let raw = Array(bytes)
            guard let name = String(validating: raw, as: UTF8.self) else {
                out.append(DirectoryEntry(name: Self.escaped(raw), kind: .file, isDecodable: false))
                return
            }
            switch entryKind {
            case .folder: out.append(DirectoryEntry(name: name, kind: .directory))
            case .regular: out.append(DirectoryEntry(name: name, kind: .file))
            default:
                // Links and special files take the slow path, which resolves links and names what the rest is.
                if let k = kind(of: directory.isEmpty ? name : directory + "/" + name) { out.append(DirectoryEntry(name: name, kind: k)) }
            }
        }
        return out
    }

    /// A name with every byte that is not part of valid UTF-8 written `\xFF`.
    static func escaped(_ raw: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < raw.count {
            var j = i + 1
            // The longest prefix from i that decodes is kept; a byte that starts none is escaped.
            var decoded: String?
            while j <= min(raw.count, i + 4) {
                if let s = String(validating: raw[i..<j], as: UTF8.self) { decoded = s; break }
                j += 1
            }
            if let decoded {
                out += decoded
                i = j
            } else {
                out += "\\x" + String(raw[i], radix: 16, uppercase: true).paddedHex
                i += 1
            }
        }
        return out
    }

    public func contents(of file: String, limit: Int) throws(FileReadError) -> [UInt8] {
        guard FileSystemPaths.isConfined(file), !file.isEmpty else { throw .outsideRoot }
        guard let root = folder.descriptor else { throw .unreadable(reason: "the registry root cannot be opened") }
        return try BoundedFile.read(beneath: root, path: file, limit: limit)
    }

    public func kind(of path: String) -> FileKind? {
        guard FileSystemPaths.isConfined(path) else { return nil }
        // Every folder on the way must be a folder, not a link: a linked folder could lead out of the tree.
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            guard Platform.linkStatus(absolute(prefix))?.kind == .folder else { return nil }
        }
        let full = absolute(path)
        guard let status = Platform.linkStatus(full) else { return nil }
        switch status.kind {
        case .folder: return .directory
        case .regular: return .file
        case .symlink:
            let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
            guard let target = Platform.targetStatus(full), resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/") else {
                return .symlink(target: nil, targetIsDirectory: false)
            }
            let relative = String(resolved.dropFirst(resolvedRoot.count).drop(while: { $0 == "/" }))
            return .symlink(target: relative, targetIsDirectory: target.kind == .folder)
        case .fifo, .socket, .device, .other: return .special(what: BoundedFile.describe(status.kind) ?? "a special file")
        }
    }
}

/// A folder held open for the life of a file system, so that every path is resolved from it; nil when it
/// cannot be opened (each read then says so).
private final class OpenFolder: Sendable {
    let descriptor: Platform.Descriptor?

    init(path: String) {
        descriptor = try? Platform.openFolder(path)
    }

    deinit {
        if let descriptor { Platform.close(descriptor) }
    }
}

extension String {
    fileprivate var paddedHex: String { count >= 2 ? self : "0" + self }
}

/// A file system held in memory, for unit tests and fixtures.
public struct InMemoryFileSystem: FileSystem {
    public var files: [String: [UInt8]] { didSet { directories = Self.directories(files, symlinks, specials) } }
    /// Symbolic links: path → target path (relative to the root), or nil for a link that leaves the tree.
    public var symlinks: [String: String?] { didSet { directories = Self.directories(files, symlinks, specials) } }
    /// Named pipes, sockets and devices: path → what it is ("a named pipe").
    public var specials: [String: String] = [:] { didSet { directories = Self.directories(files, symlinks, specials) } }
    /// Every folder the paths above imply, kept as they change: computing it on each lookup made
    /// discovering a tree of thousands of files quadratic.
    private var directories: Set<String> = [""]
    /// Files the system refuses to read, and folders it refuses to list (as permissions would).
    public var unreadable: Set<String> = []
    public var unlistable: Set<String> = []

    public init(files: [String: String] = [:], symlinks: [String: String?] = [:]) {
        self.files = files.mapValues { Array($0.utf8) }
        self.symlinks = symlinks
        directories = Self.directories(self.files, symlinks, specials)
    }

    public init(bytes: [String: [UInt8]]) {
        self.files = bytes
        self.symlinks = [:]
        directories = Self.directories(files, symlinks, specials)
    }

    private static func directories(_ files: [String: [UInt8]], _ symlinks: [String: String?], _ specials: [String: String]) -> Set<String> {
        var dirs: Set<String> = [""]
        for path in Array(files.keys) + Array(symlinks.keys) + Array(specials.keys) {
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

    public func entries(of directory: String) throws -> [DirectoryEntry] {
        guard FileSystemPaths.isConfined(directory), !unlistable.contains(directory) else {
            throw EnvironmentError("cannot list '\(directory)'", reasons: ["Permission denied"])
        }
        let prefix = directory.isEmpty ? "" : directory + "/"
        var seen: [String: FileKind] = [:]
        for path in Array(files.keys) + Array(symlinks.keys) + Array(specials.keys) + Array(directories)
        where path.hasPrefix(prefix) && path != directory {
            let rest = path.dropFirst(prefix.count)
            let name = String(rest.prefix(while: { $0 != "/" }))
            if name.isEmpty { continue }
            if let k = kind(of: prefix + name) { seen[name] = k }
        }
        return seen.map { DirectoryEntry(name: $0.key, kind: $0.value) }
    }

    public func contents(of file: String, limit: Int) throws(FileReadError) -> [UInt8] {
        guard FileSystemPaths.isConfined(file) else { throw .outsideRoot }
        if let target = symlinks[file] {
            guard let t = target else { throw .outsideRoot }
            return try contents(of: t, limit: limit)
        }
        if let what = specials[file] { throw .notAFile(what: what) }
        if unreadable.contains(file) { throw .unreadable(reason: "Permission denied") }
        guard let bytes = files[file] else { throw directories.contains(file) ? .notAFile(what: "a folder") : .missing }
        guard bytes.count <= limit else { throw .tooLarge(size: bytes.count, limit: limit) }
        return bytes
    }

    public func kind(of path: String) -> FileKind? {
        guard FileSystemPaths.isConfined(path) else { return nil }
        if let target = symlinks[path] {
            return .symlink(target: target, targetIsDirectory: target.map { directories.contains($0) } ?? false)
        }
        if let what = specials[path] { return .special(what: what) }
        if files[path] != nil { return .file }
        if directories.contains(path) { return .directory }
        return nil
    }
}
