import CSEDiagnostics

/// The mappings as mapping-format-v1.0 documents: one file per framework, one for equivalences, and an index.
struct MappingEmitter: OutputEmitter {
    var context: BuildContext

    var registry: Registry { context.registry }

    /// One mapping in the mapping-format-v1.0 shape, pretty, indented for its place in a file's `mappings`
    /// array (two levels down): there are tens of thousands, each written once and spliced into its file.
    ///
    /// The comparison form (`comparison`, a line of a release's `mappings.ndjson`) is compact and leaves out
    /// the members that follow the release rather than the mapping: `source.version` and `metadata.created`.
    func document(_ m: Mapping, comparison: Bool = false) -> [UInt8] {
        var out = comparison ? JSONStream(capacity: 512) : JSONStream(style: .pretty, depth: 2, capacity: 1024)
        out.beginObject()
        out.member("id", m.id)
        out.key("source")
        out.beginObject()
        out.member("type", "cse-signal")
        out.member("id", m.source)
        if !comparison {
            out.member("version", registry.signalPosition(m.source).map { registry.signals[$0].introducedIn } ?? registry.config.version)
        }
        out.endObject()
        out.key("target")
        out.beginObject()
        switch m.target {
        case .control(let code, let controlID):
            let framework = registry.framework(code)
            out.member("type", "control")
            out.member("framework", code)
            out.member("version", framework?.version ?? "")
            out.member("id", controlID)
            out.optionalMember("title", framework?.control(controlID)?.title)
        case .signal(let other):
            out.member("type", "cse-signal")
            out.member("id", other)
        }
        out.endObject()
        out.member("relationship", m.relationship.rawValue)
        if let confidence = m.confidence {
            out.key("confidence")
            out.double(confidence)
        }
        out.key("provenance")
        out.beginObject()
        out.member("source", m.provenance.rawValue)
        out.optionalMember("reference", m.reference)
        out.optionalMember("reviewed_date", m.reviewed)
        out.endObject()
        out.optionalMember("justification", m.justification)
        out.key("metadata")
        out.beginObject()
        if !comparison { out.member("created", m.reviewed.map { $0 + "T00:00:00Z" } ?? context.publishedAt) }
        out.member("status", m.status)
        out.endObject()
        out.endObject()
        return out.bytes
    }

    func files() -> ([OutputFile], [Diagnostic]) { (mappingFiles(), []) }

    func mappingFiles() -> [OutputFile] {
        var controlMappings: [String: [Int]] = [:]
        var equivalenceIndices: [Int] = []
        // By position: iterating the mappings themselves would copy each one (retaining all its fields).
        let mappings = registry.mappings
        for i in mappings.indices {
            switch mappings[i].target {
            case .control(let code, _): controlMappings[code, default: []].append(i)
            case .signal: equivalenceIndices.append(i)
            }
        }
        let equivalences = equivalenceIndices
        let registry = self.registry, publishedAt = context.publishedAt, emitter = self
        // Every file is deferred: built as it is written, on the writing threads, each mapping's document
        // in the one file that lists it.
        var files: [OutputFile] = []
        var frameworkEntries: [JSONValue] = []
        for framework in registry.frameworks {
            let list = controlMappings[framework.code] ?? []
            let path = "mappings/\(framework.code).json"
            files.append(OutputFile(path: CSVDownloads.mappingsPath(framework.code)) { CSVDownloads.mappings(framework, indices: list, registry: registry) })
            files.append(
                OutputFile(path: path) {
                    OutputFile.splicedJSON(
                        [
                            ("schema_version", "1.0"),
                            (
                                "framework",
                                .object([("code", .string(framework.code)), ("name", .string(framework.name)), ("version", .string(framework.version))])
                            ),
                            ("registry_version", .string(registry.config.version)),
                            ("mapping_count", .int(list.count)),
                        ],
                        listKey: "mappings", items: list.map { emitter.document(registry.mappings[$0]) })
                })
            frameworkEntries.append(
                .object([
                    ("code", .string(framework.code)), ("name", .string(framework.name)), ("version", .string(framework.version)),
                    ("file", .string("\(framework.code).json")), ("mapping_count", .int(list.count)),
                    ("signals_mapped", .int(Set(list.map { registry.mappings[$0].source }).count)),
                    ("controls_mapped", .int(Set(list.map { registry.mappings[$0].target }).count)),
                    ("control_count", .int(framework.controls.count)),
                ]))
        }
        files.append(
            OutputFile(path: "mappings/equivalences.json") {
                OutputFile.splicedJSON(
                    [("schema_version", "1.0"), ("registry_version", .string(registry.config.version)), ("mapping_count", .int(equivalences.count))],
                    listKey: "mappings", items: equivalences.map { emitter.document(registry.mappings[$0]) })
            })
        let controlCount = registry.mappings.count - equivalences.count
        let entries = frameworkEntries
        files.append(
            OutputFile(path: "mappings/index.json") {
                .object([
                    ("version", .string(registry.config.version)),
                    ("cse_registry_version", .string(registry.config.version)),
                    ("created", .string(publishedAt)),
                    ("updated", .string(publishedAt)),
                    (
                        "statistics",
                        .object([
                            ("total_mappings", .int(registry.mappings.count)),
                            ("signal_to_control_mappings", .int(controlCount)),
                            ("equivalence_mappings", .int(equivalences.count)),
                            ("frameworks", .int(registry.frameworks.count)),
                            ("signals_mapped", .int(Set(registry.mappings.map(\.source)).count)),
                        ])
                    ),
                    ("frameworks", .array(entries)),
                    ("equivalences_file", "equivalences.json"),
                ])
            })
        return files
    }
}
