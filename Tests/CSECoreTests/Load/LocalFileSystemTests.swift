import CSECore
import Foundation
import Testing

/// `LocalFileSystem` reads files of every size exactly, whatever room its buffer had.
@Suite struct LocalFileSystemTests {
    @Test func readsFilesOfEverySizeExactly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
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
        #expect(throws: EnvironmentError.self) { try fs.contents(of: "missing.bin") }
    }

    /// A file that is still growing while it is read (here a FIFO, whose size `fstat` reports as 0) is
    /// read to its end. The payload fits in a pipe's buffer, so the writer never blocks.
    @Test func readsPastTheSizeFstatReported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cse-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let payload = [UInt8]((0..<10_000).map { UInt8(truncatingIfNeeded: $0) })
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data(payload))
            try? handle.close()
        }
        writer.start()
        let read = try LocalFileSystem(root: root.path).contents(of: "pipe")
        #expect(read.count == payload.count)
        #expect(read.elementsEqual(payload), "the bytes read differ from those written")
    }
}
