import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// Class 8 of issue 16: an interrupted or failing swap never loses the previous output.
///
/// Faults are injected at every step of a write (each file, the marker, the swap, moving into place,
/// removing the previous output), both as a kill (the process stops where it stands, nothing is cleaned up)
/// and as a full disk (the step fails with ENOSPC), with the one-step exchange and with the two-rename
/// fallback. After each fault, the output folder must hold a complete output (the previous or the new one),
/// or the previous one must wait, whole, where the next build restores it; a next build that fails must
/// leave it intact; and a clean build must then leave exactly the new output and nothing beside it.
@Suite(.serialized) struct DiskOutputFaultTests {
    static func plan(_ tag: String) -> OutputPlan {
        var plan = OutputPlan()
        for path in ["index.json", "a/one.json", "a/two.json", "a/b/three.json", "c/four.json", "c/d/e/five.json"] {
            plan.add(OutputFile(path: path, bytes: Array("\(tag) \(path)\n".utf8)))
        }
        return plan
    }

    static func files(_ plan: OutputPlan) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.bytes) })
    }

    /// The regular files below a folder (marker excluded), or nil when the folder does not exist.
    static func tree(_ folder: String) -> [String: [UInt8]]? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        var out: [String: [UInt8]] = [:]
        for case let path as String in fm.enumerator(atPath: folder)! {
            var dir: ObjCBool = false
            guard path != OutputGuard.markerName, fm.fileExists(atPath: folder + "/" + path, isDirectory: &dir), !dir.boolValue else { continue }
            out[path] = Array(fm.contents(atPath: folder + "/" + path) ?? Data())
        }
        return out
    }

    enum Mode: CaseIterable { case kill, diskFull }

    /// Fault points of a write, in order; file writes are named by one file each (written from threads).
    static let points: [DiskOutput.FaultPoint] = [
        .writeFile("index.json"), .writeFile("c/d/e/five.json"), .writeMarker, .swap, .moveIntoPlace, .removePrevious,
    ]

    static func writer(_ target: String, exchange: Bool, fault: DiskOutput.FaultPoint?, mode: Mode) -> DiskOutput {
        let output = DiskOutput(target: target)
        output.exchange = exchange
        if let fault {
            output.faults = { point in
                guard point == fault else { return }
                switch mode {
                case .kill: throw DiskOutput.SimulatedKill()
                case .diskFull: throw EnvironmentError("cannot write", reasons: [String(cString: strerror(ENOSPC))])
                }
            }
        }
        return output
    }

    @Test(arguments: [true, false])
    func previousOutputSurvivesEveryFault(exchange: Bool) throws {
        let (a, b, c) = (Self.plan("A"), Self.plan("B"), Self.plan("C"))
        for point in Self.points {
            for mode in Mode.allCases {
                // Removing the previous output comes after the swap; only a kill can stop there.
                if point == .removePrevious && mode == .diskFull { continue }
                // Without the exchange, `.moveIntoPlace` is the second rename; with it, there is none.
                if point == .moveIntoPlace && exchange { continue }
                try check(point: point, mode: mode, exchange: exchange, a: a, b: b, c: c)
            }
        }
    }

    private func check(point: DiskOutput.FaultPoint, mode: Mode, exchange: Bool, a: OutputPlan, b: OutputPlan, c: OutputPlan) throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-faults-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        let target = base + "/out"
        let label = "\(point) \(mode) exchange=\(exchange)"
        try Self.writer(target, exchange: exchange, fault: nil, mode: mode).write(a)
        #expect(Self.tree(target) == Self.files(a), "\(label): first write")

        // The faulted write.
        #expect(throws: (any Error).self, "\(label)") { try Self.writer(target, exchange: exchange, fault: point, mode: mode).write(b) }
        let afterFault = Self.tree(target)
        let parked = (try? fm.contentsOfDirectory(atPath: base))?.filter { $0.contains(".cse-previous-") } ?? []
        switch (mode, afterFault) {
        case (.diskFull, let tree):
            #expect(tree == Self.files(a), "\(label): a failed write must leave the previous output")
        case (.kill, let tree?):
            #expect(tree == Self.files(a) || tree == Self.files(b), "\(label): the output folder holds a torn tree")
        case (.kill, nil):
            // Killed between parking the previous output and moving the new one in: it waits, whole.
            #expect(point == .moveIntoPlace && !exchange, "\(label): the output folder vanished")
            #expect(parked.count == 1 && Self.tree(base + "/" + parked[0]) == Self.files(a), "\(label): no whole parked copy")
        }
        let current = afterFault ?? Self.files(a)

        // A next build that fails on its first file must not lose what is there (or parked).
        #expect(throws: (any Error).self, "\(label)") {
            try Self.writer(target, exchange: exchange, fault: .writeFile("index.json"), mode: .diskFull).write(c)
        }
        #expect(Self.tree(target) == current, "\(label): the failed next build lost the previous output")

        // A clean build leaves exactly its output, with its marker, and nothing beside it.
        try Self.writer(target, exchange: exchange, fault: nil, mode: mode).write(c)
        #expect(Self.tree(target) == Self.files(c), "\(label): the clean build")
        #expect(fm.fileExists(atPath: target + "/" + OutputGuard.markerName), "\(label): no marker")
        #expect(try fm.contentsOfDirectory(atPath: base) == ["out"], "\(label): leftovers beside the output")
    }
}
