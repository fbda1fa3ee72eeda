import CSECore
import Foundation
import Testing

/// Checks a documentation page's generated part against the code it comes from; with `RECORD_GOLDENS=1`
/// rewrites it (and records an issue, so that a recording run never passes).
enum GeneratedPage {
    static func check(_ page: String, section: GeneratedSection, content: String, suite: String) throws {
        let url = TestRegistry.repositoryRoot.appendingPathComponent(page)
        let text = try String(contentsOf: url, encoding: .utf8)
        let expected = try #require(section.updating(text, with: content), "\(page) lost its generated-part markers")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1", text != expected {
            try expected.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(page)'s generated part; run the tests again without RECORD_GOLDENS")
            return
        }
        #expect(text == expected, "\(page) differs from the code it is generated from; RECORD_GOLDENS=1 swift test --filter \(suite)")
    }
}
