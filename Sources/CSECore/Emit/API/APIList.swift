import CSEDiagnostics

/// A paginated list of the API: its items, each written once as compact JSON, and the one way a page of
/// them is written. The static tree writes pages of ``APIPath/pageSize`` with links between files;
/// `cse serve` writes any page size, with links to its query URLs.
public struct APIList: Sendable {
    /// The list's folder under `v1/` (`signals/by-domain/HIPAA`).
    public let directory: String
    public let items: [[UInt8]]

    public init(directory: String, items: [[UInt8]]) {
        self.directory = directory
        self.items = items
    }

    public func pageCount(perPage: Int) -> Int { max(1, (items.count + perPage - 1) / perPage) }

    /// Page `page` (from 1): `{"data": [...], "meta": {total, page, per_page, total_pages}, "links": {self,
    /// first, prev, next, last}}`, each link `link(p)` for page p (`prev` and `next` null where there is none).
    /// A page past the last has no items.
    public func page(_ page: Int, perPage: Int, link: (Int) -> String) -> [UInt8] {
        let pages = pageCount(perPage: perPage)
        // Any page a client asks for: one past the last (up to Int.max) starts at the end, without overflow.
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = overflow ? items.count : min(items.count, offset)
        let slice = items[start..<(start + min(perPage, items.count - start))]
        var out = JSONStream(capacity: 256 + slice.reduce(0) { $0 + $1.count + 1 })
        out.beginObject()
        out.key("data")
        out.beginArray()
        for item in slice { out.raw(item) }
        out.endArray()
        out.key("meta")
        out.beginObject()
        out.member("total", items.count)
        out.member("page", page)
        out.member("per_page", perPage)
        out.member("total_pages", pages)
        out.endObject()
        out.key("links")
        out.beginObject()
        out.member("self", link(page))
        out.member("first", link(1))
        out.member("prev", page > 1 ? link(min(page - 1, pages)) : nil)
        out.member("next", page < pages ? link(page + 1) : nil)
        out.member("last", link(pages))
        out.endObject()
        out.endObject()
        return out.bytes
    }
}
