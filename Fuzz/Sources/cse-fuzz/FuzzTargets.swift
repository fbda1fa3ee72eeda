import CSECore
import CSEDiagnostics
import CSEMarkdown
import CSESchema
import CSEYAML

#if canImport(Glibc)
    import Glibc
#endif

/// The fuzz targets, one per reader of untrusted bytes; `CSE_FUZZ_TARGET` picks one. Each must return
/// for every input without trapping, in bounded time and memory; where a reader promises more (the
/// markdown nesting bound is an upper bound on cmark's depth), the target checks it and traps if not.
enum FuzzTarget: String, CaseIterable {
    case yaml, json, schema, markdown, templates

    static let selected: FuzzTarget = {
        guard let name = getenv("CSE_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            fatalError("set CSE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .yaml: _ = DocumentLoader.load(bytes, path: "fuzz.yaml", format: .yaml)
        case .json: _ = DocumentLoader.load(bytes, path: "fuzz.json", format: .json)
        case .schema: Self.schema(bytes)
        case .markdown: Self.markdown(bytes)
        case .templates: Self.templates(bytes)
        }
    }

    /// The input is a schema and an instance, separated by the first NUL byte (both JSON or YAML).
    static func schema(_ bytes: [UInt8]) {
        let cut = bytes.firstIndex(of: 0) ?? bytes.count
        let (schemaNode, _) = DocumentLoader.load(Array(bytes[..<cut]), path: "schema.json", format: .yaml)
        let instanceBytes = cut < bytes.count ? Array(bytes[(cut + 1)...]) : [UInt8]("{}".utf8)
        let (instance, _) = DocumentLoader.load(instanceBytes, path: "instance.json", format: .yaml)
        guard let schemaNode, let instance else { return }
        guard let validator = try? SchemaRegistry.validator(for: schemaNode, uri: "https://fuzz.example/schema.json") else { return }
        let valid = validator.isValid(instance)
        let diagnostics = validator.validate(instance, file: "instance.json")
        // The quick check and the full one agree: no errors exactly when valid.
        if valid == diagnostics.containsErrors { fatalError("isValid and validate disagree") }
    }

    /// Renders the text; checks that the cheap nesting bound is never below the depth cmark gives.
    static func markdown(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let document = MarkdownDocument(text)
        _ = MarkdownRenderer().render(document)
        let bound = bytes.withUnsafeBufferPointer { MarkdownDocument.nestingBound($0) }
        if document.tooDeep != nil {
            if bound <= MarkdownDocument.maximumDepth { fatalError("nesting bound \(bound) below a too-deep document") }
        } else if depth(document.root) > bound {
            fatalError("nesting bound \(bound) below the document's depth \(depth(document.root))")
        }
    }

    /// Containers on the deepest path, as ``MarkdownDocument`` counts them (leaves count none).
    static func depth(_ node: MarkdownNode) -> Int {
        switch node.kind {
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .htmlBlock, .codeBlock, .thematicBreak: return 0
        default: return 1 + (node.children.map(depth).max() ?? 0)
        }
    }

    /// The input is a templates folder: files separated by NUL bytes, named `t0`, `t1`, … (`t0` includes the
    /// others as `{{>t1}}` if it wishes).
    static func templates(_ bytes: [UInt8]) {
        var files: [String: [UInt8]] = [:]
        for (i, part) in bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(8).enumerated() {
            files["templates/t\(i).mustache"] = Array(part)
        }
        _ = SiteTemplates.load(from: InMemoryFileSystem(bytes: files), directory: "templates")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
