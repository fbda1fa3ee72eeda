public import CSEDiagnostics

/// One file the build will write: its bytes, or the function that makes them when it is written.
///
/// The API's documents and the site's pages (tens of thousands of each) are deferred: `cse build` renders
/// each as it writes it (and hashes it there), so they are never all in memory at once. Everything else
/// that reads a plan sees ``bytes`` either way (a deferred file renders on each read;
/// ``OutputPlan/materialize()`` renders them all once).
public struct OutputFile: Sendable, Hashable {
    /// Path relative to the output folder, `/`-separated.
    public var path: String
    private var content: Content
    /// Set on each page of a paginated API list: the whole list's items, which a server pages as its
    /// clients ask (`cse serve`). Shared by the pages, not copied.
    public internal(set) var list: APIList?

    private enum Content: Sendable {
        case bytes([UInt8])
        case deferred(@Sendable () throws(RenderFailure) -> [UInt8])
    }

    /// A deferred file that cannot be rendered (a site page past the size limit): the diagnostic that
    /// stops the build. ``OutputWriter`` reports every such file of a plan, in plan order.
    public struct RenderFailure: Error, Sendable {
        public var diagnostic: Diagnostic

        public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.content = .bytes(bytes)
    }

    /// A file whose bytes `render` makes when they are needed; `render` must give the same bytes every time
    /// (and fail every time, if it fails).
    public init(path: String, render: @escaping @Sendable () throws(RenderFailure) -> [UInt8]) {
        self.path = path
        self.content = .deferred(render)
    }

    /// The file's bytes; empty for a deferred file that cannot be rendered (``render()`` says why).
    public var bytes: [UInt8] { (try? render()) ?? [] }

    /// The file's bytes, or why a deferred file cannot be rendered.
    public func render() throws(RenderFailure) -> [UInt8] {
        switch content {
        case .bytes(let bytes): bytes
        case .deferred(let render): try render()
        }
    }

    public var isDeferred: Bool {
        if case .deferred = content { true } else { false }
    }

    /// The same file with its bytes made.
    public func materialized() -> OutputFile {
        guard isDeferred else { return self }
        var file = OutputFile(path: path, bytes: bytes)
        file.list = list
        return file
    }

    public static func == (a: OutputFile, b: OutputFile) -> Bool { a.path == b.path && a.bytes == b.bytes }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(bytes)
    }

    public init(path: String, json: JSONValue, style: JSONWriter.Style = .pretty) {
        self.init(path: path, bytes: JSONWriter(style: style).bytes(json))
    }

    /// A JSON file whose document `make` builds when the file is written.
    public init(path: String, deferredJSON make: @escaping @Sendable () -> JSONValue) {
        self.init(path: path, render: { JSONWriter(style: .pretty).bytes(make()) })
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

    /// Renders every deferred file, on all cores, so that reading ``OutputFile/bytes`` costs nothing more.
    public mutating func materialize() {
        guard files.contains(where: \.isDeferred) else { return }
        files = files.concurrentMap(minimumBatch: 64) { $0.materialized() }
    }

    /// Files sorted by path (byte order), the order in which checksums and manifests list them.
    public var sortedFiles: [OutputFile] { sortedIndices().map { files[$0] } }

    /// The positions of ``files`` in path order (byte order).
    public func sortedIndices() -> [Int] {
        // Indices are sorted, not the files: moving 60,000 files through a sort costs more than comparing.
        var keys = ByteKeys(capacity: files.count)
        for file in files { keys.append(file.path) }
        return keys.sortedPositions()
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    /// The longest path component most file systems accept (ext4, APFS, NTFS: 255 bytes).
    public static let maximumComponentBytes = 255

    /// Diagnoses unsafe, over-long and colliding paths.
    ///
    /// Walks the files in plan order (itself deterministic); each file whose path collides with an earlier
    /// one's (in plan order) gets a diagnostic naming the two paths in byte order, and the diagnostics come
    /// out sorted, so the report does not depend on which was added first.
    public func checkPaths() -> [Diagnostic] {
        var keyed: [(path: String, diagnostic: Diagnostic)] = []
        // The case-folded paths, sorted by key and then plan position: colliding paths are then
        // neighbours, the first of each run the earliest added (no hashing of 60,000 strings).
        var keys = ByteKeys(capacity: files.count)
        var owners: [Int] = []  // the file of each key
        owners.reserveCapacity(files.count)
        for i in files.indices {
            let path = files[i].path
            let shape = Self.shape(of: path)
            guard shape.safe else {
                keyed.append(
                    (
                        path,
                        Diagnostic(
                            .emitUnsafePath, range: nil, summary: "output path '\(path)' is not a plain relative path",
                            hint: "an ID produced a path component such as '..', an absolute path or a control character; rename it")
                    ))
                continue
            }
            if shape.longestComponent > Self.maximumComponentBytes {
                keyed.append(
                    (
                        path,
                        Diagnostic(
                            .emitPathTooLong, range: nil,
                            summary: "output path '\(path.prefix(120))…' has a component longer than \(Self.maximumComponentBytes) bytes",
                            hint: "an ID is too long to be a file name once path-encoded; shorten it")
                    ))
            }
            keys.appendCaseFolded(path)
            owners.append(i)
        }
        let order = keys.sortedPositions()
        var first = 0  // position in `order` of the current run's first key
        for k in order.indices.dropFirst() {
            guard keys.equal(order[first], order[k]) else {
                first = k
                continue
            }
            let earlier = files[owners[order[first]]].path, later = files[owners[order[k]]].path
            let (a, b) = earlier.utf8Precedes(later) ? (earlier, later) : (later, earlier)
            keyed.append(
                (
                    b,
                    Diagnostic(
                        .emitPathCollision, range: nil,
                        summary: a == b ? "two outputs would be written to '\(a)'" : "outputs '\(a)' and '\(b)' differ only in letter case",
                        hint: "on a case-insensitive file system one would overwrite the other; make the IDs differ by more than case")
                ))
        }
        // In the order of the path concerned (the later of a colliding pair), then by message.
        return keyed.sorted {
            $0.path == $1.path ? $0.diagnostic.summary.utf8Precedes($1.diagnostic.summary) : $0.path.utf8Precedes($1.path)
        }.map(\.diagnostic)
    }

    /// A relative path of plain components: no empty, `.` or `..` component, no leading `/`, no NUL or
    /// control characters, no backslash.
    static func isSafe(_ path: String) -> Bool { shape(of: path).safe }

    /// Whether a path is safe (see ``isSafe(_:)``) and the byte length of its longest component, in one pass
    /// over its bytes: this runs for each of 60,000 paths at 10k signals.
    static func shape(of path: String) -> (safe: Bool, longestComponent: Int) {
        var dots = 0, length = 0, longest = 0
        for b in path.utf8 {
            if b == UInt8(ascii: "/") {
                if length == 0 || dots == length && dots <= 2 { return (false, longest) }
                dots = 0
                length = 0
                continue
            }
            if b < 0x20 || b == 0x7F || b == UInt8(ascii: "\\") { return (false, longest) }
            // Counts leading dots only: once a component has another byte, `dots` stays below `length`.
            if dots == length, b == UInt8(ascii: ".") { dots += 1 }
            length += 1
            longest = max(longest, length)
        }
        return (length > 0 && !(dots == length && dots <= 2), longest)
    }
}

/// Byte strings in one buffer, for sorting many paths: each comparison is one `memcmp`
/// (``Platform/compareBytes(_:_:count:)``), without touching the strings (a third of the time of comparing
/// the strings themselves at 50,000 paths).
struct ByteKeys {
    private var bytes: [UInt8] = []
    private var spans: [(start: Int, count: Int)] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity * 64)
        spans.reserveCapacity(capacity)
    }

    mutating func append(_ key: String) {
        let start = bytes.count
        bytes.append(contentsOf: key.utf8)
        spans.append((start, bytes.count - start))
    }

    /// Appends the key two paths collide on when a file system ignores letter case: ASCII paths fold
    /// bytewise (in place, after a bulk copy), others through Unicode lower-casing.
    mutating func appendCaseFolded(_ path: String) {
        let start = bytes.count
        bytes.append(contentsOf: path.utf8)
        let ascii = bytes.withUnsafeMutableBufferPointer { buffer in
            for i in start..<buffer.count {
                let b = buffer[i]
                if b >= 0x80 { return false }
                if b >= 0x41 && b <= 0x5A { buffer[i] = b | 0x20 }
            }
            return true
        }
        if !ascii {
            bytes.removeSubrange(start...)
            bytes.append(contentsOf: path.lowercased().utf8)
        }
        spans.append((start, bytes.count - start))
    }

    /// The positions of the keys in byte order, equal keys in the order they were appended.
    func sortedPositions() -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            spans.withUnsafeBufferPointer { spans in
                guard let base = buffer.baseAddress else { return Array(spans.indices) }
                return spans.indices.sorted { a, b in
                    let x = spans[a], y = spans[b]
                    let r = Platform.compareBytes(base + x.start, base + y.start, count: min(x.count, y.count))
                    return r != 0 ? r < 0 : x.count != y.count ? x.count < y.count : a < b
                }
            }
        }
    }

    func equal(_ a: Int, _ b: Int) -> Bool {
        let x = spans[a], y = spans[b]
        return x.count == y.count && bytes[x.start..<(x.start + x.count)].elementsEqual(bytes[y.start..<(y.start + y.count)])
    }
}
