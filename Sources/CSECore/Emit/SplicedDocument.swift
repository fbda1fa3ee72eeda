import CSEDiagnostics

extension OutputFile {
    /// A pretty JSON document of `header` members followed by the list `listKey`, whose items are already
    /// written: pretty, indented for their place two levels down (`JSONStream(style: .pretty, depth: 2)`).
    ///
    /// Documents with thousands of entries (mapping files, the by-signal index, crosswalks) have their
    /// entries written on all cores and spliced here, rather than built and written as one tree on one
    /// thread.
    static func splicedJSON(_ header: [(String, JSONValue)], listKey: StaticString, items: some Collection<[UInt8]>) -> [UInt8] {
        var out = JSONStream(style: .pretty, capacity: 256 + items.reduce(0) { $0 + $1.count + 8 })
        out.beginObject()
        for (key, value) in header {
            out.key(key)
            out.value(value)
        }
        out.key(listKey)
        out.beginArray()
        for item in items { out.raw(item) }
        out.endArray()
        out.endObject()
        return out.finish()
    }
}
