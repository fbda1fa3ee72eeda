import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes an output plan to disk atomically: into a temporary folder beside the target, which replaces
/// the target only once every file is written.
///
/// A build that fails or is killed leaves the previous output as it was. Temporary folders left by killed
/// builds are removed by the next build.
public struct DiskOutput: Sendable {
    /// The output folder.
    public var target: URL

    public init(target: String) {
        self.target = URL(fileURLWithPath: target).standardizedFileURL
    }

    private var parent: URL { target.deletingLastPathComponent() }
    private var stagingPrefix: String { ".\(target.lastPathComponent).cse-staging-" }

    public func write(_ plan: OutputPlan) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        removeStaleStaging()
        let staging = parent.appendingPathComponent(stagingPrefix + String(ProcessInfo.processInfo.processIdentifier))
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var made: Set<String> = [""]
            for file in plan.sortedFiles {
                let url = staging.appendingPathComponent(file.path)
                let dir = (file.path as NSString).deletingLastPathComponent
                if !made.contains(dir) {
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    made.insert(dir)
                }
                guard fm.createFile(atPath: url.path, contents: Data(file.bytes)) else {
                    throw EnvironmentError("cannot write '\(url.path)'", reasons: ["is the disk full or the folder read-only?"])
                }
            }
            try swapIntoPlace(staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// Replaces the target with the staging folder by two renames (old output aside, new into place).
    ///
    /// Between the two renames the target path briefly does not exist, but the previous output is never
    /// modified: it sits complete beside the target until the new one is in place.
    private func swapIntoPlace(_ staging: URL) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: target.path) {
            try fm.moveItem(at: staging, to: target)
            return
        }
        let old = parent.appendingPathComponent(stagingPrefix + "old-" + String(ProcessInfo.processInfo.processIdentifier))
        try? fm.removeItem(at: old)
        try fm.moveItem(at: target, to: old)
        try fm.moveItem(at: staging, to: target)
        try? fm.removeItem(at: old)
    }

    private func removeStaleStaging() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(stagingPrefix) {
            let pidText = name.dropFirst(stagingPrefix.count).split(separator: "-").last.map(String.init) ?? ""
            // Leave folders of builds that are still running.
            if let pid = Int32(pidText), pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == 0 { continue }
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}
