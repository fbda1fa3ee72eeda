import CSEDiagnostics

/// JSON shapes of the static API's resources (schemas/api-*.schema.json).
enum APIDocuments {
    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    // MARK: - Signals

    /// A signal in a list: the hosted API's summary fields.
    static func signalSummary(_ s: Signal) -> JSONValue {
        .object([
            ("id", .string(s.id)), ("domain", .string(s.domain)), ("category", .string(s.category)), ("title", .string(s.canonicalName)),
            ("severity", string(s.metadata?.suggestedSeverity?.rawValue)),
        ])
    }

    /// `/signals/{id}`: every field of the definition, its versions, and its mappings.
    static func signal(_ s: Signal, mappings: [Mapping], index: MappingIndex) -> JSONValue {
        let m = s.metadata ?? SignalMetadata()
        return .object([
            ("id", .string(s.id)), ("title", .string(s.canonicalName)), ("description", .string(s.description)),
            ("domain", .string(s.domain)), ("category", .string(s.category)), ("applicability", .string(s.applicability)),
            ("severity", string(m.suggestedSeverity?.rawValue)), ("status", .string(s.status.rawValue)),
            ("tags", strings(s.tags)), ("risk_domains", strings(m.riskDomains)), ("related_controls", strings(m.relatedControls)),
            ("artifact_types", strings(m.artifactTypes)), ("detection_notes", string(m.detectionNotes)),
            ("remediation_hint", string(m.remediationHint)),
            (
                "sources",
                .array(
                    m.sources.map { src in
                        .object(dropping: [
                            ("url", .string(src.url)), ("type", .string(src.type)), ("title", .string(src.title)),
                            ("authority", src.authority.map(JSONValue.string)), ("section", src.section.map(JSONValue.string)),
                        ])
                    })
            ),
            (
                "versions",
                .object([("introduced_in", .string(s.introducedIn)), ("deprecated_in", string(s.deprecatedIn)), ("replaced_by", string(s.replacedBy))])
            ),
            ("definition_ref", .string(s.definitionRef)),
            ("mappings", .array(mappings.map(mapping))),
            ("equivalents", ComputeDocuments.equivalents(of: s.id, index: index)),
        ])
    }

    // MARK: - Mappings

    static func mapping(_ m: Mapping) -> JSONValue {
        var target: [(String, JSONValue?)] = []
        switch m.target {
        case .control(let fw, let c): target = [("target_type", "control"), ("framework", .string(fw)), ("control", .string(c))]
        case .signal(let other): target = [("target_type", "signal"), ("target_signal", .string(other))]
        }
        return .object(
            dropping: [("id", .string(m.id)), ("signal", .string(m.source))] + target + [
                ("relationship", .string(m.relationship.rawValue)), ("provenance", .string(m.provenance.rawValue)),
                ("confidence", .double(m.effectiveConfidence)), ("justification", m.justification.map(JSONValue.string)),
                ("reference", m.reference.map(JSONValue.string)), ("reviewed", m.reviewed.map(JSONValue.string)),
                ("status", .string(m.status)),
            ])
    }

    // MARK: - Frameworks and controls

    static func frameworkSummary(_ f: Coverage.FrameworkCoverage) -> JSONValue {
        let fw = f.framework
        return .object([
            ("code", .string(fw.code)), ("name", .string(fw.name)), ("version", .string(fw.version)), ("publisher", .string(fw.publisher)),
            ("domain", .string(fw.domain)), ("control_count", .int(fw.controls.count)), ("mapping_count", .int(f.mappingCount)),
        ])
    }

    static func framework(_ f: Coverage.FrameworkCoverage) -> JSONValue {
        let fw = f.framework
        return .object([
            ("code", .string(fw.code)), ("name", .string(fw.name)), ("version", .string(fw.version)), ("publisher", .string(fw.publisher)),
            ("url", .string(fw.url)), ("domain", .string(fw.domain)), ("effective_date", string(fw.effectiveDate)),
            ("description", string(fw.description)), ("based_on", string(fw.basedOn)), ("licensing_note", string(fw.licensingNote)),
            (
                "families",
                .array(
                    fw.families.map {
                        .object([
                            ("id", .string($0.id)), ("title", .string($0.title)), ("technical", .bool($0.technical)),
                            ("control_count", .int($0.controlIDs.count)),
                        ])
                    })
            ),
            ("control_count", .int(fw.controls.count)), ("mapping_count", .int(f.mappingCount)),
            ("coverage", .object(ComputeDocuments.tally(f.tally))),
        ])
    }

    static func controlSummary(_ c: Control) -> JSONValue {
        .object([
            ("framework", .string(c.framework)), ("id", .string(c.id)), ("title", .string(c.title)), ("family", .string(c.family)),
            ("parent", string(c.parent)), ("withdrawn", .bool(c.withdrawn)),
        ])
    }

    static func control(_ c: Control, index: MappingIndex) -> JSONValue {
        .object([
            ("framework", .string(c.framework)), ("id", .string(c.id)), ("title", .string(c.title)), ("family", .string(c.family)),
            ("parent", string(c.parent)), ("kind", string(c.kind)), ("requirement", string(c.requirement)),
            ("levels", .array(c.levels.map(JSONValue.int))), ("implementation_groups", .array(c.implementationGroups.map(JSONValue.int))),
            ("baselines", strings(c.baselines)), ("withdrawn", .bool(c.withdrawn)), ("source_reference", string(c.sourceReference)),
            ("mappings", .array(index.mappings(to: ControlKey(c.framework, c.id)).map(mapping))),
        ])
    }

    // MARK: - Artifact types and tools

    static func artifactType(_ a: ArtifactType, signals: [String]) -> JSONValue {
        .object([
            ("id", .string(a.id)), ("name", .string(a.name)), ("description", .string(a.description)),
            ("finding_artifact_type", .string(a.findingArtifactType)), ("examples", strings(a.examples)),
            ("resource_types", .array(a.resourceTypes.map(resourceType))), ("signals", strings(signals)),
        ])
    }

    static func resourceType(_ r: ArtifactType.ResourceType) -> JSONValue {
        .object([("type", .string(r.type)), ("provider", .string(r.provider)), ("format", .string(r.format))])
    }

    static func tool(_ t: SecurityTool) -> JSONValue {
        .object([
            ("id", .string(t.id)), ("name", .string(t.name)), ("vendor", .string(t.vendor)), ("url", .string(t.url)),
            ("rules_url", string(t.rulesURL)), ("kind", .string(t.kind)), ("description", string(t.description)),
            ("rule_count", .int(t.rules.count)),
        ])
    }

    static func toolRule(_ r: SecurityTool.Rule, tool: SecurityTool) -> JSONValue {
        .object([
            ("id", .string("\(tool.id):\(r.rule)")), ("tool", .string(tool.id)), ("rule", .string(r.rule)), ("title", .string(r.title)),
            ("signals", strings(r.signals)), ("resource_types", strings(r.resourceTypes)),
        ])
    }

    /// A finding skeleton in the CSE finding format (upstream finding.schema.json) for one signal.
    static func findingTemplate(_ s: Signal, artifactType: String, context: BuildContext) -> JSONValue {
        let severity = s.metadata?.suggestedSeverity
        return .object(dropping: [
            ("id", .string("FND-\(s.id)")),
            ("signal", .object([("id", .string(s.id)), ("version", .string(context.config.version))])),
            ("artifact", .object([("type", .string(artifactType)), ("id", "REPLACE-WITH-ARTIFACT-ID")])),
            ("observed_at", .string(context.publishedAt)),
            ("status", "open"),
            ("severity", severity.map { .object([("level", .string($0.rawValue)), ("source", "signal-default")]) }),
            (
                "metadata",
                .object([
                    ("source_system", "cse-registry"),
                    ("external_refs", .array([.object([("type", "cse-signal"), ("id", .string(s.id)), ("url", .string(context.absoluteURL("v1/signals/\(APIPath.encode(s.id))/")))])])),
                ])
            ),
        ])
    }
}
