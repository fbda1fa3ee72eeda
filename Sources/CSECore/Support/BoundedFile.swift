import CPlatform

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// Why a file could not be read: every way a path handed to `cse` can fail to be a readable, bounded,
/// regular file.
public enum FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing exists at the path.
    case missing
    /// The path names something other than a regular file: a named pipe, a device, a socket or a folder,
    /// which could block the read forever or never end.
    case notAFile(what: String)
    /// The file is larger than the limit; found from its size before a byte is read.
    case tooLarge(size: Int, limit: Int)
    /// Resolving the path would leave the folder it is confined to (`..`, an absolute path or a link).
    case outsideRoot
    /// The system refused (permissions, an I/O error); the system's reason.
    case unreadable(reason: String)

    public var description: String {
        switch self {
        case .missing: "no such file"
        case .notAFile(let what): "it is \(what), not a regular file"
        case .tooLarge(let size, let limit): "it is \(size) bytes, more than the limit of \(limit)"
        case .outsideRoot: "the path leads outside the registry"
        case .unreadable(let reason): reason
        }
    }
}

/// Reads regular files with a size limit, the one way every command reads a file it is handed.
///
/// The file is opened non-blocking (a named pipe without a writer cannot stall the open), checked with
/// `fstat` to be a regular file no larger than the limit before anything is read, and read at most one byte
/// past the limit (a file that grows while it is read is still refused).
public enum BoundedFile {
    /// Reads a file named by a path (absolute, or relative to the current folder).
    public static func read(path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw openFailure(errno) }
        defer { close(fd) }
        return try read(descriptor: fd, limit: limit)
    }

    /// Reads a file at `path` below the open folder `folder`, never resolving outside it.
    static func read(beneath folder: Int32, path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        let fd = cse_open_beneath(folder, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0)
        guard fd >= 0 else { throw openFailure(errno) }
        defer { close(fd) }
        return try read(descriptor: fd, limit: limit)
    }

    static func openFailure(_ code: Int32) -> FileReadError {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EXDEV, ELOOP: .outsideRoot
        case EISDIR: .notAFile(what: "a folder")
        default: .unreadable(reason: String(cString: strerror(code)))
        }
    }

    /// What a file mode names, for messages.
    static func describe(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "a special file"
        }
    }

    static func read(descriptor fd: Int32, limit: Int) throws(FileReadError) -> [UInt8] {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        if let what = describe(mode: st.st_mode) { throw .notAFile(what: what) }
        let size = Int(st.st_size)
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        // One byte past the size fstat reported finds the end of the file without a buffer of its own; a
        // file that grew meanwhile is read on, but never past the limit.
        var total = 0
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            while total <= size {
                let n = systemRead(fd, buffer.baseAddress! + total, size + 1 - total)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { break }
                total += n
            }
            count = total
        }
        if failure != 0 { throw .unreadable(reason: String(cString: strerror(failure))) }
        if total <= size { return bytes }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .unreadable(reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw .tooLarge(size: bytes.count, limit: limit) }
        }
        return bytes
    }
}
