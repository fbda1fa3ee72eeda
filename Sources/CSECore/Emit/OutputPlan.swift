public import CSEDiagnostics

/// One file the build will write.
public struct OutputFile: Sendable, Hashable {
    /// Path relative to the output folder, `/`-separated.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, json: JSONValue, style: JSONWriter.Style = .pretty) {
        self.init(path: path, bytes: JSONWriter(style: style).bytes(json))
    }
}

/// Every file of a build, computed in memory before anything touches the disk.
///
/// Paths are checked before writing: no path may leave the output folder, and no two files may land on
/// the same path, including paths that differ only in letter case (which collide on macOS and Windows).
public struct OutputPlan: Sendable {
    public private(set) var files: [OutputFile] = []

    public init() {}

    public mutating func add(_ file: OutputFile) { files.append(file) }
    public mutating func add(contentsOf other: [OutputFile]) { files.append(contentsOf: other) }

    /// Files sorted by path (byte order), the order in which checksums and manifests list them.
    public var sortedFiles: [OutputFile] {
        // Indices are sorted, not the files: moving 60,000 files through a sort costs more than comparing.
        let paths = files.map(\.path)
        return paths.indices.sorted { paths[$0].utf8Precedes(paths[$1]) }.map { files[$0] }
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    /// Diagnoses unsafe and colliding paths.
    ///
    /// Walks the files in plan order (itself deterministic); each collision names its two paths in byte
    /// order, and the diagnostics come out sorted, so the report does not depend on which was added first.
    public func checkPaths() -> [Diagnostic] {
        var unsafe: [String] = []
        var collisions: [(String, String)] = []
        var seen: [String: String] = [:]
        seen.reserveCapacity(files.count)
        for file in files {
            if !Self.isSafe(file.path) {
                unsafe.append(file.path)
                continue
            }
            let folded = Self.caseFolded(file.path)
            if let first = seen[folded] {
                collisions.append(first.utf8Precedes(file.path) ? (first, file.path) : (file.path, first))
            } else {
                seen[folded] = file.path
            }
        }
        let unsafeDiagnostics = unsafe.map { path in
            (path, Diagnostic(
                id: "emit.unsafe-path", range: nil, summary: "output path '\(path)' is not a plain relative path",
                hint: "an ID produced a path component such as '..', an absolute path or a control character; rename it"))
        }
        let collisionDiagnostics = collisions.map { pair in
            (pair.1, Diagnostic(
                id: "emit.path-collision", range: nil,
                summary: pair.0 == pair.1
                    ? "two outputs would be written to '\(pair.0)'"
                    : "outputs '\(pair.0)' and '\(pair.1)' differ only in letter case",
                hint: "on a case-insensitive file system one would overwrite the other; make the IDs differ by more than case"))
        }
        // In the order of the path concerned (the later of a colliding pair), then by message.
        let keyed: [(String, Diagnostic)] = unsafeDiagnostics + collisionDiagnostics
        return keyed.sorted { $0.0 == $1.0 ? $0.1.summary.utf8Precedes($1.1.summary) : $0.0.utf8Precedes($1.0) }.map(\.1)
    }

    /// A relative path of plain components: no empty, `.` or `..` component, no leading `/`, no NUL or
    /// control characters, no backslash.
    static func isSafe(_ path: String) -> Bool {
        // One pass over the bytes: this runs for each of 60,000 paths at 10k signals.
        var componentStart = true, dots = 0, length = 0
        for b in path.utf8 {
            if b == UInt8(ascii: "/") {
                if length == 0 || dots == length && dots <= 2 { return false }
                componentStart = true
                dots = 0
                length = 0
                continue
            }
            if b < 0x20 || b == 0x7F || b == UInt8(ascii: "\\") { return false }
            if componentStart || dots == length, b == UInt8(ascii: ".") { dots += 1 }
            componentStart = false
            length += 1
        }
        return length > 0 && !(dots == length && dots <= 2)
    }

    /// The key two paths collide on when a file system ignores letter case: ASCII paths fold bytewise,
    /// others through Unicode lower-casing.
    static func caseFolded(_ path: String) -> String {
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else { return path.lowercased() }
        guard path.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return path }
        return String(decoding: path.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
