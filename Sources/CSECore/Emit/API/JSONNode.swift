import CSEDiagnostics
import CSEYAML

extension Node {
    /// The same tree as parsing `JSONWriter`'s output of `json` would give, without writing or parsing
    /// (spans are left at the file start; callers needing positions re-parse).
    init(json: JSONValue) {
        switch json {
        case .null: self.init(.null)
        case .bool(let b): self.init(.bool(b))
        case .int(let i): self.init(.number(.int(i)))
        case .double(let d): self.init(.number(.double(d)))
        case .string(let s): self.init(.string(s))
        case .array(let items): self.init(.array(items.map(Node.init(json:))))
        case .object(let members): self.init(.object(members.map { Member(key: $0.0, value: Node(json: $0.1)) }))
        }
    }
}
