/// A part of a hand-written documentation page that is generated from code, between two marker lines:
/// the page keeps its prose, and a test holds the part to the code (`RECORD_GOLDENS=1` rewrites it).
public struct GeneratedSection: Sendable {
    /// The line that opens the part (it says where the part comes from and how to refresh it).
    public var begin: String
    /// The line that closes it.
    public var end: String

    public init(begin: String, end: String) {
        self.begin = begin
        self.end = end
    }

    /// `page` with the part between the markers replaced by `content` (the markers kept); nil when the page
    /// has lost its markers.
    public func updating(_ page: String, with content: String) -> String? {
        guard let open = page.range(of: begin), let close = page.range(of: end), open.upperBound <= close.lowerBound else {
            return nil
        }
        var rest = page[close.upperBound...]
        if rest.hasPrefix("\n") { rest = rest.dropFirst() }
        return String(page[..<open.lowerBound]) + begin + "\n\n" + content + end + "\n" + rest
    }
}
