public import CSEDiagnostics
import CSEYAML
import Foundation

/// Writes a prepared release into a registry root: `registry/` replaced whole and atomically (``DiskOutput``),
/// then `CHANGELOG.md`, `cse.yaml` and `release.yaml`, each replaced by a rename. Everything is computed before
/// the first write, so a release that fails to prepare writes nothing.
public struct ReleaseWriter {
    public var root: String
    /// Fault injection for tests: called before each file outside `registry/` is replaced, and at each step of
    /// writing `registry/`.
    var beforeRootFile: ((String) throws -> Void)?
    var folderFaults: (@Sendable (DiskOutput.FaultPoint) throws -> Void)?

    public init(root: String) { self.root = root }

    public static let changelogFile = "CHANGELOG.md"
    static let changelogHeader = """
        # Changelog

        Every release of this registry, newest first. `cse release` writes this file from
        `registry/changelog/<version>.json`; edit the registry, not this file. docs/releases.md explains the classes.


        """

    /// The root files a release rewrites, with their new contents.
    public func rootFiles(_ release: PreparedRelease) throws -> [(String, [UInt8])] {
        var files: [(String, [UInt8])] = []
        let config = (try? BoundedFile.read(path: root + "/cse.yaml", limit: InputLimits.fileSize)) ?? []
        guard let edited = Self.settingVersion(config, version: release.version, publishedAt: release.history.latest?.publishedAt ?? "") else {
            throw EnvironmentError("cse.yaml has no registry.version for the release to update", reasons: ["add `registry:` with `version:` to cse.yaml"])
        }
        files.append(("cse.yaml", edited))
        var changelog = Array(Self.changelogHeader.utf8) + Array(release.changelogSection.utf8)
        if let old = try? BoundedFile.read(path: root + "/" + Self.changelogFile, limit: InputLimits.releaseFileSize) {
            let header = Array(Self.changelogHeader.utf8)
            changelog += old.starts(with: header) ? Array(old.dropFirst(header.count)) : old
        }
        files.append((Self.changelogFile, changelog))
        if !release.diff.declarations.isEmpty { files.append((DeclarationsFile.path, Array(DeclarationsFile.emptied.utf8))) }
        return files
    }

    /// Writes the release. `registry/` must be absent or a folder a previous release wrote.
    @discardableResult
    public func write(_ release: PreparedRelease) throws -> (WriteSummary, [Diagnostic]) {
        let files = try rootFiles(release)
        let folder = root + "/" + ReleaseFolder.path
        if let status = Platform.linkStatus(folder) {
            guard status.kind == .folder, OutputGuard.isPreviousOutput(folder) || OutputGuard.isEmptyFolder(folder) else {
                throw EnvironmentError("'\(folder)' exists and was not written by cse release", reasons: ["move it away; only cse release writes registry/"])
            }
        }
        let output = DiskOutput(target: folder)
        output.faults = folderFaults
        let (summary, diagnostics) = try release.builder.write(to: output)
        guard let summary else { return (WriteSummary(fileCount: 0, totalBytes: 0), diagnostics) }
        for (path, bytes) in files {
            try beforeRootFile?(path)
            try AtomicFile.replace(root + "/" + path, with: bytes)
        }
        return (summary, diagnostics)
    }

    /// `cse.yaml` with `registry.version` and `registry.published_at` set (the latter added after the version
    /// when absent); nil when it has no `registry.version`.
    static func settingVersion(_ bytes: [UInt8], version: String, publishedAt: String) -> [UInt8]? {
        let (node, _) = DocumentLoader.load(bytes, path: "cse.yaml", format: .yaml)
        guard let registry = node?["registry"], let v = registry["version"] else { return nil }
        // Written as `cse fmt` writes it, so that a release leaves cse.yaml in canonical form.
        var edits: [(range: Range<Int>, text: String)] = [(v.span.start.offset..<v.span.end.offset, YAMLWriter.scalar(version, flow: false))]
        let date = Escaping.yamlDoubleQuoted(publishedAt)
        if let p = registry["published_at"] {
            edits.append((p.span.start.offset..<p.span.end.offset, date))
        } else {
            let indent = String(repeating: " ", count: max(0, v.span.start.column - 1 - "version: ".count))
            edits.append((v.span.end.offset..<v.span.end.offset, "\n\(indent)published_at: \(date)"))
        }
        var out = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            out.replaceSubrange(edit.range, with: Array(edit.text.utf8))
        }
        return out
    }
}
