import Foundation
import Testing

@testable import CSECore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system-call layer on a scratch folder, checked with Foundation (not with the layer itself) wherever
/// a result can be seen another way.
@Suite struct PlatformTests {
    /// A fresh folder, removed by the caller.
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cse-platform-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func createdFileIsWrittenAndReadBack() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let folder = try Platform.openFolder(base)
        defer { Platform.close(folder) }
        for text in ["a longer first version\n", "short\n"] {  // the second write truncates the first
            let file = try Platform.createFile("note.txt", in: folder)
            try Platform.writeAll(Array(text.utf8), to: file)
            Platform.close(file)
        }
        #expect(FileManager.default.contents(atPath: base + "/note.txt") == Data("short\n".utf8))

        let file = try Platform.openForReading(base + "/note.txt")
        defer { Platform.close(file) }
        #expect(try Platform.fileStatus(file) == Platform.FileStatus(kind: .regular, size: 6))
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = try buffer.withUnsafeMutableBytes { try Platform.read(file, into: $0) }
        #expect(Array(buffer[..<n]) == Array("short\n".utf8))
        #expect(try buffer.withUnsafeMutableBytes { try Platform.read(file, into: $0) } == 0, "no end of file")
    }

    @Test func writeAllWritesALargeBufferWhole() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        // Larger than any single write the kernel is likely to take, and not a round size.
        let bytes = (0..<(16 << 20) + 7).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        let folder = try Platform.openFolder(base)
        defer { Platform.close(folder) }
        let file = try Platform.createFile("large.bin", in: folder)
        try Platform.writeAll(bytes, to: file)
        Platform.close(file)
        let written = try #require(FileManager.default.contents(atPath: base + "/large.bin"))
        #expect(written.count == bytes.count)
        #expect(written == Data(bytes))
    }

    @Test func listingReportsEachKindWithoutDotEntries() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fm = FileManager.default
        try Data("x".utf8).write(to: URL(fileURLWithPath: base + "/file.txt"))
        try fm.createDirectory(atPath: base + "/folder", withIntermediateDirectories: false)
        try fm.createSymbolicLink(atPath: base + "/link", withDestinationPath: "folder")
        #expect(mkfifo(base + "/pipe", 0o600) == 0)
        var expected: [[UInt8]: Platform.EntryKind] = [
            Array("file.txt".utf8): .regular, Array("folder".utf8): .folder, Array("link".utf8): .symlink, Array("pipe".utf8): .fifo,
        ]
        #if os(Linux)
            // A name that is not UTF-8 is listed as its bytes (Linux file systems take any bytes but '/').
            let raw: [UInt8] = [0x62, 0xFF, 0x61, 0x64]
            let path = Array(base.utf8) + [UInt8(ascii: "/")] + raw + [0]
            let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
            #expect(fd >= 0)
            close(fd)
            expected[raw] = .regular
        #endif

        let listing = try Platform.FolderListing(Platform.openFolder(base))
        var listed: [[UInt8]: Platform.EntryKind] = [:]
        listing.visitEntries { name, kind in
            #expect(listed.updateValue(kind, forKey: Array(name)) == nil, "listed twice")
        }
        listing.close()
        #expect(listed == expected)
    }

    @Test func statusOfSpecialMissingAndLinkedPaths() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fm = FileManager.default
        #expect(mkfifo(base + "/pipe", 0o600) == 0)
        try fm.createDirectory(atPath: base + "/folder", withIntermediateDirectories: false)
        try fm.createSymbolicLink(atPath: base + "/to-folder", withDestinationPath: base + "/folder")
        try fm.createSymbolicLink(atPath: base + "/dangling", withDestinationPath: base + "/nothing")

        #expect(Platform.linkStatus(base + "/pipe")?.kind == .fifo)
        #expect(Platform.linkStatus(base + "/nothing") == nil)
        #expect(Platform.linkStatus(base + "/to-folder")?.kind == .symlink)
        #expect(Platform.targetStatus(base + "/to-folder")?.kind == .folder)
        #expect(Platform.linkStatus(base + "/dangling")?.kind == .symlink)
        #expect(Platform.targetStatus(base + "/dangling") == nil)
        #expect(Platform.linkStatus("/dev/null")?.kind == .device)

        #expect(throws: Platform.SystemError(code: ENOENT)) { try Platform.openForReading(base + "/nothing") }
        do {
            _ = try Platform.openForReading(base + "/nothing")
        } catch {
            #expect(error.isMissing && !error.isOutsideFolder && !error.isUnsupported)
            #expect(error.message == String(cString: strerror(ENOENT)))
        }
    }

    /// Kernels before 5.6 have no `openat2`, and macOS none at all: there the open is a plain `openat`
    /// and confinement rests on the path checks (``FileSystemPaths/isConfined(_:)``).
    @Test(.enabled(if: Kernel.isLinux(atLeast: 5, 6), "no openat2 on this system (Linux before 5.6, or not Linux)"))
    func openingBeneathAFolderNeverLeavesIt() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: base + "/root/sub", withIntermediateDirectories: true)
        try Data("inside".utf8).write(to: URL(fileURLWithPath: base + "/root/sub/inside.txt"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: base + "/secret.txt"))
        try fm.createSymbolicLink(atPath: base + "/root/absolute", withDestinationPath: base + "/secret.txt")
        try fm.createSymbolicLink(atPath: base + "/root/relative", withDestinationPath: "../secret.txt")
        try fm.createSymbolicLink(atPath: base + "/root/sub/sibling", withDestinationPath: "inside.txt")
        let root = try Platform.openFolder(base + "/root")
        defer { Platform.close(root) }

        // Inside, a link that stays inside included.
        for path in ["sub/inside.txt", "sub/sibling", "sub/../sub/inside.txt"] {
            let file = try Platform.openForReading(path, beneath: root)
            #expect(try Platform.fileStatus(file).size == 6, "\(path)")
            Platform.close(file)
        }
        let sub = try Platform.openFolder("sub", beneath: root)
        Platform.close(sub)

        for path in ["../secret.txt", "sub/../../secret.txt", "absolute", "relative", base + "/secret.txt"] {
            #expect(throws: Platform.SystemError.self, "\(path)") {
                do throws(Platform.SystemError) {
                    try Platform.close(Platform.openForReading(path, beneath: root))
                } catch {
                    #expect(error.isOutsideFolder, "\(path): \(error.message)")
                    throw error
                }
            }
        }
        #expect(throws: Platform.SystemError.self) { try Platform.close(Platform.openFolder("..", beneath: root)) }
        // And what the loader makes of it.
        #expect(throws: FileReadError.outsideRoot) { try BoundedFile.read(beneath: root, path: "absolute", limit: 100) }
    }

    /// `renameat2` (Linux 3.15) or `renameatx_np` (macOS).
    @Test(.enabled(if: Kernel.isLinux(atLeast: 3, 15) || Kernel.isDarwin, "no renameat2 in this kernel (Linux before 3.15)"))
    func exchangeSwapsTwoFolders() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: base + "/a", withIntermediateDirectories: false)
        try fm.createDirectory(atPath: base + "/b/deeper", withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: base + "/a/one.txt"))
        try Data("two".utf8).write(to: URL(fileURLWithPath: base + "/b/deeper/two.txt"))

        try Platform.exchange(base + "/a", base + "/b")
        #expect(try fm.contentsOfDirectory(atPath: base + "/a") == ["deeper"])
        #expect(try fm.contentsOfDirectory(atPath: base + "/b") == ["one.txt"])
        #expect(fm.contents(atPath: base + "/a/deeper/two.txt") == Data("two".utf8))

        // Both must exist: a missing one is an error that is not "unsupported", and nothing moves.
        #expect(throws: Platform.SystemError(code: ENOENT)) { try Platform.exchange(base + "/a", base + "/missing") }
        #expect(try fm.contentsOfDirectory(atPath: base + "/a") == ["deeper"])
    }

    @Test func foldersAreMadeRenamedAndRemoved() throws {
        let base = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fm = FileManager.default
        try Platform.makeFolder(base + "/made")
        try Platform.makeFolder(base + "/made")  // there already: fine
        let made = try Platform.openFolder(base + "/made")
        try Platform.makeFolder("inner", in: made)
        try Platform.makeFolder("inner/deeper", in: made)
        try Platform.makeFolder("inner", in: made)
        #expect(throws: Platform.SystemError(code: ENOENT)) { try Platform.makeFolder("no/such/parent", in: made) }
        try Platform.close(Platform.createFile("inner/file", in: made))
        #expect(Platform.linkStatus(base + "/made/inner/deeper")?.kind == .folder)

        #expect(throws: Platform.SystemError.self) { try Platform.removeFolder("inner", in: made) }  // not empty
        try Platform.removeFile("inner/file", in: made)
        try Platform.removeFolder("inner/deeper", in: made)
        try Platform.removeFolder("inner", in: made)
        #expect(try fm.contentsOfDirectory(atPath: base + "/made") == [])
        #expect(throws: Platform.SystemError.self) { try Platform.openFolder("gone", in: made) }
        Platform.close(made)

        try Platform.rename(base + "/made", to: base + "/renamed")
        #expect(!fm.fileExists(atPath: base + "/made") && fm.fileExists(atPath: base + "/renamed"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: base + "/renamed/f"))
        try fm.createSymbolicLink(atPath: base + "/link", withDestinationPath: base + "/renamed")
        // A link is refused where links are not followed, and removing it leaves its target.
        #expect(throws: Platform.SystemError.self) { try Platform.openFolder(base + "/link", followLinks: false) }
        try Platform.removeFile(base + "/link")
        #expect(fm.fileExists(atPath: base + "/renamed/f"))
        try Platform.removeFile(base + "/renamed/f")
        try Platform.removeFolder(base + "/renamed")
        #expect(try fm.contentsOfDirectory(atPath: base) == [])
    }

    @Test func processesAliveAndGone() throws {
        #expect(Platform.processID == ProcessInfo.processInfo.processIdentifier)
        #expect(Platform.isProcessAlive(Platform.processID))
        // A child that has exited and been waited for, and IDs that name no one process.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        child.waitUntilExit()
        #expect(!Platform.isProcessAlive(child.processIdentifier))
        #expect(!Platform.isProcessAlive(Int32.max))
        #expect(!Platform.isProcessAlive(0), "0 is this process group, not a process")
        #expect(!Platform.isProcessAlive(-1), "-1 is every process")
    }

    @Test func bytesCompareUnsigned() {
        let a: [UInt8] = [1, 2, 3, 0xFF], b: [UInt8] = [1, 2, 4, 0x00]
        a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                #expect(Platform.compareBytes(a.baseAddress!, b.baseAddress!, count: 2) == 0)
                #expect(Platform.compareBytes(a.baseAddress!, b.baseAddress!, count: 3) < 0)
                #expect(Platform.compareBytes(b.baseAddress!, a.baseAddress!, count: 3) > 0)
                #expect(Platform.compareBytes(a.baseAddress! + 3, b.baseAddress! + 3, count: 1) > 0, "0xFF sorts after 0x00")
            }
        }
    }
}

/// The running kernel, for tests of calls that older kernels lack.
enum Kernel {
    static var isDarwin: Bool {
        #if canImport(Darwin)
            true
        #else
            false
        #endif
    }

    /// Whether this is Linux at this version or later (from `uname`'s release, such as "6.8.0-45-generic").
    static func isLinux(atLeast major: Int, _ minor: Int) -> Bool {
        #if os(Linux)
            var name = utsname()
            guard uname(&name) == 0 else { return false }
            let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let parts = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
            guard parts.count == 2 else { return false }
            return (parts[0], parts[1]) >= (major, minor)
        #else
            return false
        #endif
    }
}
