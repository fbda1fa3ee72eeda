import CSECore
import CSEDiagnostics
import Foundation

/// The registry a command works on, found from the paths the user named, and how to show its paths.
struct RegistryTarget {
    /// The registry root on disk.
    var root: String
    /// The root as the user should see it, prefixed to every reported path ("" for the current folder).
    var displayPrefix: String
    /// Root-relative paths to report on; nil means the whole registry.
    var filter: [String]?

    init(paths: [String]) throws {
        let fm = FileManager.default
        var roots: Set<String> = []
        var relative: [String] = []
        var wholeTree = false
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw EnvironmentError("'\(path)' does not exist")
            }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let start = isDir.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
            guard let root = Self.findRoot(from: start) else {
                throw EnvironmentError(
                    "'\(path)' is not inside a registry",
                    reasons: ["no folder above it holds cse.yaml, signals/ or frameworks/"])
            }
            roots.insert(root)
            if absolute == root { wholeTree = true } else { relative.append(String(absolute.dropFirst(root.count + 1))) }
        }
        guard roots.count == 1, let root = roots.first else {
            throw EnvironmentError("the paths belong to different registries", reasons: roots.sorted())
        }
        self.root = root
        self.filter = wholeTree ? nil : relative
        // Show paths the way the user wrote them: absolute when they named the registry absolutely,
        // otherwise relative to the current folder.
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL.path
        if paths.allSatisfy({ $0.hasPrefix("/") }) {
            displayPrefix = root + "/"
        } else if root == cwd {
            displayPrefix = ""
        } else if root.hasPrefix(cwd + "/") {
            displayPrefix = String(root.dropFirst(cwd.count + 1)) + "/"
        } else {
            displayPrefix = Self.relativePath(from: cwd, to: root) + "/"
        }
    }

    static func findRoot(from start: String) -> String? {
        let fm = FileManager.default
        var dir = start
        while true {
            for marker in ["cse.yaml", "signals", "frameworks"] where fm.fileExists(atPath: dir + "/" + marker) {
                return dir
            }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    static func relativePath(from base: String, to target: String) -> String {
        let b = base.split(separator: "/"), t = target.split(separator: "/")
        var common = 0
        while common < b.count, common < t.count, b[common] == t[common] { common += 1 }
        let ups = Array(repeating: "..", count: b.count - common)
        return (ups + t[common...].map(String.init)).joined(separator: "/")
    }

    func includes(_ d: Diagnostic) -> Bool {
        guard let filter else { return true }
        guard let file = d.range?.file else { return true }
        return filter.contains { file == $0 || file.hasPrefix($0 + "/") }
    }

    func fileCount(_ result: LoadResult) -> Int {
        guard let filter else { return result.fileCount }
        return result.documents.filter { doc in filter.contains { doc.path == $0 || doc.path.hasPrefix($0 + "/") } }.count
    }

    func displaying(_ d: Diagnostic) -> Diagnostic {
        guard !displayPrefix.isEmpty else { return d }
        var d = d
        if let file = d.range?.file { d.range?.file = displayPrefix + file }
        d.notes = d.notes.map { n in
            var n = n
            if let file = n.range?.file { n.range?.file = displayPrefix + file }
            return n
        }
        return d
    }

    func displaySources(_ sources: @escaping SourceProvider) -> SourceProvider {
        let prefix = displayPrefix
        return { path in sources(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path) }
    }
}
