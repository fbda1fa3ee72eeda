import CSEDiagnostics
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

    /// Paths whose folders share prefixes inside a component (`b`, `b-c`, `bc`, `b.json`): the scan in byte
    /// order must neither miss a folder nor list one twice, and must put every parent a depth above its child.
    static let trickyPaths = [
        "z.json", "a/b/c/d/e.json", "a/b.json", "a/b-c/x.json", "a/bc/y.json", "a/b/c/f.json", "a/b/g.json",
        "a/b/c2/h.json", "v1/signals/B/index.json", "v1/signals/A/mappings/index.json", "v1/signals/A/index.json",
        "a/b-c/deep/er/i.json", "index.json",
    ]

    @Test func folderLevelsListEachFolderOnceByDepthAndParent() {
        var plan = OutputPlan()
        for path in Self.trickyPaths { plan.add(OutputFile(path: path, bytes: [])) }
        let levels = DiskOutput.folderLevels(plan)
        // The definition: every proper prefix of a path that ends before a `/`, grouped by its number of `/`.
        var expected: Set<String> = []
        for path in Self.trickyPaths {
            var parts = path.split(separator: "/").map(String.init)
            parts.removeLast()
            for n in parts.indices { expected.insert(parts[...n].joined(separator: "/")) }
        }
        let listed = levels.flatMap { $0.flatMap { $0 } }
        #expect(listed.count == expected.count)
        #expect(Set(listed) == expected)
        for (depth, runs) in levels.enumerated() {
            for run in runs {
                let parents = Set(run.map { $0.split(separator: "/").dropLast().joined(separator: "/") })
                #expect(parents.count == 1, "a run mixes parents: \(run)")
                #expect(run.allSatisfy { $0.split(separator: "/").count == depth + 1 })
            }
        }
        #expect(levels.map { $0.count } == [1, 2, 3, 3])  // runs per depth: one per parent
    }

    @Test func writeCreatesEveryFolderAndFile() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-write-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        var plan = OutputPlan()
        for path in Self.trickyPaths { plan.add(OutputFile(path: path, bytes: Array(path.utf8))) }
        try DiskOutput(target: base + "/out").write(plan)
        for path in Self.trickyPaths {
            #expect(try String(contentsOfFile: base + "/out/" + path, encoding: .utf8) == path)
        }
        #expect(try fm.contentsOfDirectory(atPath: base).sorted() == ["out"])
    }

    /// Deferred files that cannot be rendered stop the write: every one is reported, in plan order (equal
    /// diagnostics once) whatever the threads' timing, and the previous output stays as it was.
    @Test func renderFailuresAreAllReportedInPlanOrderAndNothingIsKept() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-render-fail-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        var previous = OutputPlan()
        previous.add(OutputFile(path: "kept.json", bytes: Array("previous".utf8)))
        try DiskOutput(target: base + "/out").write(previous)

        func failure(_ n: Int) -> Diagnostic {
            Diagnostic(.templateOutputTooLarge, range: .file("templates/t\(n).mustache"), summary: "page \(n)", hint: "")
        }
        var plan = OutputPlan()
        let failing: Set<Int> = [7, 150, 151, 400]
        for i in 0..<500 {
            if failing.contains(i) {
                // 150 and 151 fail with the same diagnostic: it is reported once.
                let d = failure(i == 151 ? 150 : i)
                plan.add(OutputFile(path: "f\(i).html") { () throws(OutputFile.RenderFailure) -> [UInt8] in throw OutputFile.RenderFailure(d) })
            } else {
                plan.add(OutputFile(path: "f\(i).html") { Array("page \(i)".utf8) })
            }
        }
        for sink in [DiskOutput(target: base + "/out") as any OutputSink, MemorySink()] {
            do {
                try OutputWriter.write(plan, to: sink)
                Issue.record("a plan with failing files was written")
            } catch let failed as RenderFailures {
                #expect(failed.diagnostics.map(\.summary) == ["page 7", "page 150", "page 400"])
            }
        }
        #expect(try fm.contentsOfDirectory(atPath: base + "/out").sorted() == [OutputGuard.markerName, "kept.json"].sorted())
        #expect(try String(contentsOfFile: base + "/out/kept.json", encoding: .utf8) == "previous")
        #expect(try fm.contentsOfDirectory(atPath: base).sorted() == ["out"])
    }

    /// The byte-order sort of many paths against the plain definition, equal keys in insertion order.
    @Test func byteKeysSortLikeUTF8Order() {
        let paths = ["b", "a/b", "a", "", "é", "e\u{301}", "a/b", "ab", "a-b", "Z", "z", "a/b", "ß", "a/ba"]
        var keys = ByteKeys(capacity: paths.count)
        for path in paths { keys.append(path) }
        let expected = paths.indices.sorted { a, b in
            paths[a].utf8.elementsEqual(paths[b].utf8) ? a < b : paths[a].utf8.lexicographicallyPrecedes(paths[b].utf8)
        }
        #expect(keys.sortedPositions() == expected)
        var folded = ByteKeys(capacity: 2)
        folded.appendCaseFolded("Sig/ÉTÉ/A.json")
        folded.appendCaseFolded("sig/été/a.json")
        #expect(folded.equal(0, 1))
    }
}
