import Foundation
import Testing

/// Golden files: compares text or whole trees with checked-in expectations.
///
/// `RECORD_GOLDENS=1 swift test` rewrites the expectations in place (found through `#filePath`) and fails
/// the run, so a recording can never pass CI by accident.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    static let fixtures = TestRegistry.repositoryRoot.appendingPathComponent("Tests/CSECoreTests/Fixtures")

    /// Compares `actual` with the golden text file at `path` (relative to Fixtures/).
    static func assertText(_ actual: String, matches path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = fixtures.appendingPathComponent(path)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            Issue.record("\(path) differs:\n\(diff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// Compares a set of files with the golden tree at `path` (relative to Fixtures/): same paths, same bytes.
    static func assertTree(_ files: [String: [UInt8]], matches path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let root = fixtures.appendingPathComponent(path)
        if recording {
            try? FileManager.default.removeItem(at: root)
            for (rel, bytes) in files {
                let url = root.appendingPathComponent(rel)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            Issue.record("recorded \(path); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
            return
        }
        var expected: [String: [UInt8]] = [:]
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let rel = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                expected[rel] = [UInt8](try Data(contentsOf: url))
            }
        }
        let missing = Set(expected.keys).subtracting(files.keys).sorted()
        let extra = Set(files.keys).subtracting(expected.keys).sorted()
        if !missing.isEmpty { Issue.record("missing from output: \(missing)", sourceLocation: sourceLocation) }
        if !extra.isEmpty { Issue.record("not in golden tree: \(extra)", sourceLocation: sourceLocation) }
        for (rel, bytes) in files.sorted(by: { $0.key < $1.key }) {
            guard let want = expected[rel], want != bytes else { continue }
            Issue.record(
                "\(rel) differs:\n\(diff(String(decoding: want, as: UTF8.self), String(decoding: bytes, as: UTF8.self)))",
                sourceLocation: sourceLocation)
        }
    }

    /// A line diff that keeps order: lines only in the expectation start with `-`, lines only in the output
    /// with `+`, each with its line number, at most 40. Reordered lines show as removed and added (a set
    /// difference would show nothing for them).
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        var out: [String] = []
        if x.count * y.count <= 4_000_000 {
            // Longest common subsequence of the differing middle, then walk it.
            var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
            for i in stride(from: x.count - 1, through: 0, by: -1) {
                for j in stride(from: y.count - 1, through: 0, by: -1) {
                    table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < x.count || j < y.count {
                if i < x.count, j < y.count, x[i] == y[j] {
                    i += 1
                    j += 1
                } else if j == y.count || (i < x.count && table[i + 1][j] >= table[i][j + 1]) {
                    out.append("-\(prefix + i + 1): \(x[i])")
                    i += 1
                } else {
                    out.append("+\(prefix + j + 1): \(y[j])")
                    j += 1
                }
            }
        } else {
            out = x.enumerated().map { "-\(prefix + $0.offset + 1): \($0.element)" } + y.enumerated().map { "+\(prefix + $0.offset + 1): \($0.element)" }
        }
        return out.prefix(40).joined(separator: "\n") + (out.count > 40 ? "\n… \(out.count - 40) more differing lines" : "")
    }
}
