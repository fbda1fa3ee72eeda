import Dispatch
import Foundation

/// Writes an output plan to disk atomically: into a staging folder beside the target, which replaces the
/// target only once every file is written.
///
/// The swap is one step where the file system allows it (`renameat2` with `RENAME_EXCHANGE`, macOS
/// `RENAME_SWAP`): at every instant the target path names a complete output, the previous or the new one.
/// Elsewhere the previous output is first parked beside the target and then replaced; a build killed in
/// between leaves it parked, and the next build puts it back before anything else. No build deletes the
/// only copy of a previous output: staging folders of dead builds are removed only while the target exists.
///
/// Only a folder that holds the marker file of a previous build (``OutputGuard/markerName``) is replaced
/// (see ``OutputGuard``). Files are written with plain system calls (``Platform``): Foundation's `FileManager`
/// costs milliseconds per file on Linux, which dominates a 10,000-file tree.
///
/// A sink (``OutputSink``): ``begin(_:)`` makes the staging folder and every folder of the plan, each
/// ``write(_:_:index:)`` writes one file into it, ``commit()`` writes the marker and swaps.
public final class DiskOutput: OutputSink, @unchecked Sendable {
    /// The output folder.
    public let target: URL
    /// Called at each step that can fail or be interrupted (tests inject faults here). Set before writing.
    var faults: (@Sendable (FaultPoint) throws -> Void)?
    /// Whether to swap in one step when the system can (tests turn it off to check the fallback).
    var exchange = true
    public var timer: PhaseTimer = .disabled
    /// How a previous output is replaced (``Mode``); `.replace` unless set.
    public var mode: Mode = .replace
    /// After a commit in `.update` mode over a previous output: how many files were written, and how many
    /// files of the previous output were removed because the new one lacks them (those that stood where a
    /// new file or folder goes are replaced, not counted).
    public private(set) var updated: (written: Int, removed: Int)?
    /// The write under way: its staging folder, open.
    private var staging: (path: String, folder: Folder)?
    /// The update under way, in `.update` mode over a previous output.
    private var update: Update?

    /// How the new output takes the place of a previous one.
    public enum Mode: Sendable {
        /// The whole new tree replaces the previous one in one step: at every instant the target is one
        /// complete output. Every file is written. (`cse release`, and every first build.)
        case replace
        /// Only the files whose bytes differ from the previous output's are written (into the staging
        /// folder, then each renamed into place), and files the new output lacks are removed: a build after
        /// a small edit touches a few files instead of tens of thousands. A failure before the commit
        /// leaves the previous output as it was; during the commit, each file is whole but the tree is a
        /// mix until the commit ends (a killed build is repaired by the next, which compares every file).
        case update
    }

    public init(target: String) {
        self.target = URL(fileURLWithPath: target).standardizedFileURL
    }

    deinit { staging?.folder.close() }

    /// A step of a write at which a test may inject a fault.
    enum FaultPoint: Sendable, Hashable {
        case writeFile(String)
        case writeMarker
        /// The first rename of a swap (one-step exchange, or parking the previous output).
        case swap
        /// Moving the new output into place after parking the previous one.
        case moveIntoPlace
        case removePrevious
    }

    /// An injected fault that stops the process where it stands (as `kill -9` would): nothing is cleaned up.
    struct SimulatedKill: Error {}

    private var parent: URL { target.deletingLastPathComponent() }
    private var stagingPrefix: String { ".\(target.lastPathComponent).cse-staging-" }
    private var parkedPrefix: String { ".\(target.lastPathComponent).cse-previous-" }

    /// Writes the plan's files as they are (through ``OutputWriter``).
    @discardableResult
    public func write(_ plan: OutputPlan) throws -> WriteSummary { try OutputWriter.write(plan, to: self) }

    public func begin(_ plan: OutputPlan) throws {
        try Self.makeDirectories(parent.path)
        restoreParkedOutput()
        removeStaleFolders()
        updated = nil
        let path = parent.appendingPathComponent(stagingPrefix + String(Platform.processID)).path
        Self.removeTree(path)
        try Self.makeDirectory(path)
        if mode == .update, Platform.linkStatus(target.path)?.kind == .folder, OutputGuard.isPreviousOutput(target.path) {
            do {
                update = try Update(target: Folder(target.path), staging: Folder(path), stagingPath: path, plan: plan)
            } catch {
                Self.removeTree(path)
                throw error
            }
            return
        }
        do {
            // Folders first, from several threads: creating tens of thousands of small folders is
            // system-call bound, and the kernel overlaps them across threads. Paths are resolved from the
            // open staging folder, so the kernel walks only the plan's part.
            let folder = try Folder(path)
            staging = (path, folder)
            try Self.makeFolders(Self.folderLevels(plan), in: folder)
            timer.mark("write: folders")
        } catch {
            staging?.folder.close()
            staging = nil
            Self.removeTree(path)
            throw error
        }
    }

    public func write(_ path: String, _ bytes: [UInt8], index: Int) throws {
        if let update {
            try update.write(path, bytes, index: index, faults: faults)
            return
        }
        guard let folder = staging?.folder else { throw EnvironmentError("nothing is being written to '\(target.path)'") }
        try faults?(.writeFile(path))
        try Self.writeFile(path, bytes, in: folder)
    }

    public func commit() throws -> [OutputFile] {
        if let update {
            defer {
                update.close()
                self.update = nil
            }
            try faults?(.writeMarker)
            try update.write(OutputGuard.markerName, OutputGuard.markerContents, index: -1, faults: nil)
            timer.mark("write: compare and stage")
            updated = try update.commit(into: target.path)
            timer.mark("write: update in place")
            return []
        }
        guard let (path, folder) = staging else { throw EnvironmentError("nothing is being written to '\(target.path)'") }
        try faults?(.writeMarker)
        try Self.writeFile(OutputGuard.markerName, OutputGuard.markerContents, in: folder)
        folder.close()
        staging = nil
        do {
            try swapIntoPlace(path)
        } catch let kill as SimulatedKill {
            throw kill
        } catch {
            Self.removeTree(path)
            throw error
        }
        return []
    }

    public func abandon() {
        if let update {
            update.close()
            Self.removeTree(update.stagingPath)
            self.update = nil
        }
        guard let (path, folder) = staging else { return }
        folder.close()
        staging = nil
        Self.removeTree(path)
    }

    /// Puts the new output in place of the target.
    private func swapIntoPlace(_ staging: String) throws {
        guard Platform.linkStatus(target.path) != nil else {
            try faults?(.swap)
            try Self.rename(staging, target.path)
            return
        }
        if exchange {
            try faults?(.swap)
            let swapped: Bool
            do {
                try Platform.exchange(staging, target.path)
                swapped = true
            } catch {
                guard error.isUnsupported else { throw Self.failure("move into place", target.path, error) }
                swapped = false
            }
            if swapped {
                // The staging path now holds the previous output; the target is the new one.
                timer.mark("write: swap")
                try faults?(.removePrevious)
                Self.removeTree(staging)
                timer.mark("write: remove previous")
                return
            }
        }
        // No one-step exchange here: park the previous output, then move the new one into place. Until the
        // second rename the previous output is whole at the parked path, and the next build restores it.
        let parked = parent.appendingPathComponent(parkedPrefix + String(Platform.processID)).path
        Self.removeTree(parked)
        if !exchange { try faults?(.swap) }
        try Self.rename(target.path, parked)
        do {
            try faults?(.moveIntoPlace)
            try Self.rename(staging, target.path)
        } catch let kill as SimulatedKill {
            throw kill
        } catch {
            try? Self.rename(parked, target.path)
            throw error
        }
        timer.mark("write: swap")
        try faults?(.removePrevious)
        Self.removeTree(parked)
        timer.mark("write: remove previous")
    }

    /// Names of this target's staging and parked folders beside it.
    private func leftovers() -> (staging: [String], parked: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return ([], []) }
        return (names.filter { $0.hasPrefix(stagingPrefix) }.sorted(), names.filter { $0.hasPrefix(parkedPrefix) }.sorted())
    }

    /// When a build was killed between parking the previous output and moving the new one into place, the
    /// target is missing and the previous output waits, whole, at its parked path: put it back.
    private func restoreParkedOutput() {
        guard Platform.linkStatus(target.path) == nil else { return }
        for name in leftovers().parked.reversed() {
            let path = parent.appendingPathComponent(name).path
            if OutputGuard.isPreviousOutput(path), (try? Self.rename(path, target.path)) != nil { return }
        }
    }

    /// Removes what dead builds left beside the target: their staging folders (an unfinished output, or,
    /// after a one-step exchange, the previous one) and parked copies. Only while the target exists, so
    /// that the only copy of an output is never removed; folders of builds still running are left alone.
    private func removeStaleFolders() {
        guard Platform.linkStatus(target.path) != nil else { return }
        let (staging, parked) = leftovers()
        for name in staging + parked {
            let prefix = name.hasPrefix(stagingPrefix) ? stagingPrefix : parkedPrefix
            if let pid = Int32(name.dropFirst(prefix.count)), pid != Platform.processID, Platform.isProcessAlive(pid) { continue }
            Self.removeTree(parent.appendingPathComponent(name).path)
        }
    }

    // MARK: - File system helpers

    /// The error a failed system call is reported as: what could not be done, where, and the system's reason.
    static func failure(_ what: String, _ path: String, _ error: Platform.SystemError) -> EnvironmentError {
        EnvironmentError("cannot \(what) '\(path)'", reasons: [error.message])
    }

    static func makeDirectory(_ path: String) throws {
        do { try Platform.makeFolder(path) } catch { throw failure("create the folder", path, error) }
    }

    static func makeDirectories(_ path: String) throws {
        if Platform.targetStatus(path) != nil { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        try makeDirectory(path)
    }

    /// Every folder the plan's files need, by depth (`levels[0]` holds the top-level folders), and at each
    /// depth in runs that share a parent folder.
    ///
    /// One pass over the paths in byte order, without hashing: the paths below a folder are contiguous in
    /// that order, so a file's folders that the previous file's folder does not share are new.
    static func folderLevels(_ plan: OutputPlan) -> [[[String]]] {
        let slash = UInt8(ascii: "/")
        var levels: [[[String]]] = []
        var runParents: [ArraySlice<UInt8>] = []  // per depth, the parent folder of its last run
        var previous: [UInt8] = []  // the previous file's folder
        plan.files.withUnsafeBufferPointer { files in
            for i in plan.sortedIndices() {
                let path = Array(files[i].path.utf8)
                let end = path.lastIndex(of: slash) ?? 0
                // Whole leading components this folder shares with the previous one exist already.
                var k = 0
                while k < end, k < previous.count, path[k] == previous[k] { k += 1 }
                let atBoundary = (k == end || path[k] == slash) && (k == previous.count || previous[k] == slash)
                let shared = atBoundary ? k : (path[..<k].lastIndex(of: slash) ?? 0)
                var start = shared == 0 ? 0 : shared + 1
                var depth = path[..<start].reduce(0) { $1 == slash ? $0 + 1 : $0 }
                while start < end {
                    var stop = start
                    while stop < end, path[stop] != slash { stop += 1 }
                    let parent = path[..<max(0, start - 1)]
                    if levels.count == depth {
                        levels.append([])
                        runParents.append([])
                    }
                    let folder = String(decoding: path[..<stop], as: UTF8.self)
                    if !levels[depth].isEmpty && runParents[depth].elementsEqual(parent) {
                        levels[depth][levels[depth].count - 1].append(folder)
                    } else {
                        levels[depth].append([folder])
                        runParents[depth] = parent
                    }
                    depth += 1
                    start = stop + 1
                }
                previous = Array(path[..<end])
            }
        }
        return levels
    }

    /// Creates the folders of ``folderLevels(_:)`` below `root`, one depth at a time, the runs of each depth
    /// from all cores: folders with different parents are created in parallel by the kernel, while those
    /// sharing one take turns on its lock anyway.
    static func makeFolders(_ levels: [[[String]]], in root: Folder) throws {
        let firstError = FirstError()
        for level in levels {
            level.withUnsafeBufferPointer { runs in
                let shared = FolderRuns(runs: runs)
                DispatchQueue.concurrentPerform(iterations: runs.count) { r in
                    for folder in shared.runs[r] where firstError.error == nil {
                        do throws(Platform.SystemError) {
                            try Platform.makeFolder(folder, in: root.descriptor)
                        } catch {
                            firstError.set(failure("create the folder", root.path + "/" + folder, error))
                        }
                    }
                }
            }
            if let error = firstError.error { throw error }
        }
    }

    /// An open folder that paths are resolved from, so the kernel walks only the part below it; `path` is
    /// for messages.
    struct Folder: Sendable {
        let path: String
        let descriptor: Platform.Descriptor

        init(_ path: String) throws {
            self.path = path
            do { descriptor = try Platform.openFolder(path) } catch { throw failure("open the folder", path, error) }
        }

        func close() { Platform.close(descriptor) }
    }

    static func writeFile(_ relativePath: String, _ bytes: [UInt8], in folder: Folder) throws {
        let file: Platform.Descriptor
        do { file = try Platform.createFile(relativePath, in: folder.descriptor) } catch {
            throw failure("create", folder.path + "/" + relativePath, error)
        }
        defer { Platform.close(file) }
        do { try Platform.writeAll(bytes, to: file) } catch { throw failure("write", folder.path + "/" + relativePath, error) }
    }

    static func rename(_ from: String, _ to: String) throws {
        do { try Platform.rename(from, to: to) } catch { throw failure("move into place", to, error) }
    }

    /// Removes `path` and everything below it, without following symbolic links; a missing path is fine.
    ///
    /// Works relative to open folders, so the kernel does not walk the whole path for every entry, and uses
    /// the entry kinds the folder listing reports instead of a `stat` per entry. The first folder on the way
    /// down with many subfolders (`signals/<D>/<C>/`, `v1/signals/`) has them removed from all cores.
    static func removeTree(_ path: String) {
        guard let status = Platform.linkStatus(path) else { return }
        guard status.kind == .folder else {
            try? Platform.removeFile(path)
            return
        }
        if let folder = try? Platform.openFolder(path, followLinks: false) { removeContents(of: folder, parallel: true) }
        try? Platform.removeFolder(path)
    }

    /// Subfolders from which a folder's subfolders are removed in parallel.
    static let parallelRemovalThreshold = 64

    /// Removes everything inside the open folder `folder`, and closes it.
    private static func removeContents(of folder: Platform.Descriptor, parallel: Bool) {
        guard let listing = try? Platform.FolderListing(folder) else { return }
        defer { listing.close() }
        var files: [String] = [], folders: [String] = []
        listing.visitEntries { name, kind in
            let name = String(decoding: name, as: UTF8.self)
            if kind == .folder { folders.append(name) } else { files.append(name) }
        }
        for name in files { try? Platform.removeFile(name, in: folder) }
        if parallel && folders.count >= parallelRemovalThreshold {
            // Parallel loops nested inside this one would run on one thread: the subfolders go serially.
            folders.withUnsafeBufferPointer { names in
                let shared = FolderNames(names: names)
                DispatchQueue.concurrentPerform(iterations: names.count) { i in removeFolder(shared.names[i], in: folder, parallel: false) }
            }
        } else {
            for name in folders { removeFolder(name, in: folder, parallel: parallel) }
        }
    }

    private static func removeFolder(_ name: String, in parent: Platform.Descriptor, parallel: Bool) {
        if let child = try? Platform.openFolder(name, in: parent) { removeContents(of: child, parallel: parallel) }
        try? Platform.removeFolder(name, in: parent)
    }
}

/// Folder names read by the removal threads (immutable while they run).
private struct FolderNames: @unchecked Sendable {
    let names: UnsafeBufferPointer<String>
}

/// Runs of folders read by the folder-creating threads (immutable while they run).
private struct FolderRuns: @unchecked Sendable {
    let runs: UnsafeBufferPointer<[String]>
}

/// Replaces one file whole: the bytes go to a hidden file beside it, which is then renamed over it, so a
/// reader sees the old file or the new one and never a part of either.
///
/// Foundation's `Data.write(to:options: .atomic)` does the same on Linux through a scratch folder in the
/// system's temporary directory that it leaves behind, one per write; this one leaves nothing.
public enum AtomicFile {
    public static func replace(_ path: String, with bytes: [UInt8]) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let scratch = ".\(name).cse-\(getpid())"
        let open = try DiskOutput.Folder(folder.isEmpty ? "/" : folder)
        defer { open.close() }
        do {
            try DiskOutput.writeFile(scratch, bytes, in: open)
            try DiskOutput.rename(open.path + "/" + scratch, path)
        } catch {
            try? Platform.removeFile(scratch, in: open.descriptor)
            throw error
        }
    }
}
