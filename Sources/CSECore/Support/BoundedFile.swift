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
        let fd: Platform.Descriptor
        do { fd = try Platform.openForReading(path) } catch { throw openFailure(error) }
        defer { Platform.close(fd) }
        return try read(descriptor: fd, limit: limit)
    }

    /// Reads a file at `path` below the open folder `folder`, never resolving outside it.
    static func read(beneath folder: Platform.Descriptor, path: String, limit: Int) throws(FileReadError) -> [UInt8] {
        let fd: Platform.Descriptor
        do { fd = try Platform.openForReading(path, beneath: folder) } catch { throw openFailure(error) }
        defer { Platform.close(fd) }
        return try read(descriptor: fd, limit: limit)
    }

    static func openFailure(_ error: Platform.SystemError) -> FileReadError {
        if error.isMissing { return .missing }
        if error.isOutsideFolder { return .outsideRoot }
        if error.isFolder { return .notAFile(what: "a folder") }
        return .unreadable(reason: error.message)
    }

    /// What an entry of this kind is, for messages; nil for a regular file.
    static func describe(_ kind: Platform.EntryKind) -> String? {
        switch kind {
        case .regular: nil
        case .folder: "a folder"
        case .fifo: "a named pipe"
        case .socket: "a socket"
        case .device: "a device"
        case .symlink, .other: "a special file"
        }
    }

    static func read(descriptor fd: Platform.Descriptor, limit: Int) throws(FileReadError) -> [UInt8] {
        let status: Platform.FileStatus
        do { status = try Platform.fileStatus(fd) } catch { throw .unreadable(reason: error.message) }
        if let what = describe(status.kind) { throw .notAFile(what: what) }
        let size = status.size
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        // One byte past the size fstat reported finds the end of the file without a buffer of its own; a
        // file that grew meanwhile is read on, but never past the limit.
        var total = 0
        var failure: Platform.SystemError?
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            while total <= size {
                let rest = UnsafeMutableRawBufferPointer(start: buffer.baseAddress! + total, count: size + 1 - total)
                let n: Int
                do throws(Platform.SystemError) { n = try Platform.read(fd, into: rest) } catch {
                    failure = error
                    break
                }
                if n == 0 { break }
                total += n
            }
            count = total
        }
        if let failure { throw .unreadable(reason: failure.message) }
        if total <= size { return bytes }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { buffer in
                do throws(Platform.SystemError) { return try Platform.read(fd, into: buffer) } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw .unreadable(reason: failure.message) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw .tooLarge(size: bytes.count, limit: limit) }
        }
        return bytes
    }
}
