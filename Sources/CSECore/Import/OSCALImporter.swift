public import CSEDiagnostics
public import CSEYAML

/// Turns an OSCAL catalog (or a resolved-profile catalog) into `framework.yaml` and `controls.yaml`
/// (docs/compute.md §8).
///
/// IDs take their published form: the control's `label` prop without a class when it has one, otherwise the
/// OSCAL ID upper-cased with dotted enhancement numbers in parentheses (`ac-2.1` → `AC-2(1)`). Each top-level
/// group becomes a family (nested groups are flattened into it); nested controls become enhancements with a
/// parent; controls with the prop `status: withdrawn` are marked withdrawn.
public struct OSCALImporter: Sendable {
    public struct Metadata: Sendable {
        public var code: String
        public var name: String?
        public var version: String?
        public var publisher: String?
        public var url: String?
        public var domain: String?

        public init(code: String, name: String? = nil, version: String? = nil, publisher: String? = nil, url: String? = nil, domain: String? = nil) {
            self.code = code
            self.name = name
            self.version = version
            self.publisher = publisher
            self.url = url
            self.domain = domain
        }
    }

    public struct Result: Sendable {
        public var frameworkYAML: String
        public var controlsYAML: String
        public var familyCount: Int
        public var controlCount: Int
        public var enhancementCount: Int
        public var withdrawnCount: Int
    }

    public var metadata: Metadata

    public init(metadata: Metadata) { self.metadata = metadata }

    static let domains: Set<String> = ["CMMC", "HIPAA", "GDPR", "PCIDSS", "SOC2", "ISO27001", "HITRUST", "FEDRAMP", "NISTCSF", "CIS", "CCPA", "GEN"]

    public func convert(_ root: Node, path: String) -> (Result?, [Diagnostic]) {
        guard let catalog = root["catalog"], catalog.members != nil else {
            return (
                nil,
                [
                    Diagnostic(
                        .oscalNotACatalog, range: SourceRange(file: path, span: root.span),
                        summary: "the document has no 'catalog' object", hint: "import an OSCAL catalog or a resolved-profile catalog (not a profile)")
                ]
            )
        }
        let meta = catalog["metadata"]
        let publisher =
            metadata.publisher
            ?? (meta?["parties"]?.array ?? []).first(where: { $0["type"]?.string == "organization" })?["name"]?.string
        let url = metadata.url ?? Self.homePage(catalog)
        var diagnostics: [Diagnostic] = []
        if publisher == nil {
            diagnostics.append(
                Diagnostic(
                    .oscalMissingMetadata, range: SourceRange(file: path, span: (meta ?? catalog).span),
                    summary: "the catalog names no publishing organization", hint: "pass --publisher"))
        }
        if url == nil {
            diagnostics.append(
                Diagnostic(
                    .oscalMissingMetadata, range: SourceRange(file: path, span: (meta ?? catalog).span),
                    summary: "the catalog names no https home page (in its metadata links or a back-matter resource about itself)",
                    hint: "pass --url with the framework's home page"))
        }
        if !diagnostics.isEmpty { return (nil, diagnostics) }

        var families: [YAMLValue] = []
        var counts = (controls: 0, enhancements: 0, withdrawn: 0)
        func control(_ c: Node, parent: String?, into list: inout [YAMLValue]) {
            guard let oscalID = c["id"]?.string else { return }
            let id = Self.publishedID(c, oscalID: oscalID)
            let withdrawn = (c["props"]?.array ?? []).contains { $0["name"]?.string == "status" && $0["value"]?.string == "withdrawn" }
            var members: [(String, YAMLValue)] = [("id", .string(id)), ("title", .string(c["title"]?.string ?? id))]
            members.append(("kind", .string(parent == nil ? "control" : "enhancement")))
            if let parent { members.append(("parent", .string(parent))) }
            if withdrawn { members.append(("withdrawn", .bool(true))) }
            list.append(.map(members))
            counts.controls += 1
            if parent != nil { counts.enhancements += 1 }
            if withdrawn { counts.withdrawn += 1 }
            for child in c["controls"]?.array ?? [] { control(child, parent: id, into: &list) }
        }
        func groupControls(_ g: Node, into list: inout [YAMLValue]) {
            for c in g["controls"]?.array ?? [] { control(c, parent: nil, into: &list) }
            for sub in g["groups"]?.array ?? [] { groupControls(sub, into: &list) }
        }
        for g in catalog["groups"]?.array ?? [] {
            var list: [YAMLValue] = []
            groupControls(g, into: &list)
            guard !list.isEmpty else { continue }
            let id = Self.label(g) ?? (g["id"]?.string ?? "GROUP").uppercased()
            families.append(.map([("id", .string(id)), ("title", .string(g["title"]?.string ?? id)), ("controls", .list(list))]))
        }
        var loose: [YAMLValue] = []
        for c in catalog["controls"]?.array ?? [] { control(c, parent: nil, into: &loose) }
        if !loose.isEmpty {
            families.append(.map([("id", .string(metadata.code)), ("title", .string("Ungrouped controls")), ("controls", .list(loose))]))
        }
        guard !families.isEmpty else {
            return (
                nil,
                [
                    Diagnostic(
                        .oscalNoControls, range: SourceRange(file: path, span: catalog.span),
                        summary: "the catalog has no controls", hint: "a resolved profile must be resolved into a catalog first")
                ]
            )
        }
        let name = metadata.name ?? meta?["title"]?.string ?? metadata.code
        let domain = metadata.domain ?? (Self.domains.contains(metadata.code) ? metadata.code : "GEN")
        var frameworkMembers: [(String, YAMLValue)] = [
            ("code", .string(metadata.code)), ("name", .string(name)),
            ("version", .string(metadata.version ?? meta?["version"]?.string ?? "1.0")),
            ("publisher", .string(publisher!)), ("url", .string(url!)), ("domain", .string(domain)),
        ]
        if let published = meta?["published"]?.string, published.count >= 10 {
            frameworkMembers.append(("effective_date", .string(String(published.prefix(10)))))
        }
        let header = "# Generated by 'cse import oscal' from \(path.split(separator: "/").last.map(String.init) ?? path).\n"
        return (
            Result(
                frameworkYAML: header + YAMLEmitter.emit(.map(frameworkMembers)),
                controlsYAML: header + YAMLEmitter.emit(.map([("framework", .string(metadata.code)), ("families", .list(families))])),
                familyCount: families.count, controlCount: counts.controls, enhancementCount: counts.enhancements,
                withdrawnCount: counts.withdrawn),
            []
        )
    }

    /// The catalog's home page: an https link of its metadata, else the https link of the back-matter
    /// resource that describes the catalog itself (NIST's resolved baselines cite SP 800-53 there), chosen
    /// as the resource whose title shares the most words with the catalog's title (at least three).
    static func homePage(_ catalog: Node) -> String? {
        let meta = catalog["metadata"]
        if let link = (meta?["links"]?.array ?? []).compactMap({ $0["href"]?.string }).first(where: { $0.hasPrefix("https://") }) {
            return link
        }
        func words(_ text: String) -> Set<String> {
            Set(text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).map(String.init).filter { $0.count >= 2 })
        }
        let title = words(meta?["title"]?.string ?? "")
        var best: (href: String, score: Int)?
        for resource in catalog["back-matter"]?["resources"]?.array ?? [] {
            guard let href = (resource["rlinks"]?.array ?? []).compactMap({ $0["href"]?.string }).first(where: { $0.hasPrefix("https://") })
            else { continue }
            let score = words(resource["title"]?.string ?? "").intersection(title).count
            if score >= 3, score > (best?.score ?? 0) { best = (href, score) }
        }
        return best?.href
    }

    /// The first `label` prop without a class.
    static func label(_ n: Node) -> String? {
        (n["props"]?.array ?? []).first { $0["name"]?.string == "label" && $0["class"] == nil }?["value"]?.string
    }

    static func publishedID(_ c: Node, oscalID: String) -> String {
        if let l = label(c) { return l }
        return publishedID(oscalID)
    }

    /// `ac-2` → `AC-2`, `ac-2.1` → `AC-2(1)`.
    public static func publishedID(_ oscalID: String) -> String {
        let parts = oscalID.split(separator: ".", omittingEmptySubsequences: false)
        guard let base = parts.first else { return oscalID.uppercased() }
        return base.uppercased() + parts.dropFirst().map { "(\($0))" }.joined()
    }
}
