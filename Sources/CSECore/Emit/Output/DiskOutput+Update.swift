import Foundation

extension DiskOutput {
    /// A write in `.update` mode (``DiskOutput/Mode/update``): files are compared with the previous output's
    /// as they come; only those that differ are written, into the staging folder, and ``commit(into:)``
    /// renames them into place and removes what the new output does not have.
    final class Update: @unchecked Sendable {
        let target: Folder
        let staging: Folder
        let stagingPath: String
        /// Every path the new output has (the plan's, then the files decorators and the commit add).
        private var planned: Set<String>
        /// The files that differ, written into the staging folder.
        private var changed: [String] = []
        /// Folders made in the staging folder so far.
        private var made: Set<String> = []
        private let lock = NSLock()

        init(target: Folder, staging: Folder, stagingPath: String, plan: OutputPlan) {
            self.target = target
            self.staging = staging
            self.stagingPath = stagingPath
            planned = Set(plan.files.map(\.path))
        }

        func close() {
            target.close()
            staging.close()
        }

        /// Called from several threads at once.
        func write(_ path: String, _ bytes: [UInt8], index: Int, faults: (@Sendable (FaultPoint) throws -> Void)?) throws {
            // A file that is not the plan's (a checksum file, the marker) joins the output's paths.
            if index < 0 { lock.withLock { _ = planned.insert(path) } }
            if Self.sameContents(path, bytes, in: target.descriptor) { return }
            try faults?(.writeFile(path))
            try lock.withLock { try makeFolders(of: path) }
            try DiskOutput.writeFile(path, bytes, in: staging)
            lock.withLock { changed.append(path) }
        }

        /// Whether the previous output has exactly `bytes` at `path`: a plain file (no link on the way)
        /// of that size and those contents.
        static func sameContents(_ path: String, _ bytes: [UInt8], in folder: Platform.Descriptor) -> Bool {
            guard let file = try? Platform.openForReading(path, beneath: folder, followingLinks: false) else { return false }
            defer { Platform.close(file) }
            guard let status = try? Platform.fileStatus(file), status.kind == .regular, status.size == bytes.count else { return false }
            guard let previous = try? BoundedFile.read(descriptor: file, limit: bytes.count) else { return false }
            return previous == bytes
        }

        /// The folders of `path` in the staging folder (called under the lock).
        private func makeFolders(of path: String) throws {
            var prefix = ""
            for part in path.split(separator: "/").dropLast() {
                prefix += prefix.isEmpty ? String(part) : "/" + part
                guard made.insert(prefix).inserted else { continue }
                do { try Platform.makeFolder(prefix, in: staging.descriptor) } catch {
                    guard error.code == EEXIST else { throw DiskOutput.failure("create the folder", stagingPath + "/" + prefix, error) }
                }
            }
        }

        /// Moves each changed file into place (its folders made, whatever stood in their way removed), then
        /// removes the files and folders the new output does not have, and the staging folder.
        func commit(into targetPath: String) throws -> (written: Int, removed: Int) {
            var folders: Set<String> = []
            for path in changed.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                var prefix = ""
                for part in path.split(separator: "/").dropLast() {
                    prefix += prefix.isEmpty ? String(part) : "/" + part
                    guard folders.insert(prefix).inserted else { continue }
                    let full = targetPath + "/" + prefix
                    if let status = Platform.linkStatus(full) {
                        if status.kind == .folder { continue }
                        // A file or link where the new output has a folder.
                        DiskOutput.removeTree(full)
                    }
                    try DiskOutput.makeDirectory(full)
                }
                let destination = targetPath + "/" + path
                if Platform.linkStatus(destination)?.kind == .folder { DiskOutput.removeTree(destination) }
                try DiskOutput.rename(stagingPath + "/" + path, destination)
            }
            let removed = removeUnplanned(in: target.descriptor, prefix: "").removed
            DiskOutput.removeTree(stagingPath)
            return (changed.count, removed)
        }

        /// Removes below `folder` every entry the new output does not have (files not planned, anything that
        /// is neither a file nor a folder, folders left empty).
        /// - Returns: how many files it removed, and how many entries `folder` still holds.
        private func removeUnplanned(in folder: Platform.Descriptor, prefix: String) -> (removed: Int, kept: Int) {
            var removed = 0, kept = 0
            var entries: [(String, Platform.EntryKind)] = []
            guard let listing = try? Platform.FolderListing(Platform.openFolder(".", in: folder)) else { return (0, 1) }
            listing.visitEntries { name, kind in entries.append((String(decoding: name, as: UTF8.self), kind)) }
            listing.close()
            for (name, kind) in entries {
                let path = prefix.isEmpty ? name : prefix + "/" + name
                switch kind {
                case .folder:
                    guard let child = try? Platform.openFolder(name, in: folder) else {
                        kept += 1
                        continue
                    }
                    let inner = removeUnplanned(in: child, prefix: path)
                    Platform.close(child)
                    removed += inner.removed
                    if inner.kept == 0, (try? Platform.removeFolder(name, in: folder)) != nil { continue }
                    kept += 1
                case .regular where planned.contains(path):
                    kept += 1
                default:
                    if (try? Platform.removeFile(name, in: folder)) != nil { removed += 1 } else { kept += 1 }
                }
            }
            return (removed, kept)
        }
    }
}
