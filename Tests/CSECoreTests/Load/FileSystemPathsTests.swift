import CSECore
import Testing

/// `FileSystemPaths.isConfined` is a byte scan; here it is held to its definition (no absolute path, no
/// empty, `.` or `..` component) written the plain way.
@Suite struct FileSystemPathsTests {
    static func byDefinition(_ path: String) -> Bool {
        path.isEmpty
            || (!path.hasPrefix("/") && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." })
    }

    @Test(arguments: ["", "a", "a/b", ".hidden/x", "a/...", "a..b", "/", "/a", "a/", "a//b", ".", "..", "a/./b", "a/../b", "../a", "a/..", "./a"])
    func examples(_ path: String) {
        #expect(FileSystemPaths.isConfined(path) == Self.byDefinition(path), "\(path.debugDescription)")
    }

    @Test func everyShortPathOverSlashDotAndALetter() {
        // All 1 + 3 + … + 3^7 strings of up to seven of "/", "." and "a".
        var paths = [""]
        var frontier = [""]
        for _ in 1...7 {
            frontier = frontier.flatMap { p in ["/", ".", "a"].map { p + $0 } }
            paths += frontier
        }
        #expect(paths.count == 3280)
        let disagreements = paths.filter { FileSystemPaths.isConfined($0) != Self.byDefinition($0) }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
