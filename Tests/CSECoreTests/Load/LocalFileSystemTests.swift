import CSECore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `LocalFileSystem` reads regular files inside its root, within a size limit, and nothing else.
@Suite struct LocalFileSystemTests {
    /// A fresh folder, removed by the caller.
    static func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test func readsFilesOfEverySizeExactly() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let sizes = [0, 1, 2, 63, 4095, 4096, 4097, 65_537, 300_001]
        for size in sizes {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }
            try Data(bytes).write(to: root.appendingPathComponent("f\(size).bin"))
        }
        let fs = LocalFileSystem(root: root.path)
        for size in sizes {
            let read = try fs.contents(of: "f\(size).bin")
            #expect(read.count == size, "size \(size)")
            #expect(read.elementsEqual((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }), "size \(size)")
        }
        #expect(throws: FileReadError.missing) { try fs.contents(of: "missing.bin") }
    }

    /// A named pipe with no writer would block `open` and `read` forever: it is refused at once, also
    /// through a link, and listed as a special file.
    @Test func refusesNamedPipesWithoutBlocking() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(mkfifo(root.appendingPathComponent("signal.yaml").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.yaml").path, withDestinationPath: "signal.yaml")
        let fs = LocalFileSystem(root: root.path)
        #expect(throws: FileReadError.notAFile(what: "a named pipe")) { try fs.contents(of: "signal.yaml") }
        #expect(throws: FileReadError.notAFile(what: "a named pipe")) { try fs.contents(of: "link.yaml") }
        #expect(fs.kind(of: "signal.yaml") == .special(what: "a named pipe"))
        let listed = try fs.entries(of: "").first { $0.name == "signal.yaml" }
        #expect(listed?.kind == .special(what: "a named pipe"))
        #expect(throws: FileReadError.notAFile(what: "a device")) { try BoundedFile.read(path: "/dev/zero", limit: 100) }
    }

    /// A file over the limit is refused from its size, before a byte is read: a sparse 4 GiB file costs
    /// nothing to refuse.
    @Test func refusesLargeFilesBeforeReading() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("big.yaml").path
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 4 << 30) == 0)
        close(fd)
        let fs = LocalFileSystem(root: root.path)
        #expect(throws: FileReadError.tooLarge(size: 4 << 30, limit: 1000)) { try fs.contents(of: "big.yaml", limit: 1000) }
        #expect(throws: FileReadError.tooLarge(size: 4 << 30, limit: InputLimits.fileSize)) { try fs.contents(of: "big.yaml") }
    }

    /// No spelling of a path and no link leads a read out of the root.
    @Test func readsNothingOutsideTheRoot() throws {
        let outside = try Self.scratch(), root = try Self.scratch()
        defer {
            try? FileManager.default.removeItem(at: outside)
            try? FileManager.default.removeItem(at: root)
        }
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("templates/out.txt").path, withDestinationPath: outside.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("away").path, withDestinationPath: outside.path)
        let fs = LocalFileSystem(root: root.path)
        let relativeOut = "../" + outside.lastPathComponent + "/secret.txt"
        for path in [relativeOut, outside.path + "/secret.txt", "templates/out.txt", "away/secret.txt", "templates/../../x", "./templates/out.txt"] {
            #expect(throws: FileReadError.outsideRoot, "\(path)") { try fs.contents(of: path) }
        }
        #expect(fs.kind(of: "away/secret.txt") == nil)
        #expect(fs.kind(of: relativeOut) == nil)
        #expect(fs.kind(of: "templates/out.txt") == .symlink(target: nil, targetIsDirectory: false))
        #expect(throws: (any Error).self) { try fs.entries(of: "away") }
        #expect(throws: (any Error).self) { try fs.entries(of: "..") }
    }

    /// A name that is not UTF-8 is listed as undecodable, with its bytes written `\xFF`.
    @Test func listsUndecodableNames() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        var path = Array(root.path.utf8) + Array("/T".utf8) + [0xFF] + Array("X".utf8) + [0]
        let made = path.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) }
        }
        #expect(made == 0)
        let entries = try LocalFileSystem(root: root.path).entries(of: "")
        #expect(entries == [DirectoryEntry(name: "T\\xFFX", kind: .file, isDecodable: false)])
    }
}
