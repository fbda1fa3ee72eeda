import CSEYAML

extension RegistryConfig {
    /// Reads a schema-valid `cse.yaml` tree over the defaults.
    init(node: Node) {
        self.init()
        if let r = node["registry"] {
            name = r["name"]?.string ?? name
            version = r["version"]?.string ?? version
            status = r["status"]?.string ?? status
            publishedAt = r["published_at"]?.string
        }
        if let s = node["spec"] {
            specName = s["name"]?.string ?? specName
            specVersion = s["version"]?.string ?? specVersion
            specURL = s["url"]?.string ?? specURL
        }
        baseURL = node["base_url"]?.string ?? baseURL
        outputDirectory = node["output"]?.string ?? outputDirectory
        if let list = node["outputs"]?.array {
            outputs = Set(list.compactMap { $0.string.flatMap(OutputKind.init(rawValue:)) })
        }
        if let p = node["validation"]?["profile"]?.string.flatMap(ValidationProfile.init(rawValue:)) { profile = p }
        if let raw = node["markdown"]?["allow_raw_html"]?.bool { allowRawHTML = raw }
        if let templates = node["site"]?["templates"]?.string { site.templatesDirectory = templates }
    }
}
