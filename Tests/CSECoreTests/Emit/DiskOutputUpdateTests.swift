import Foundation
import Testing

@testable import CSECore

/// `.update` mode: over a previous output, the result is exactly the new plan's tree (as `.replace` would
/// write it), only differing files are written, and a failure before the commit leaves the previous output.
@Suite struct DiskOutputUpdateTests {
    static func plan(_ files: [String: String]) -> OutputPlan {
        var plan = OutputPlan()
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { plan.add(OutputFile(path: path, bytes: Array(text.utf8))) }
        return plan
    }

    /// Every file below `root` (links and other entries included, by kind), with its contents.
    static func tree(_ root: String) throws -> [String: String] {
        let fm = FileManager.default
        var out: [String: String] = [:]
        for case let path as String in fm.enumerator(atPath: root) ?? FileManager.DirectoryEnumerator() {
            let full = root + "/" + path
            let attributes = try fm.attributesOfItem(atPath: full)
            switch attributes[.type] as? FileAttributeType {
            case .typeRegular?: out[path] = try String(contentsOfFile: full, encoding: .utf8)
            case .typeDirectory?: out[path + "/"] = ""
            default: out[path] = "<\(attributes[.type] ?? "?")>"
            }
        }
        return out
    }

    static func inode(_ path: String) -> UInt64? {
        var st = stat()
        return lstat(path, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    @Test func anUpdateLeavesExactlyTheNewTreeAndWritesOnlyWhatChanged() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-update-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        let first = Self.plan([
            "index.json": "1", "a/same.json": "same", "a/changes.json": "old", "a/gone.json": "x", "gone/deep/f.json": "y",
            "was-file": "f", "was-folder/x.json": "z", "size/same.json": "aaaa",
        ])
        let output = DiskOutput(target: base + "/out")
        output.mode = .update
        try output.write(first)
        #expect(output.updated == nil, "the first build has nothing to update: it writes the folder whole")
        let sameInode = Self.inode(base + "/out/a/same.json")

        // Tampering the next build must repair: an extra file, a link where a file was, same size other bytes.
        try Data("stray".utf8).write(to: URL(fileURLWithPath: base + "/out/a/stray.json"))
        try fm.removeItem(atPath: base + "/out/index.json")
        try fm.createSymbolicLink(atPath: base + "/out/index.json", withDestinationPath: base + "/out/a/same.json")
        try Data("bbbb".utf8).write(to: URL(fileURLWithPath: base + "/out/size/same.json"))

        let second = Self.plan([
            "index.json": "same", "a/same.json": "same", "a/changes.json": "new", "new/deeper/n.json": "n",
            "was-file/x.json": "now a folder", "was-folder": "now a file", "size/same.json": "aaaa",
        ])
        try output.write(second)
        let updated = try #require(output.updated)

        // The result is what a fresh write of the second plan gives.
        let fresh = DiskOutput(target: base + "/fresh")
        try fresh.write(second)
        #expect(try Self.tree(base + "/out") == Self.tree(base + "/fresh"))
        #expect(Self.inode(base + "/out/a/same.json") == sameInode, "an unchanged file is not rewritten")
        // index.json (a link), a/changes.json, new/deeper/n.json, was-file/x.json, was-folder, size/same.json.
        #expect(updated.written == 6)
        // a/gone.json, gone/deep/f.json, a/stray.json. (was-file and was-folder/x.json stood where the new
        // output's files and folders go: they are replaced, not counted as removed.)
        #expect(updated.removed == 3)
        #expect(try fm.contentsOfDirectory(atPath: base).sorted() == ["fresh", "out"], "no staging folder is left")

        try output.write(second)
        #expect(output.updated?.written == 0 && output.updated?.removed == 0)
    }

    @Test func aFailureBeforeTheCommitLeavesThePreviousOutput() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-update-fail-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        let output = DiskOutput(target: base + "/out")
        output.mode = .update
        try output.write(Self.plan(["a.json": "1", "b/c.json": "2"]))
        let before = try Self.tree(base + "/out")
        output.faults = { point in
            if point == .writeFile("b/d.json") { throw EnvironmentError("disk full") }
        }
        #expect(throws: EnvironmentError.self) { try output.write(Self.plan(["a.json": "changed", "b/d.json": "3"])) }
        #expect(try Self.tree(base + "/out") == before)
        #expect(try fm.contentsOfDirectory(atPath: base) == ["out"], "the staging folder is removed")
    }

    @Test func aFolderThatIsNotAPreviousOutputIsNotUpdated() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-update-guard-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        let output = DiskOutput(target: base + "/out")
        output.mode = .update
        try output.write(Self.plan(["a.json": "1"]))
        try fm.removeItem(atPath: base + "/out/" + OutputGuard.markerName)
        try output.write(Self.plan(["a.json": "1"]))
        #expect(output.updated == nil, "without the marker the folder is replaced whole, as before")
    }
}
