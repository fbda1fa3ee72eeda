import CSEDiagnostics

/// JSON shapes of the static API's resources (schemas/api-*.schema.json).
enum APIDocuments {
    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    // MARK: - Signals

    // The documents made once per signal, mapping or control are written straight to bytes (`JSONStream`);
    // the rest are built as `JSONValue`s. Both give the same compact bytes for the same members.

    /// A signal in a list: the hosted API's summary fields.
    static func signalSummary(_ s: Signal) -> [UInt8] {
        JSONStream.object(capacity: 192) { out in
            out.member("id", s.id)
            out.member("domain", s.domain)
            out.member("category", s.category)
            out.member("title", s.canonicalName)
            out.member("severity", s.metadata?.suggestedSeverity?.rawValue)
        }
    }

    /// `/signals/{id}`: every field of the definition, its versions, and its mappings (each already written
    /// by ``mapping(_:)``).
    static func signal(_ s: Signal, mappings: [[UInt8]], index: MappingIndex, into out: inout JSONStream) {
        let m = s.metadata ?? SignalMetadata()
        out.beginObject()
        out.member("id", s.id)
        out.member("title", s.canonicalName)
        out.member("description", s.description)
        out.member("domain", s.domain)
        out.member("category", s.category)
        out.member("applicability", s.applicability)
        out.member("severity", m.suggestedSeverity?.rawValue)
        out.member("status", s.status.rawValue)
        out.member("tags", s.tags)
        out.member("risk_domains", m.riskDomains)
        out.member("related_controls", m.relatedControls)
        out.member("artifact_types", m.artifactTypes)
        out.member("detection_notes", m.detectionNotes)
        out.member("remediation_hint", m.remediationHint)
        out.key("sources")
        SignalDocuments.sources(m.sources, into: &out)
        out.key("versions")
        out.beginObject()
        out.member("introduced_in", s.introducedIn)
        out.member("deprecated_in", s.deprecatedIn)
        out.member("replaced_by", s.replacedBy)
        out.endObject()
        out.member("definition_ref", s.definitionRef)
        out.key("mappings")
        out.beginArray()
        for mapping in mappings { out.raw(mapping) }
        out.endArray()
        out.key("equivalents")
        out.value(ComputeDocuments.equivalents(of: s.id, index: index))
        out.endObject()
    }

    // MARK: - Mappings

    static func mapping(_ m: Mapping) -> [UInt8] {
        var out = JSONStream(capacity: 384)
        mapping(m, into: &out)
        return out.bytes
    }

    static func mapping(_ m: Mapping, into out: inout JSONStream) {
        out.beginObject()
        out.member("id", m.id)
        out.member("signal", m.source)
        switch m.target {
        case .control(let fw, let c):
            out.member("target_type", "control")
            out.member("framework", fw)
            out.member("control", c)
        case .signal(let other):
            out.member("target_type", "signal")
            out.member("target_signal", other)
        }
        out.member("relationship", m.relationship.rawValue)
        out.member("provenance", m.provenance.rawValue)
        out.key("confidence")
        out.double(m.effectiveConfidence)
        out.optionalMember("justification", m.justification)
        out.optionalMember("reference", m.reference)
        out.optionalMember("reviewed", m.reviewed)
        out.member("status", m.status)
        out.endObject()
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

    static func controlSummary(_ c: Control) -> [UInt8] {
        JSONStream.object(capacity: 256) { out in
            out.member("framework", c.framework)
            out.member("id", c.id)
            out.member("title", c.title)
            out.member("family", c.family)
            out.member("parent", c.parent)
            out.member("withdrawn", c.withdrawn)
        }
    }

    static func control(_ c: Control, index: MappingIndex, into out: inout JSONStream) {
        out.beginObject()
        out.member("framework", c.framework)
        out.member("id", c.id)
        out.member("title", c.title)
        out.member("family", c.family)
        out.member("parent", c.parent)
        out.member("kind", c.kind)
        out.member("requirement", c.requirement)
        out.member("levels", c.levels)
        out.member("implementation_groups", c.implementationGroups)
        out.member("baselines", c.baselines)
        out.member("withdrawn", c.withdrawn)
        out.member("source_reference", c.sourceReference)
        out.key("mappings")
        out.beginArray()
        for m in index.mappings(to: ControlKey(c.framework, c.id)) { mapping(m, into: &out) }
        out.endArray()
        out.endObject()
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

    /// A signal's entry in the finding-template list.
    /// A finding template's list item: `id` is the template's own (`FND-<signal>`, as in its resource), and
    /// `signal` the key its resource is fetched by (`finding-templates/<signal>/`).
    static func findingTemplateSummary(_ s: Signal, artifactType: String) -> [UInt8] {
        JSONStream.object(capacity: 192) { out in
            out.member("id", findingTemplateID(s))
            out.member("signal", s.id)
            out.member("title", s.canonicalName)
            out.member("artifact_type", artifactType)
        }
    }

    /// The finding ID of a signal's template.
    static func findingTemplateID(_ s: Signal) -> String { "FND-\(s.id)" }

    /// A finding skeleton in the CSE finding format (upstream finding.schema.json) for one signal.
    static func findingTemplate(_ s: Signal, artifactType: String, context: BuildContext) -> JSONValue {
        let severity = s.metadata?.suggestedSeverity
        return .object(dropping: [
            ("id", .string(findingTemplateID(s))),
            ("signal", .object([("id", .string(s.id)), ("version", .string(context.config.version))])),
            ("artifact", .object([("type", .string(artifactType)), ("id", "REPLACE-WITH-ARTIFACT-ID")])),
            ("observed_at", .string(context.publishedAt)),
            ("status", "open"),
            ("severity", severity.map { .object([("level", .string($0.rawValue)), ("source", "signal-default")]) }),
            (
                "metadata",
                .object([
                    ("source_system", "cse-registry"),
                    (
                        "external_refs",
                        .array([
                            .object([
                                ("type", "cse-signal"), ("id", .string(s.id)), ("url", .string(context.absoluteURL("v1/signals/\(APIPath.encode(s.id))/"))),
                            ])
                        ])
                    ),
                ])
            ),
        ])
    }
}
