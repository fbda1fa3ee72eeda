import CSEDiagnostics

/// The static search index (docs/site.md "Search").
///
/// Compact JSON, tags and controls stored once in tables and referred to by position:
///
///     {"v":1,"tags":["encryption",…],"controls":["HIPAA 164.312(a)(2)(iv)",…],
///      "signals":[["CSE-…-004","Name",[0,3],[12,40],"HIPAA/TECH"],…]}
///
/// A signal's page is `signals/<D>/<C>/<ID>/index.html`, built from the last field (`D/C`) and the ID.
/// `search/index.json` is for tools; `search/index.js` holds the same JSON assigned to
/// `window.CSE_SEARCH_INDEX`, so that the script can load it with a `<script>` element, which works from
/// `file://` where `fetch` does not.
struct SearchIndex {
    var registry: Registry
    var index: MappingIndex

    func json() -> JSONValue {
        var tagIDs: [String: Int] = [:], tags: [String] = []
        var controlIDs: [String: Int] = [:], controls: [String] = []
        func id(_ value: String, _ table: inout [String: Int], _ list: inout [String]) -> Int {
            if let i = table[value] { return i }
            table[value] = list.count
            list.append(value)
            return list.count - 1
        }
        var rows: [JSONValue] = []
        for s in registry.signals {
            let t = s.tags.map { JSONValue.int(id($0, &tagIDs, &tags)) }
            var seen = Set<String>()
            var c: [JSONValue] = []
            for m in index.mappings(from: s.id) {
                guard let key = m.controlKey, seen.insert("\(key.framework) \(key.control)").inserted else { continue }
                c.append(.int(id("\(key.framework) \(key.control)", &controlIDs, &controls)))
            }
            rows.append(.array([.string(s.id), .string(s.canonicalName), .array(t), .array(c), .string("\(s.domain)/\(s.category)")]))
        }
        return .object([
            ("v", .int(1)), ("tags", .array(tags.map(JSONValue.string))), ("controls", .array(controls.map(JSONValue.string))),
            ("signals", .array(rows)),
        ])
    }

    func files() -> [OutputFile] {
        let bytes = JSONWriter(style: .compact).bytes(json())
        return [
            OutputFile(path: "search/index.json", bytes: bytes),
            OutputFile(path: "search/index.js", bytes: Array("window.CSE_SEARCH_INDEX=".utf8) + bytes + Array(";\n".utf8)),
        ]
    }
}
