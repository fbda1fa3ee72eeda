import CSECore
import CSEDiagnostics
import Foundation
import Testing

/// Builds sites in memory and reads their HTML the way a link checker or a validator does.
enum SiteSupport {
    /// The repository's `templates/` folder as in-memory files (so a test registry can use the real templates).
    static var templateFiles: [String: String] {
        let root = TestRegistry.repositoryRoot.appendingPathComponent("templates")
        var out: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let rel = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            out["templates/" + rel] = try? String(contentsOf: url, encoding: .utf8)
        }
        return out
    }

    /// Every output file of a registry's build with `outputs`, by path.
    static func build(_ result: LoadResult, outputs: Set<OutputKind> = Set(OutputKind.allCases)) throws -> ([String: [UInt8]], [Diagnostic]) {
        var registry = try #require(result.registry, "registry has errors: \(TestRegistry.lines(result))")
        registry.config.outputs = outputs
        let (plan, diagnostics) = RegistryBuilder(
            context: BuildContext(registry: registry, publishedAt: "2026-11-22T00:00:00Z", templates: result.site, history: result.history),
            schemas: TestRegistry.schemas
        ).plan()
        return (Dictionary(plan.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a }), diagnostics)
    }

    // MARK: - Reading HTML

    struct Tag: Sendable {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [String: String]
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// The tags of a page in order, with comments, the doctype and script bodies skipped. A byte scanner
    /// (no regular expressions), so that the whole site's few thousand pages read quickly in debug builds.
    static func tags(_ html: String) -> [Tag] {
        var out: [Tag] = []
        let b = Array(html.utf8)
        let n = b.count
        func at(_ i: Int, _ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard i + count <= n else { return false }
            let start = literal.utf8Start
            for k in 0..<count where b[i + k] != start[k] { return false }
            return true
        }
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D
        }
        func isAttributeByte(_ c: UInt8) -> Bool { isNameByte(c) || c == 0x5F || c == 0x3A || c == 0x2E }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
        func text(_ from: Int, _ to: Int) -> String { String(decoding: b[from..<to], as: UTF8.self) }
        var i = 0
        while i < n {
            guard b[i] == 0x3C else { i += 1; continue }
            if at(i, "<!--") {
                while i < n, !at(i, "-->") { i += 1 }
                continue
            }
            if i + 1 < n, b[i + 1] == 0x21 { while i < n, b[i] != 0x3E { i += 1 }; continue }
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                if quote != 0 { if b[j] == quote { quote = 0 } } else if b[j] == 0x22 || b[j] == 0x27 { quote = b[j] } else if b[j] == 0x3E { break }
                j += 1
            }
            let end = min(j, n)
            var k = i + 1
            let closing = k < end && b[k] == 0x2F
            if closing { k += 1 }
            let nameStart = k
            while k < end, isNameByte(b[k]) { k += 1 }
            let name = text(nameStart, k).lowercased()
            let selfClosing = j - 1 > i && j - 1 < n && b[j - 1] == 0x2F
            i = j + 1
            guard !name.isEmpty else { continue }
            var attributes: [String: String] = [:]
            while k < end {
                guard isAttributeByte(b[k]), b[k] != 0x2D, b[k] != 0x2E, !(b[k] >= 0x30 && b[k] <= 0x39) else { k += 1; continue }
                let keyStart = k
                while k < end, isAttributeByte(b[k]) { k += 1 }
                let key = text(keyStart, k).lowercased()
                var m = k
                while m < end, isSpace(b[m]) { m += 1 }
                var value = ""
                if m < end, b[m] == 0x3D {
                    m += 1
                    while m < end, isSpace(b[m]) { m += 1 }
                    if m < end, b[m] == 0x22 {
                        let valueStart = m + 1
                        m = valueStart
                        while m < end, b[m] != 0x22 { m += 1 }
                        value = text(valueStart, m).replacingOccurrences(of: "&amp;", with: "&")
                        m += 1
                    }
                    k = m
                }
                attributes[key] = value
            }
            out.append(Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes))
            if name == "script", !closing {
                while i < n, !at(i, "</script") { i += 1 }
            }
        }
        return out
    }

    /// Problems with nesting: unclosed, stray or misnested tags.
    static func balanceProblems(_ tags: [Tag]) -> [String] {
        var stack: [String] = []
        var problems: [String] = []
        for tag in tags where !voidElements.contains(tag.name) && !tag.selfClosing {
            if !tag.closing {
                stack.append(tag.name)
            } else if stack.last == tag.name {
                stack.removeLast()
            } else {
                problems.append("</\(tag.name)> closes <\(stack.last ?? "nothing")>")
                if let k = stack.lastIndex(of: tag.name) { stack.removeSubrange(k...) }
            }
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack)") }
        return problems
    }

    /// Heading levels in order.
    static func headingLevels(_ tags: [Tag]) -> [Int] {
        tags.compactMap { t in
            guard !t.closing, t.name.count == 2, t.name.first == "h", let n = Int(String(t.name.last!)) else { return nil }
            return n
        }
    }
}
