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
    public var sortedFiles: [OutputFile] { files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) } }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    /// Diagnoses unsafe and colliding paths.
    public func checkPaths() -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: [String: String] = [:]
        for file in sortedFiles {
            if !Self.isSafe(file.path) {
                out.append(
                    Diagnostic(
                        id: "emit.unsafe-path", range: nil, summary: "output path '\(file.path)' is not a plain relative path",
                        hint: "an ID produced a path component such as '..', an absolute path or a control character; rename it"))
                continue
            }
            let folded = file.path.lowercased()
            if let first = seen[folded] {
                out.append(
                    Diagnostic(
                        id: "emit.path-collision", range: nil,
                        summary: first == file.path
                            ? "two outputs would be written to '\(file.path)'"
                            : "outputs '\(first)' and '\(file.path)' differ only in letter case",
                        hint: "on a case-insensitive file system one would overwrite the other; make the IDs differ by more than case"))
            } else {
                seen[folded] = file.path
            }
        }
        return out
    }

    /// A relative path of plain components: no empty, `.` or `..` component, no leading `/`, no NUL or
    /// control characters, no backslash.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty || component == "." || component == ".." { return false }
            if component.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) { return false }
        }
        return true
    }
}
