import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// The Signals page of a registry too large to filter on one page: pages of ``Site/filterPageSize`` rows
/// linked in order, without the script's form; the static filters and search remain.
@Suite struct SignalsPagePaginationTests {
    @Test func signalsPageIsPaginatedAboveItsLimitAndWholeAtIt() throws {
        let count = Site.allSignalsPageLimit + 1
        var files = TestRegistry.merge(
            TestRegistry.framework,
            ["cse.yaml": "registry:\n  name: Big Registry\n  version: 1.0.0\noutputs: [html]\nbase_url: https://example.org/cse/\n"],
            SiteSupport.templateFiles)
        for i in 1...count {
            let id = "CSE-HIPAA-TECH-CONDITION-" + String(format: "%04d", i)
            files.merge(TestRegistry.folder(id, signal: TestRegistry.signal(id, name: "Condition \(i)"))) { _, new in new }
        }
        let loaded = try TestRegistry.load(files)
        #expect(loaded.diagnostics.allSatisfy { $0.severity != .error }, "\(TestRegistry.lines(loaded).prefix(5))")
        let (site, diagnostics) = try SiteSupport.build(loaded, outputs: [.html])
        #expect(!diagnostics.containsErrors)
        func page(_ path: String) throws -> String { String(decoding: try #require(site[path], "no \(path)"), as: UTF8.self) }
        func rows(_ html: String) -> Int { html.components(separatedBy: "<tr data-domain=").count - 1 }

        let pages = (count + Site.filterPageSize - 1) / Site.filterPageSize
        let first = try page("signals/index.html")
        #expect(rows(first) == Site.filterPageSize)
        #expect(!first.contains("data-filters"))
        #expect(first.contains("This is page 1 of \(pages)"))
        #expect(first.contains("href=\"../signals/page/2/index.html\" rel=\"next\""))
        #expect(first.contains("href=\"../search/index.html\""))
        #expect(first.contains("data-static-filters"))
        let last = try page("signals/page/\(pages)/index.html")
        #expect(rows(last) == count - (pages - 1) * Site.filterPageSize)
        #expect(last.contains("CSE-HIPAA-TECH-CONDITION-\(String(format: "%04d", count))"))
        #expect(last.contains("href=\"../../../signals/page/\(pages - 1)/index.html\" rel=\"prev\""))
        #expect(last.contains("href=\"../../../signals/index.html\">First page"))
        #expect(site["signals/page/\(pages + 1)/index.html"] == nil)
        // Every signal is on exactly one page.
        let all = try (1...pages).map { try page($0 == 1 ? "signals/index.html" : "signals/page/\($0)/index.html") }.joined()
        #expect(rows(all) == count)

        // One signal fewer: the limit itself is one page with the form.
        let fewer = files.filter { !$0.key.contains("CONDITION-\(String(format: "%04d", count))/") }
        let (small, _) = try SiteSupport.build(try TestRegistry.load(fewer), outputs: [.html])
        let whole = String(decoding: try #require(small["signals/index.html"]), as: UTF8.self)
        #expect(rows(whole) == count - 1)
        #expect(whole.contains("data-filters"))
        #expect(small.keys.allSatisfy { !$0.hasPrefix("signals/page/") })
    }
}
