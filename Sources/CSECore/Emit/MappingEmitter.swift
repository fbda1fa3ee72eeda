import CSEDiagnostics

/// The mappings as mapping-format-v1.0 documents: one file per framework, one for equivalences, and an index.
struct MappingEmitter {
    var context: BuildContext

    var registry: Registry { context.registry }

    /// One mapping in the mapping-format-v1.0 shape.
    func document(_ m: Mapping) -> JSONValue {
        let target: JSONValue
        switch m.target {
        case .control(let code, let controlID):
            let framework = registry.framework(code)
            target = .object(dropping: [
                ("type", "control"), ("framework", .string(code)), ("version", .string(framework?.version ?? "")),
                ("id", .string(controlID)), ("title", framework?.control(controlID).map { .string($0.title) }),
            ])
        case .signal(let other):
            target = .object([("type", "cse-signal"), ("id", .string(other))])
        }
        let version = registry.signalPosition(m.source).map { registry.signals[$0].introducedIn } ?? registry.config.version
        return .object(dropping: [
            ("id", .string(m.id)),
            ("source", .object([("type", "cse-signal"), ("id", .string(m.source)), ("version", .string(version))])),
            ("target", target),
            ("relationship", .string(m.relationship.rawValue)),
            ("confidence", m.confidence.map(JSONValue.double)),
            (
                "provenance",
                .object(dropping: [
                    ("source", .string(m.provenance.rawValue)), ("reference", m.reference.map(JSONValue.string)),
                    ("reviewed_date", m.reviewed.map(JSONValue.string)),
                ])
            ),
            ("justification", m.justification.map(JSONValue.string)),
            ("metadata", .object([("created", .string(m.reviewed.map { $0 + "T00:00:00Z" } ?? context.publishedAt)), ("status", .string(m.status))])),
        ])
    }

    func files() -> [OutputFile] {
        // Each mapping's document is built once, on all cores, then the files serialize side by side.
        let documents = registry.mappings.concurrentMap(minimumBatch: 256, document)
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
        let registry = self.registry, publishedAt = context.publishedAt
        var jobs: [@Sendable () -> OutputFile] = []
        var frameworkEntries: [JSONValue] = []
        for framework in registry.frameworks {
            let list = controlMappings[framework.code] ?? []
            let path = "mappings/\(framework.code).json"
            jobs.append {
                OutputFile(
                    path: path,
                    json: .object([
                        ("schema_version", "1.0"),
                        ("framework", .object([("code", .string(framework.code)), ("name", .string(framework.name)), ("version", .string(framework.version))])),
                        ("registry_version", .string(registry.config.version)),
                        ("mapping_count", .int(list.count)),
                        ("mappings", .array(list.map { documents[$0] })),
                    ]))
            }
            frameworkEntries.append(
                .object([
                    ("code", .string(framework.code)), ("name", .string(framework.name)), ("version", .string(framework.version)),
                    ("file", .string(path)), ("mapping_count", .int(list.count)),
                    ("signals_mapped", .int(Set(list.map { registry.mappings[$0].source }).count)),
                    ("controls_mapped", .int(Set(list.map { registry.mappings[$0].target }).count)),
                    ("control_count", .int(framework.controls.count)),
                ]))
        }
        jobs.append {
            OutputFile(
                path: "mappings/equivalences.json",
                json: .object([
                    ("schema_version", "1.0"), ("registry_version", .string(registry.config.version)),
                    ("mapping_count", .int(equivalences.count)), ("mappings", .array(equivalences.map { documents[$0] })),
                ]))
        }
        let controlCount = registry.mappings.count - equivalences.count
        let entries = frameworkEntries
        jobs.append {
            OutputFile(
                path: "mappings/index.json",
                json: .object([
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
                    ("equivalences_file", "mappings/equivalences.json"),
                ]))
        }
        return runConcurrently(jobs)
    }
}
