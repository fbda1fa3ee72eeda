import Foundation
import Testing

@testable import CSECore

/// Removing a previous output: everything below the folder goes, nothing a symbolic link points at does.
@Suite struct DiskOutputTests {
    @Test func removeTreeRemovesEverythingAndFollowsNoLink() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-remove-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        let tree = base + "/tree", outside = base + "/outside"
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside + "/kept.txt"))
        // More subfolders than the parallel threshold, below a folder with a file, so both paths run.
        let many = DiskOutput.parallelRemovalThreshold + 5
        for i in 0..<many {
            let folder = "\(tree)/signals/D/C/ID-\(i)/deeper"
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: URL(fileURLWithPath: "\(tree)/signals/D/C/ID-\(i)/signal.json"))
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/f"))
        }
        try Data("top".utf8).write(to: URL(fileURLWithPath: tree + "/index.json"))
        try fm.createSymbolicLink(atPath: tree + "/link-to-folder", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: "\(tree)/signals/D/C/ID-0/link-to-file", withDestinationPath: outside + "/kept.txt")

        DiskOutput.removeTree(tree)

        #expect(!fm.fileExists(atPath: tree))
        #expect(try String(contentsOfFile: outside + "/kept.txt", encoding: .utf8) == "keep")
        #expect(try fm.contentsOfDirectory(atPath: base).sorted() == ["outside"])
    }

    @Test func removeTreeOfAFileOrNothing() throws {
        let fm = FileManager.default
        let file = fm.temporaryDirectory.appendingPathComponent("cse-remove-file-\(UUID().uuidString)").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        DiskOutput.removeTree(file)
        #expect(!fm.fileExists(atPath: file))
        DiskOutput.removeTree(file)  // absent: nothing happens
    }
}
