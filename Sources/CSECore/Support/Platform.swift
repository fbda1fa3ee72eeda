import CPlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The operating system as the compiler uses it. Every system call of CSECore is made here, so that the
/// rest of the code says what it does (open a folder, write a file, swap two trees) instead of how POSIX
/// spells it, and so that this is the one file that differs between Linux and macOS.
///
/// Each call is one system call, as thin as the C one: no allocation beyond the caller's strings, no
/// `FileManager` (which costs milliseconds per file on Linux). A failure is a ``SystemError`` holding
/// `errno`, read at once, before another call can change it; its text is made only when a message needs
/// it. Calls a signal interrupts (EINTR) are retried here, so callers never see them.
enum Platform {
    /// An open file or folder. Closed by its owner with ``Platform/close(_:)`` (a folder being listed, by
    /// its ``FolderListing``).
    struct Descriptor: Sendable, Hashable {
        fileprivate let raw: Int32
    }

    /// Why a system call failed: its `errno`.
    struct SystemError: Error, Sendable, Hashable {
        let code: Int32

        /// The system's description (`strerror`), which messages quote as the reason.
        var message: String { String(cString: strerror(code)) }

        /// The error of the call that just failed.
        fileprivate static var last: SystemError { SystemError(code: errno) }

        /// Nothing exists at the path, or a folder on the way is not a folder (ENOENT, ENOTDIR).
        var isMissing: Bool { code == ENOENT || code == ENOTDIR }
        /// Resolving the path would leave the folder it is confined to (EXDEV from `openat2` with
        /// RESOLVE_BENEATH), or met a link it may not follow (ELOOP).
        var isOutsideFolder: Bool { code == EXDEV || code == ELOOP }
        /// The path names a folder where a file was wanted (EISDIR).
        var isFolder: Bool { code == EISDIR }
        /// The system or the file system cannot do this at all, as opposed to failing this time: the answers
        /// an exchange gets from a kernel without `renameat2` (ENOSYS) or a file system without
        /// RENAME_EXCHANGE (EINVAL, ENOTSUP, EOPNOTSUPP; the last two are one value on Linux).
        var isUnsupported: Bool {
            switch code {
            case ENOSYS, EINVAL, ENOTSUP, EOPNOTSUPP: true
            default: false
            }
        }
    }

    /// What an entry on disk is.
    enum EntryKind: Sendable, Hashable {
        case regular
        case folder
        case symlink
        /// A named pipe.
        case fifo
        case socket
        /// A character or block device.
        case device
        /// Anything else, or an entry whose kind could not be found out.
        case other
    }

    /// What `stat` reports that callers use: the kind and, for a regular file, the size in bytes.
    struct FileStatus: Sendable, Hashable {
        var kind: EntryKind
        var size: Int
    }

    // MARK: - Opening

    /// Opens a folder to resolve paths from or to list; `followLinks: false` refuses a link at `path`
    /// itself (ELOOP), so that what is opened is the folder that was examined.
    static func openFolder(_ path: String, followLinks: Bool = true) throws(SystemError) -> Descriptor {
        try opened(open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW)))
    }

    /// Opens the folder `name` inside the open folder `parent`, refusing a link (ELOOP).
    static func openFolder(_ name: String, in parent: Descriptor) throws(SystemError) -> Descriptor {
        try opened(openat(parent.raw, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW))
    }

    /// Opens the folder at `path` below the open folder `root` without ever resolving outside it (see
    /// ``openForReading(_:beneath:)``); `"."` is `root` itself.
    static func openFolder(_ path: String, beneath root: Descriptor) throws(SystemError) -> Descriptor {
        try opened(cse_open_beneath(root.raw, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, 0))
    }

    /// The flags every file `cse` reads is opened with: non-blocking, so that a named pipe without a writer
    /// cannot stall the open, and never becoming the process's terminal.
    private static var readFlags: Int32 { O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY }

    /// Opens a file to read (absolute, or relative to the current folder).
    static func openForReading(_ path: String) throws(SystemError) -> Descriptor {
        try opened(open(path, readFlags))
    }

    /// Opens a file to read at `path` below the open folder `root`, never resolving outside it: on Linux,
    /// `openat2` with RESOLVE_BENEATH refuses `..` above `root`, an absolute path and a link that leads out
    /// (EXDEV). Where the kernel lacks `openat2` (before 5.6, some sandboxes; macOS) this is a plain `openat`,
    /// so callers check paths by their spelling as well (``FileSystemPaths/isConfined(_:)``).
    static func openForReading(_ path: String, beneath root: Descriptor, followingLinks: Bool = true) throws(SystemError) -> Descriptor {
        try opened(cse_open_beneath(root.raw, path, readFlags, 0, followingLinks ? 0 : 1))
    }

    /// Creates (or truncates) the file at `path` inside the open folder `folder`, to write, readable by all.
    static func createFile(_ path: String, in folder: Descriptor) throws(SystemError) -> Descriptor {
        try opened(openat(folder.raw, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644))
    }

    private static func opened(_ fd: Int32) throws(SystemError) -> Descriptor {
        guard fd >= 0 else { throw .last }
        return Descriptor(raw: fd)
    }

    static func close(_ fd: Descriptor) {
        _ = systemClose(fd.raw)
    }

    // MARK: - Reading and writing

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    static func read(_ fd: Descriptor, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        while true {
            let n = systemRead(fd.raw, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw .last }
        }
    }

    /// Writes all of `bytes`, however many calls the system takes.
    static func writeAll(_ bytes: [UInt8], to fd: Descriptor) throws(SystemError) {
        let failure: Int32 = bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let n = write(fd.raw, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return 0
        }
        if failure != 0 { throw SystemError(code: failure) }
    }

    // MARK: - What is on disk

    /// What the open file is.
    static func fileStatus(_ fd: Descriptor) throws(SystemError) -> FileStatus {
        var st = stat()
        guard fstat(fd.raw, &st) == 0 else { throw .last }
        return FileStatus(st)
    }

    /// What is at `path` itself, a link not followed; nil when nothing is there (or it cannot be examined).
    static func linkStatus(_ path: String) -> FileStatus? {
        var st = stat()
        return lstat(path, &st) == 0 ? FileStatus(st) : nil
    }

    /// What `path` leads to, links followed; nil when nothing is there (or a link leads nowhere).
    static func targetStatus(_ path: String) -> FileStatus? {
        var st = stat()
        return stat(path, &st) == 0 ? FileStatus(st) : nil
    }

    /// Reads the entries of an open folder, by the kinds the folder reports (no `stat` per entry).
    ///
    /// A listing takes over the folder's descriptor: the folder stays open, to resolve the listed names
    /// from, until ``close()``.
    struct FolderListing {
        /// The listed folder.
        let folder: Descriptor
        private let stream: DirectoryStream

        /// Starts listing `folder`, which the listing now owns (on failure it is closed).
        init(_ folder: Descriptor) throws(SystemError) {
            guard let stream = fdopendir(folder.raw) else {
                let error = SystemError.last
                Platform.close(folder)
                throw error
            }
            self.folder = folder
            self.stream = stream
        }

        /// Calls `body` with each entry but `.` and `..`: its name's bytes (valid during the call only; any
        /// bytes but `/` and NUL, not necessarily UTF-8) and its kind. Where the file system does not report
        /// kinds (DT_UNKNOWN), the entry is examined without following a link.
        func visitEntries(_ body: (_ name: UnsafeBufferPointer<UInt8>, _ kind: EntryKind) -> Void) {
            while let entry = readdir(stream) {
                let type = entry.pointee.d_type
                withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                    let name = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    let bytes = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: strlen(name))
                    if bytes.count <= 2 && bytes.allSatisfy({ $0 == UInt8(ascii: ".") }) { return }
                    body(bytes, EntryKind(entryType: type) ?? kind(of: name))
                }
            }
        }

        private func kind(of name: UnsafePointer<CChar>) -> EntryKind {
            var st = stat()
            return fstatat(folder.raw, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? EntryKind(mode: st.st_mode) : .other
        }

        /// Ends the listing and closes the folder.
        func close() {
            closedir(stream)
        }
    }

    // MARK: - Changing what is on disk

    /// Creates the folder at `path`. Something by that name already there is no error: the caller finds
    /// out what it is when it opens it.
    static func makeFolder(_ path: String) throws(SystemError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .last }
    }

    /// Creates the folder at `path` inside the open folder `folder`, as ``makeFolder(_:)`` does.
    static func makeFolder(_ path: String, in folder: Descriptor) throws(SystemError) {
        if mkdirat(folder.raw, path, 0o755) != 0 && errno != EEXIST { throw .last }
    }

    /// Moves `from` to `to` in one step, replacing what `to` named (an empty folder only, if a folder).
    static func rename(_ from: String, to: String) throws(SystemError) {
        if systemRename(from, to) != 0 { throw .last }
    }

    /// Swaps two existing paths in one step (Linux `renameat2` RENAME_EXCHANGE, macOS `renameatx_np`
    /// RENAME_SWAP): at every instant each names one of the two whole trees. Where the system cannot,
    /// the error ``SystemError/isUnsupported``.
    static func exchange(_ a: String, _ b: String) throws(SystemError) {
        if cse_rename_exchange(AT_FDCWD, a, AT_FDCWD, b) != 0 { throw .last }
    }

    /// Removes a file or link (never what a link points at).
    static func removeFile(_ path: String) throws(SystemError) {
        if unlink(path) != 0 { throw .last }
    }

    /// Removes an empty folder.
    static func removeFolder(_ path: String) throws(SystemError) {
        if rmdir(path) != 0 { throw .last }
    }

    /// Removes the file or link `name` inside the open folder `folder`.
    static func removeFile(_ name: String, in folder: Descriptor) throws(SystemError) {
        if unlinkat(folder.raw, name, 0) != 0 { throw .last }
    }

    /// Removes the empty folder `name` inside the open folder `folder`.
    static func removeFolder(_ name: String, in folder: Descriptor) throws(SystemError) {
        if unlinkat(folder.raw, name, AT_REMOVEDIR) != 0 { throw .last }
    }

    // MARK: - Processes

    /// This process's ID, which names the folders it writes beside an output.
    static var processID: Int32 { getpid() }

    /// Whether a process with this ID runs and this process may signal it (`kill` with signal 0). A process
    /// of another user counts as gone. IDs 0 and below name groups of processes, not one, and are never alive.
    static func isProcessAlive(_ pid: Int32) -> Bool {
        pid > 0 && kill(pid, 0) == 0
    }

    // MARK: - Memory

    /// Compares `count` bytes at `a` and at `b` as unsigned numbers: negative, zero or positive, as `memcmp`
    /// (which the C library vectorises).
    @inline(__always)
    static func compareBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Int32 {
        memcmp(a, b, count)
    }
}

extension Platform.FileStatus {
    fileprivate init(_ st: stat) {
        self.init(kind: Platform.EntryKind(mode: st.st_mode), size: Int(st.st_size))
    }
}

extension Platform.EntryKind {
    /// The kind a `stat` mode names (`mode_t` is 32 bits on Linux and 16 on macOS; the `S_IF*` constants
    /// have its type on both).
    fileprivate init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symlink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR, S_IFBLK: self = .device
        default: self = .other
        }
    }

    /// The kind a folder entry's `d_type` names, or nil for DT_UNKNOWN (the file system does not say).
    /// The `DT_*` constants are `Int` on Linux and `Int32` on macOS, hence the conversions.
    fileprivate init?(entryType: UInt8) {
        switch Int32(entryType) {
        case Int32(DT_UNKNOWN): return nil
        case Int32(DT_REG): self = .regular
        case Int32(DT_DIR): self = .folder
        case Int32(DT_LNK): self = .symlink
        case Int32(DT_FIFO): self = .fifo
        case Int32(DT_SOCK): self = .socket
        case Int32(DT_CHR), Int32(DT_BLK): self = .device
        default: self = .other
        }
    }
}

// The C calls whose names `Platform` reuses (inside it, `close` is `Platform.close`), and the type
// `fdopendir` returns: opaque in glibc, a struct in Darwin's headers.
#if canImport(Glibc)
    private typealias DirectoryStream = OpaquePointer
    @inline(__always) private func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
    @inline(__always) private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
    @inline(__always) private func systemRename(_ from: String, _ to: String) -> Int32 { Glibc.rename(from, to) }
#elseif canImport(Darwin)
    private typealias DirectoryStream = UnsafeMutablePointer<DIR>
    @inline(__always) private func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
    @inline(__always) private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
    @inline(__always) private func systemRename(_ from: String, _ to: String) -> Int32 { Darwin.rename(from, to) }
#endif
