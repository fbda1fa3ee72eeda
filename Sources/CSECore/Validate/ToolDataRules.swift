import CSEDiagnostics

/// Cross-file rules of artifact types and tool mappings (docs/api.md §6).
struct ToolDataRules {
    var artifactTypes: [ArtifactType]
    var tools: [SecurityTool]
    var signals: [Signal]

    func run() -> [Diagnostic] {
        var out: [Diagnostic] = []
        var resourceOwner: [String: (ArtifactType, SourceRange)] = [:]
        for a in artifactTypes {
            out += Self.fileName(a.file, id: a.id, range: a.idRange, kind: .artifactFileNameMismatch)
            for r in a.resourceTypes {
                if let (first, firstRange) = resourceOwner[r.type] {
                    out.append(
                        Diagnostic(
                            .artifactDuplicateResourceType, range: r.range,
                            summary: "resource type '\(r.type)' already resolves to artifact type '\(first.id)'",
                            hint: "a resource type resolves to exactly one artifact type; remove one of the entries",
                            notes: [.init(range: firstRange, message: "first listed here")]))
                } else {
                    resourceOwner[r.type] = (a, r.range)
                }
            }
        }
        let known = Set(signals.map(\.id))
        let knownResources = Set(resourceOwner.keys)
        var signalIndex: SuggestionIndex?, resourceIndex: SuggestionIndex?
        for tool in tools {
            out += Self.fileName(tool.file, id: tool.id, range: tool.idRange, kind: .toolFileNameMismatch)
            var seen: [String: SourceRange] = [:]
            for rule in tool.rules {
                if let first = seen[rule.rule] {
                    out.append(
                        Diagnostic(
                            .toolDuplicateRule, range: rule.range, summary: "rule '\(rule.rule)' of '\(tool.id)' is listed twice",
                            hint: "list each scanner rule once, with every signal it indicates",
                            notes: [.init(range: first, message: "first listed here")]))
                } else {
                    seen[rule.rule] = rule.range
                }
                for (signal, range) in zip(rule.signals, rule.signalRanges) where !known.contains(signal) {
                    if signalIndex == nil { signalIndex = SuggestionIndex(known) }
                    let suggestion = signalIndex?.closest(to: signal)
                    out.append(
                        Diagnostic(
                            .toolUnknownSignal, range: range,
                            summary: "rule '\(rule.rule)' maps to signal '\(signal)', which does not exist"
                                + Suggestions.didYouMean(suggestion),
                            hint: "a tool rule must name signals defined under signals/"))
                }
                guard !artifactTypes.isEmpty else { continue }
                for (type, range) in zip(rule.resourceTypes, rule.resourceTypeRanges) where !knownResources.contains(type) {
                    if resourceIndex == nil { resourceIndex = SuggestionIndex(knownResources) }
                    let suggestion = resourceIndex?.closest(to: type)
                    out.append(
                        Diagnostic(
                            .toolUnknownResourceType, range: range,
                            summary: "resource type '\(type)' is not listed by any artifact type"
                                + Suggestions.didYouMean(suggestion),
                            hint: "add it to the resource_types of the artifact type it resolves to in artifact-types/"))
                }
            }
        }
        return out
    }

    /// `artifact-types/<id>.yaml` and `tools/<id>.yaml`: the file is named after the ID it defines.
    static func fileName(_ file: String, id: String, range: SourceRange, kind: DiagnosticKind) -> [Diagnostic] {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let stem = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        guard stem != id else { return [] }
        return [
            Diagnostic(
                kind, range: range,
                summary: "'\(name)' defines '\(id)'", hint: "name the file '\(id).yaml' so that the ID can be found from the path")
        ]
    }
}
