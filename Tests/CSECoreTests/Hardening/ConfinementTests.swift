import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// Class 2 of issue 16: nothing configured or linked leads a read out of the registry.
@Suite struct ConfinementTests {
    static let base = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder("CSE-HIPAA-TECH-NO-ENCRYPTION-001"))

    @Test(arguments: [
        ("../..", "'site.templates' is '../..', which climbs out of the registry or has an empty, '.' or '..' part"),
        ("templates/../../x", "'site.templates' is 'templates/../../x', which climbs out of the registry or has an empty, '.' or '..' part"),
        // The schema refuses an absolute path before the rule sees it.
        ("/etc", "'/etc' does not match the pattern '^[^/][^\\\\]*$'"),
    ])
    func templatesFolderStaysInside(_ path: String, _ summary: String) throws {
        var files = Self.base
        files["cse.yaml"] = "site:\n  templates: \"\(path)\"\n"
        let result = try TestRegistry.load(files)
        let found = try #require(result.diagnostics.first { $0.range?.file == "cse.yaml" })
        #expect(found.summary == summary)
        #expect(found.range?.span.start.line == 2)
        #expect(result.registry == nil)
        #expect(result.site == nil, "templates were read from '\(path)'")
    }

    /// A templates folder reached through a link is refused (the link could lead anywhere).
    @Test func templatesFolderThroughALinkIsRefused() throws {
        var files = Self.base
        files["cse.yaml"] = "site:\n  templates: themes/site\n"
        files["elsewhere/site/home.mustache"] = "x"
        let fs = InMemoryFileSystem(files: files, symlinks: ["themes": "elsewhere"])
        let result = try RegistryLoader(fileSystem: fs, schemas: TestRegistry.schemas).load()
        #expect(result.diagnostics.map(\.summary).contains("'site.templates' is 'themes/site', which passes through the symbolic link 'themes'"))
        #expect(result.site == nil)
    }

    /// On disk: a template or asset that links out of the tree is reported and its bytes never read.
    @Test func templateLinksOutOfTheTreeAreNotRead() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-confine-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        try fm.createDirectory(at: base.appendingPathComponent("reg/templates/assets"), withIntermediateDirectories: true)
        try Data("SECRET".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try Data("{{title}}".utf8).write(to: base.appendingPathComponent("reg/templates/home.mustache"))
        try fm.createSymbolicLink(atPath: base.path + "/reg/templates/evil.mustache", withDestinationPath: base.path + "/secret.txt")
        try fm.createSymbolicLink(atPath: base.path + "/reg/templates/assets/copy.txt", withDestinationPath: "../../../secret.txt")
        let (site, diagnostics) = SiteTemplates.load(from: LocalFileSystem(root: base.path + "/reg"), directory: "templates")
        let templates = try #require(site)
        #expect(templates.templates.keys.sorted() == ["home"])
        #expect(templates.assets.isEmpty)
        #expect(
            diagnostics.filter { $0.id == "layout.symlink-escape" }.compactMap { $0.range?.file }.sorted()
                == ["templates/assets/copy.txt", "templates/evil.mustache"])
    }
}
