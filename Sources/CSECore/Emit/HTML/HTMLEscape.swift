import CSEDiagnostics
import Mustache

/// The site templates' content type: HTML, escaped by ``Escaping/templateValue(_:)`` instead of
/// swift-mustache's own escaping, which compares whole grapheme clusters (slower, and it leaves a `"`
/// followed by a combining mark unescaped, which a browser still reads as the end of an attribute).
struct FastHTMLContentType: MustacheContentType {
    /// The name templates select it by (`{{% CONTENT_TYPE: cse-html }}`, prepended on load).
    static let name = "cse-html"

    func escapeText(_ text: String) -> String { Escaping.templateValue(text) }
}
