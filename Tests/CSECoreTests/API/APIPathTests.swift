import CSECore
import Foundation
import Testing

/// The static API's path encoding and page links.
@Suite struct APIPathTests {
    static let ids = [
        "CSE-HIPAA-TECH-EPHI-STORE-UNENCRYPTED-006", "§164.312(a)(2)(iv)", "164.312(a)(2)(iv)", "AC-2(1)", "../../etc", "a/b", "%2e%2e",
        ".", "..", ".hidden", "a\\b", "tab\there", "é", "CC6.1", "A.5.1", "x%", "100%25", "a~b", "~7E", "", "~", String(repeating: "long-", count: 80),
    ]

    @Test(arguments: ids) func encodingRoundTrips(_ id: String) throws {
        let encoded = APIPath.encode(id)
        #expect(APIPath.decode(encoded) == id)
        #expect(!encoded.contains("/") && !encoded.contains("\\") && encoded != "." && encoded != ".." && !encoded.hasPrefix("."))
        #expect(encoded.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F })
    }

    @Test func encodesTheDocumentedExamples() {
        #expect(APIPath.encode("§164.312(a)(2)(iv)") == "~C2~A7164.312(a)(2)(iv)")
        #expect(APIPath.encode("AC-2(1)") == "AC-2(1)")
        #expect(APIPath.encode("164.312(a)(2)(iv)") == "164.312(a)(2)(iv)")
        #expect(APIPath.encode("../../etc") == "~2E.~2F..~2Fetc")
        #expect(APIPath.encode("%2e%2e") == "~252e~252e")
        #expect(APIPath.encode("a b~c") == "a~20b~7Ec")
        #expect(APIPath.encode("CC6.1") == "CC6.1")
    }

    /// Every byte of an encoded component is one a URL carries as it is (RFC 3986 unreserved and
    /// sub-delims), so a server that percent-decodes a request finds the same name.
    @Test(arguments: ids) func anEncodedComponentIsItsOwnURL(_ id: String) {
        let encoded = APIPath.encode(id)
        let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~()".utf8)
        #expect(encoded.utf8.allSatisfy(urlSafe.contains))
        #expect(encoded.removingPercentEncoding == encoded)
    }

    @Test(arguments: ["~~", "~2", "~2f", "~zz", "a/b", "~2E~2E", ".x", "~FF", "%28", "a~28b"]) func rejectsTextEncodeNeverProduces(_ text: String) {
        #expect(APIPath.decode(text) == nil)
    }

    @Test func distinctIDsNeverShareAnEncoding() {
        let encoded = Set(Self.ids.map(APIPath.encode))
        #expect(encoded.count == Set(Self.ids).count)
    }

    @Test func pagesAndRelativeLinks() {
        #expect(APIPath.page(1, of: "signals") == "signals/index.json")
        #expect(APIPath.page(3, of: "signals/by-domain/HIPAA") == "signals/by-domain/HIPAA/page/3.json")
        #expect(APIPath.relative(from: "signals/index.json", to: "signals/page/2.json") == "page/2.json")
        #expect(APIPath.relative(from: "signals/page/2.json", to: "signals/index.json") == "../index.json")
        #expect(APIPath.relative(from: "signals/page/2.json", to: "signals/page/3.json") == "3.json")
        #expect(APIPath.relative(from: "signals/page/2.json", to: "signals/page/2.json") == "2.json")
        #expect(APIPath.relative(from: "index.json", to: "signals/index.json") == "signals/index.json")
        #expect(APIPath.relative(from: "controls/AC-2/index.json", to: "controls/AC-2%281%29/index.json") == "../AC-2%281%29/index.json")
        #expect(APIPath.relative(from: "signals/by-tag/a/index.json", to: "signals/by-tag/ab/index.json") == "../ab/index.json")
        #expect(APIPath.relative(from: "signals/page/2.json", to: "signals") == "../../signals")
    }

    /// The byte-level `relative` against the plain definition (split into components, drop the shared
    /// directories, climb out of the rest), on every pair of a set of paths with shared prefixes.
    @Test func relativeLinksAgreeWithComponentDefinition() {
        func reference(_ from: String, _ to: String) -> String {
            let a = from.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let b = to.split(separator: "/", omittingEmptySubsequences: false)
            var common = 0
            while common < a.count, common < b.count - 1, a[a.startIndex + common] == b[common] { common += 1 }
            return (Array(repeating: "..", count: a.count - common) + b[common...].map(String.init)).joined(separator: "/")
        }
        let paths = [
            "index.json", "signals/index.json", "signals/page/2.json", "signals/by-tag/a/index.json", "signals/by-tag/ab/index.json",
            "signals/by-tag/a/page/2.json", "signals", "signals/", "controls/§164.312/index.json", "a/b/c/d.json", "a/bc/d.json", "ab/c.json",
        ]
        for from in paths {
            for to in paths { #expect(APIPath.relative(from: from, to: to) == reference(from, to), "\(from) → \(to)") }
        }
    }
}
