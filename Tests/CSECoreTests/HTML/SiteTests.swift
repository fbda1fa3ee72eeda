import CSECore
import CSEDiagnostics
import Foundation
import Testing

@Suite struct SiteTests {
    /// A small registry: two signals (one with a README that links the other by ID and by path, one
    /// deprecated and replaced), the test framework, and the repository's templates.
    static var smallRegistry: [String: String] {
        let readme = """
            # Überblick

            Compare CSE-HIPAA-TECH-REPLACEMENT-002 and [the old one](../CSE-HIPAA-TECH-OLD-CONDITION-001/signal.yaml).

            ## Details

            <script>alert(1)</script> is shown as text. See [details](#details).

            """
        return TestRegistry.merge(
            TestRegistry.framework,
            ["cse.yaml": "registry:\n  name: Test Registry\n  version: 1.1.0\noutputs: [signals, html]\nbase_url: https://example.org/cse/\n"],
            TestRegistry.folder(
                "CSE-HIPAA-TECH-OLD-CONDITION-001",
                signal: TestRegistry.signal(
                    "CSE-HIPAA-TECH-OLD-CONDITION-001", status: "deprecated",
                    extra: "deprecated_in: 1.1.0\nreplaced_by: CSE-HIPAA-TECH-REPLACEMENT-002\n")),
            TestRegistry.folder(
                "CSE-HIPAA-TECH-REPLACEMENT-002",
                signal: TestRegistry.signal("CSE-HIPAA-TECH-REPLACEMENT-002", extra: "tags: [encryption]\n").replacingOccurrences(of: "1.0.0", with: "1.1.0"),
                mappings: TestRegistry.mappings(control: "AC-2(1)")),
            ["signals/HIPAA/TECH/CSE-HIPAA-TECH-REPLACEMENT-002/README.md": readme],
            SiteSupport.templateFiles)
    }

    @Test func smallRegistrySiteMatchesGolden() throws {
        let loaded = try TestRegistry.load(Self.smallRegistry)
        #expect(TestRegistry.lines(loaded).isEmpty)
        let (files, diagnostics) = try SiteSupport.build(loaded, outputs: [.html])
        #expect(diagnostics.isEmpty)
        // The assets are the repository's own files; the golden tree holds what the build makes of them.
        let generated = files.filter { !$0.key.hasPrefix("assets/") && $0.key != "SHA256SUMS" && $0.key != "manifest.json" }
        try Golden.assertTree(generated, matches: "site/small")
        let page = String(decoding: try #require(files["signals/HIPAA/TECH/CSE-HIPAA-TECH-REPLACEMENT-002/index.html"]), as: UTF8.self)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("<a class=\"signal-ref\" href=\"../../../../signals/HIPAA/TECH/CSE-HIPAA-TECH-REPLACEMENT-002/index.html\">"))
        #expect(page.contains("<a href=\"../../../../signals/HIPAA/TECH/CSE-HIPAA-TECH-OLD-CONDITION-001/index.html\">the old one</a>"))
        #expect(page.contains("<h3 id=\"überblick\">Überblick</h3>"))
        let feed = String(decoding: try #require(files["feed.xml"]), as: UTF8.self)
        #expect(feed.contains("<title>Added: Condition REPLACEMENT (CSE-HIPAA-TECH-REPLACEMENT-002)</title>"))
        #expect(feed.contains("<title>Deprecated: Condition CONDITION (CSE-HIPAA-TECH-OLD-CONDITION-001)</title>"))
        #expect(!feed.contains("Added: Condition CONDITION"))
    }

    @Test func templateSyntaxErrorIsADiagnosticWithFileAndLine() throws {
        var files = Self.smallRegistry
        files["templates/category.mustache"] = "{{>partials/head}}\n<h1>{{domain}}</h1>\n{{#signals}}\n<p>{{id}}</p>\n{{/signal}}\n"
        let loaded = try TestRegistry.load(files)
        let lines = TestRegistry.lines(loaded).filter { $0.contains("template.") }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasPrefix("templates/category.mustache:5:"))
        #expect(line.contains("error: template 'category' does not parse: section 'signals' is closed by '{{/signal}}' [template.syntax]"))
    }

    @Test func missingTemplateAndMissingFolderAreReported() throws {
        var files = Self.smallRegistry
        files["templates/control.mustache"] = nil
        #expect(
            TestRegistry.lines(try TestRegistry.load(files)).contains(
                "templates:1:1: error: the site has no 'templates/control.mustache' template [template.missing]"))
        var bare = Self.smallRegistry.filter { !$0.key.hasPrefix("templates/") }
        // With html among cse.yaml's outputs, validation reports it at that entry.
        bare["cse.yaml"] = "outputs: [bundle, html]\n"
        #expect(
            TestRegistry.lines(try TestRegistry.load(bare)).contains(
                "cse.yaml:1:19: error: the output 'html' needs the site's templates, but the registry has no 'templates/' folder [template.folder-missing]"))
        // Asked for only by the build (--outputs html), the emitter reports it.
        bare["cse.yaml"] = nil
        let (_, diagnostics) = try SiteSupport.build(try TestRegistry.load(bare), outputs: [.html])
        #expect(diagnostics.map(\.id) == ["template.folder-missing"])
        #expect(diagnostics.first?.summary == "the output 'html' needs the site's templates, but the registry has no 'templates/' folder")
    }

    @Test func readmeLinkDiagnosticsHaveExactPositions() throws {
        let readme = "# Prüfung\n\nÜbersicht — [Protokoll](../MISSING-FOLDER/README.md), [oben](#prufung), [docs](../../../../cse.yaml).\n"
        var files = Self.smallRegistry
        files["signals/HIPAA/TECH/CSE-HIPAA-TECH-REPLACEMENT-002/README.md"] = readme
        let lines = TestRegistry.lines(try TestRegistry.load(files)).filter { $0.contains("readme.") }
        let path = "signals/HIPAA/TECH/CSE-HIPAA-TECH-REPLACEMENT-002/README.md"
        // "Übersicht — " is 12 characters and 15 bytes: the link starts at byte column 16.
        #expect(
            lines == [
                "\(path):3:16: warning: link to '../MISSING-FOLDER/README.md', which does not exist ('signals/HIPAA/TECH/MISSING-FOLDER/README.md') [readme.broken-link]",
                "\(path):3:58: warning: link to '#prufung', which no heading of this README gives (did you mean '#prüfung'?) [readme.broken-anchor]",
                "\(path):3:76: warning: link to '../../../../cse.yaml', which the site does not publish; it is shown as text [readme.unpublished-link]",
            ])
    }
}
