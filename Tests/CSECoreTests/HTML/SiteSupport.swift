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
            context: BuildContext(registry: registry, publishedAt: "2026-11-22T00:00:00Z"), schemas: TestRegistry.schemas
        ).plan()
        return (Dictionary(plan.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a }), diagnostics)
    }

    // MARK: - Reading HTML

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [String: String]
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// The tags of a page in order, with comments, the doctype and script bodies skipped.
    static func tags(_ html: String) -> [Tag] {
        var out: [Tag] = []
        let b = Array(html.utf8)
        var i = 0
        while i < b.count {
            guard b[i] == 0x3C else { i += 1; continue }
            if b[i...].starts(with: Array("<!--".utf8)) {
                while i < b.count, !b[i...].starts(with: Array("-->".utf8)) { i += 1 }
                continue
            }
            if i + 1 < b.count, b[i + 1] == 0x21 { while i < b.count, b[i] != 0x3E { i += 1 }; continue }
            var j = i + 1
            var quote: UInt8 = 0
            while j < b.count {
                if quote != 0 { if b[j] == quote { quote = 0 } } else if b[j] == 0x22 || b[j] == 0x27 { quote = b[j] } else if b[j] == 0x3E { break }
                j += 1
            }
            let inner = String(decoding: b[(i + 1)..<min(j, b.count)], as: UTF8.self)
            i = j + 1
            let closing = inner.hasPrefix("/")
            let body = closing ? String(inner.dropFirst()) : inner
            let name = String(body.prefix { $0.isLetter || $0.isNumber || $0 == "-" }).lowercased()
            guard !name.isEmpty else { continue }
            var attributes: [String: String] = [:]
            let attrPattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/
            for m in body.dropFirst(name.count).matches(of: attrPattern) {
                attributes[String(m.1).lowercased()] = m.2.map { String($0).replacingOccurrences(of: "&amp;", with: "&") } ?? ""
            }
            out.append(Tag(name: name, closing: closing, selfClosing: inner.hasSuffix("/"), attributes: attributes))
            if name == "script", !closing {
                while i < b.count, !b[i...].starts(with: Array("</script".utf8)) { i += 1 }
            }
        }
        return out
    }

    /// Problems with nesting: unclosed, stray or misnested tags.
    static func balanceProblems(_ html: String) -> [String] {
        var stack: [String] = []
        var problems: [String] = []
        for tag in tags(html) where !voidElements.contains(tag.name) && !tag.selfClosing {
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
    static func headingLevels(_ html: String) -> [Int] {
        tags(html).compactMap { t in
            guard !t.closing, t.name.count == 2, t.name.first == "h", let n = Int(String(t.name.last!)) else { return nil }
            return n
        }
    }
}
