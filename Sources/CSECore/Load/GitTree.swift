import Foundation

/// A registry as a git revision holds it (`cse diff v1.0.0 HEAD`), read without a checkout: the tree is
/// listed with `git ls-tree` and its blobs read with one `git cat-file --batch`, into memory.
///
/// Only what the loader reads is fetched (``InputDiscoverer/readNames``, the templates, `release.yaml`), and
/// no more than ``InputLimits/gitTreeSize`` bytes in all. Links inside the tree are followed; links that leave
/// it, and submodules, are not.
public struct GitTree: FileSystem {
    private var files: [String: [UInt8]] = [:]
    private var links: [String: String?] = [:]
    private var folders: [String: [DirectoryEntry]] = ["": []]

    /// Reads `revision` of the repository around `directory` (the current folder by default), rooted at the
    /// registry that folder is inside (its path within the repository), or at `path` within the repository
    /// when given (`v1.0.0:registry`).
    public init(revision: String, directory: String, path: String? = nil) throws {
        let git = Git(directory: directory)
        guard (try? git.run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) != nil else {
            throw EnvironmentError("'\(revision)' is not a folder, a file or a git revision here")
        }
        let prefix: String
        if let path {
            prefix = path.isEmpty || path.hasSuffix("/") ? path : path + "/"
        } else {
            prefix = String(decoding: try git.run(["rev-parse", "--show-prefix"]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let listing = try git.run(["ls-tree", "-r", "-z", "-l", "--full-tree", revision, "--", prefix.isEmpty ? "." : prefix])
        var wanted: [(path: String, object: String, isLink: Bool)] = []
        var total = 0
        for record in listing.split(separator: 0) {
            // "<mode> <type> <object> <size>\t<path>"
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let meta = String(decoding: record[..<tab], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
            let full = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard meta.count == 4, meta[1] == "blob", full.hasPrefix(prefix) else { continue }
            let relative = String(full.dropFirst(prefix.count))
            let top = String(relative.prefix { $0 != "/" })
            // A registry root: only what the loader reads. A named folder (a release folder): all of it.
            guard path != nil || InputDiscoverer.readNames.contains(top) || top == "templates" || top == "schemas" || relative == DeclarationsFile.path
            else { continue }
            total += Int(meta[3]) ?? 0
            guard total <= InputLimits.gitTreeSize else {
                throw EnvironmentError("the registry at \(revision) is larger than \(InputLimits.gitTreeSize) bytes; compare release folders instead")
            }
            wanted.append((relative, String(meta[2]), meta[0] == "120000"))
        }
        let blobs = try git.catFile(wanted.map(\.object))
        for (entry, bytes) in zip(wanted, blobs) {
            if entry.isLink {
                links[entry.path] = Self.resolve(link: String(decoding: bytes, as: UTF8.self), at: entry.path)
            } else {
                files[entry.path] = bytes
            }
            add(entry.path, kind: entry.isLink ? nil : .file)
        }
        for (path, target) in links {
            let isFolder = target.map { folders[$0] != nil } ?? false
            replaceKind(path, with: .symlink(target: target, targetIsDirectory: isFolder))
        }
    }

    /// The root-relative path a link at `path` points to, or nil when it leaves the tree.
    static func resolve(link target: String, at path: String) -> String? {
        guard !target.hasPrefix("/") else { return nil }
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    private mutating func add(_ path: String, kind: FileKind?) {
        let parts = path.split(separator: "/").map(String.init)
        var parent = ""
        for (i, name) in parts.enumerated() {
            let here = parent.isEmpty ? name : parent + "/" + name
            let last = i == parts.count - 1
            if last {
                folders[parent, default: []].append(DirectoryEntry(name: name, kind: kind ?? .file))
            } else if folders[here] == nil {
                folders[here] = []
                folders[parent, default: []].append(DirectoryEntry(name: name, kind: .directory))
            }
            parent = here
        }
    }

    private mutating func replaceKind(_ path: String, with kind: FileKind) {
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        let name = String(path.split(separator: "/").last ?? "")
        if let i = folders[parent]?.firstIndex(where: { $0.name == name }) { folders[parent]![i].kind = kind }
    }

    public func entries(of directory: String) throws -> [DirectoryEntry] {
        guard let list = folders[directory] else { throw EnvironmentError("'\(directory)' is not a folder at this revision") }
        return list
    }

    public func contents(of file: String, limit: Int) throws(FileReadError) -> [UInt8] {
        guard FileSystemPaths.isConfined(file) else { throw .outsideRoot }
        if let target = links[file] {
            guard let target, target != file else { throw .outsideRoot }
            return try contents(of: target, limit: limit)
        }
        guard let bytes = files[file] else { throw folders[file] != nil ? .notAFile(what: "a folder") : .missing }
        guard bytes.count <= limit else { throw .tooLarge(size: bytes.count, limit: limit) }
        return bytes
    }

    public func kind(of path: String) -> FileKind? {
        guard FileSystemPaths.isConfined(path) else { return nil }
        if let target = links[path] { return .symlink(target: target, targetIsDirectory: target.map { folders[$0] != nil } ?? false) }
        if files[path] != nil { return .file }
        return folders[path] != nil ? .directory : nil
    }
}

/// Runs git in a folder.
struct Git {
    var directory: String

    /// The output of `git <arguments>`; throws with git's message when it fails.
    func run(_ arguments: [String], input: [UInt8]? = nil) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        do { try process.run() } catch { throw EnvironmentError("cannot run git", reasons: ["\(error)"]) }
        // Input is written on another thread while the output is read here: neither pipe can fill up and stall.
        let writer = Thread {
            if let input { stdin.fileHandleForWriting.write(Data(input)) }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = ErrorCollector(err.fileHandleForReading)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw EnvironmentError("git \(arguments.first ?? "") failed", reasons: [errors.text.trimmingCharacters(in: .whitespacesAndNewlines)])
        }
        return [UInt8](data)
    }

    /// The contents of each object, in order (`git cat-file --batch`).
    func catFile(_ objects: [String]) throws -> [[UInt8]] {
        guard !objects.isEmpty else { return [] }
        let output = try run(["cat-file", "--batch"], input: Array((objects.joined(separator: "\n") + "\n").utf8))
        var blobs: [[UInt8]] = []
        blobs.reserveCapacity(objects.count)
        var i = 0
        while blobs.count < objects.count {
            // "<object> blob <size>\n<contents>\n"
            guard let newline = output[i...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: output[i..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= output.count else {
                throw EnvironmentError("unexpected output from git cat-file", reasons: [String(decoding: output[i..<newline], as: UTF8.self)])
            }
            blobs.append(Array(output[(newline + 1)..<(newline + 1 + size)]))
            i = newline + 1 + size + 1
        }
        guard blobs.count == objects.count else { throw EnvironmentError("git cat-file returned \(blobs.count) of \(objects.count) objects") }
        return blobs
    }
}

/// Reads a pipe to its end on another thread (git's error output, read while its output is).
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    var text: String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
