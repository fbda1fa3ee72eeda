import CSEDiagnostics

/// Scanner rules and artifact types, and the upstream layout's datasets and releases.
extension DiagnosticKind {
    private static let artifactType = """
        id: cloud_resource
        name: Cloud resource
        description: A resource provisioned in a cloud account, read through the provider's configuration API.
        finding_artifact_type: other
        examples: [storage bucket]
        resource_types:
          - {type: "AWS::S3::Bucket", provider: aws, format: cloudformation}

        """

    private static func tool(_ rules: String) -> String {
        """
        id: example-scanner
        name: Example scanner
        vendor: Example Vendor
        url: https://example.org/scanner
        kind: cloud-posture
        description: A scanner whose rules indicate the signals below when they fail.
        rules:
        \(rules)
        """
    }

    private static let goodRule = """
          - rule: bucket-encryption
            title: Checks that a bucket encrypts its objects
            signals: [CSE-HIPAA-TECH-NO-ENCRYPTION-001]
            resource_types: ["AWS::S3::Bucket"]

        """

    private static let toolFile = "tools/example-scanner.yaml"
    private static let artifactFile = "artifact-types/cloud_resource.yaml"

    static let toolUnknownSignal = DiagnosticKind(
        "tool.unknown-signal", .error,
        meaning: "a scanner rule maps to a signal that does not exist (suggests the nearest)",
        explanation: "A tool rule tells which signals its failures indicate; they must be signals of this registry.",
        example: DiagnosticExample(
            wrong: [artifactFile: artifactType, toolFile: tool(goodRule.replacingOccurrences(of: "ENCRYPTION-001", with: "ENCRYPTION-002"))],
            right: [artifactFile: artifactType, toolFile: tool(goodRule)]))

    static let toolDuplicateRule = DiagnosticKind(
        "tool.duplicate-rule", .error,
        meaning: "a rule is listed twice for one tool",
        explanation: "List each scanner rule once, with every signal it indicates.",
        example: DiagnosticExample(
            wrong: [artifactFile: artifactType, toolFile: tool(goodRule + goodRule)], right: [artifactFile: artifactType, toolFile: tool(goodRule)]))

    static let toolUnknownResourceType = DiagnosticKind(
        "tool.unknown-resource-type", .error,
        meaning: "a rule names a resource type no artifact type lists (suggests the nearest)",
        explanation: "Resource types resolve to artifact types (docs/api.md); add the type to the artifact type it belongs to.",
        example: DiagnosticExample(
            wrong: [artifactFile: artifactType, toolFile: tool(goodRule.replacingOccurrences(of: "AWS::S3::Bucket", with: "AWS::S3::Buckets"))],
            right: [artifactFile: artifactType, toolFile: tool(goodRule)]))

    static let toolFileNameMismatch = DiagnosticKind(
        "tool.file-name-mismatch", .error,
        meaning: "a tool file's name differs from its `id`",
        explanation: "Name the file `<id>.yaml`, so that a tool can be found from its ID.",
        example: DiagnosticExample(
            wrong: [artifactFile: artifactType, "tools/scanner.yaml": tool(goodRule)], right: [artifactFile: artifactType, toolFile: tool(goodRule)]))

    static let artifactDuplicateResourceType = DiagnosticKind(
        "artifact.duplicate-resource-type", .error,
        meaning: "a resource type resolves to two artifact types",
        explanation: "A resource type resolves to exactly one artifact type; remove one of the entries.",
        example: DiagnosticExample(
            wrong: [
                artifactFile: artifactType,
                "artifact-types/configuration.yaml":
                    artifactType
                    .replacingOccurrences(of: "id: cloud_resource", with: "id: configuration")
                    .replacingOccurrences(of: "name: Cloud resource", with: "name: Configuration"),
            ],
            right: [artifactFile: artifactType]))

    static let artifactFileNameMismatch = DiagnosticKind(
        "artifact.file-name-mismatch", .error,
        meaning: "an artifact-type file's name differs from its `id`",
        explanation: "Name the file `<id>.yaml`, so that an artifact type can be found from its ID.",
        example: DiagnosticExample(wrong: ["artifact-types/cloud.yaml": artifactType], right: [artifactFile: artifactType]))

    static let toolKinds: [DiagnosticKind] = [
        .artifactDuplicateResourceType, .artifactFileNameMismatch, .toolDuplicateRule, .toolFileNameMismatch,
        .toolUnknownResourceType, .toolUnknownSignal,
    ]

    // MARK: - dataset / release / registry

    static let datasetCountMismatch = DiagnosticKind(
        "dataset.count-mismatch", .error,
        meaning: "a count a dataset or index states (totals, per-domain counts, control counts) differs from the files it describes",
        explanation: "Counts are recomputed from the files present; regenerate the file that states the count.",
        example: DiagnosticExample(
            wrong: ["mappings/rows.json": #"{"total_mappings": 2, "mappings": []}"#],
            right: ["mappings/rows.json": #"{"total_mappings": 0, "mappings": []}"#]))

    static let datasetIndexConflict = DiagnosticKind(
        "dataset.index-conflict", .error,
        meaning: "two release indexes describe the same version with different per-domain counts",
        explanation: "Both indexes claim one release; regenerate them from it. The note points at the other count.",
        example: DiagnosticExample(
            wrong: [
                "registry/index.json": #"{"registry": {"version": "1.0.0"}, "domains": [{"name": "HIPAA", "signal_count": 1}]}"#,
                "registry/v1/index.json": #"{"registry": {"version": "1.0.0"}, "domains": [{"name": "HIPAA", "signal_count": 2}]}"#,
            ],
            right: [
                "registry/index.json": #"{"registry": {"version": "1.0.0"}, "domains": [{"name": "HIPAA", "signal_count": 1}]}"#,
                "registry/v1/index.json": #"{"registry": {"version": "1.0.0"}, "domains": [{"name": "HIPAA", "signal_count": 1}]}"#,
            ]))

    static let releaseChecksumMismatch = DiagnosticKind(
        "release.checksum-mismatch", .error,
        meaning: "a file's SHA-256 differs from its line in a release's `SHA256SUMS`",
        explanation: "The file changed after the checksums were computed; rebuild the release rather than editing its files.",
        example: DiagnosticExample(
            wrong: ["registry/index.json": "{}", "registry/SHA256SUMS": String(repeating: "0", count: 64) + "  index.json\n"],
            right: ["registry/index.json": "{}", "registry/SHA256SUMS": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a  index.json\n"]))

    static let releaseChecksumMissingFile = DiagnosticKind(
        "release.checksum-missing-file", .warning,
        meaning: "`SHA256SUMS` lists a file the release folder does not have",
        explanation: "Publish the file with the checksums, or remove its line.",
        example: DiagnosticExample(
            wrong: ["registry/index.json": "{}", "registry/SHA256SUMS": String(repeating: "0", count: 64) + "  bundle.json\n"],
            right: ["registry/index.json": "{}", "registry/SHA256SUMS": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a  index.json\n"]))

    static let registrySample = DiagnosticKind(
        "registry.sample", .note,
        meaning: "the tree holds fewer signals than its release index lists: references to signals outside it are counted, not reported one by one",
        explanation: """
            A sample of a larger registry (the upstream corpus is one) names signals it does not hold; each such \
            reference cannot be judged, so one note counts them. Validate the complete registry to check them.
            """,
        example: DiagnosticExample(
            wrong: [
                "registry/index.json": #"{"total_signals": 40}"#,
                DiagnosticExample.readmeFile: "# Storage\n\nSee CSE-HIPAA-TECH-NO-LOGGING-002.\n",
            ],
            right: ["registry/index.json": #"{"total_signals": 1}"#, DiagnosticExample.readmeFile: "# Storage\n\nDetected from settings.\n"]))

    static let datasetKinds: [DiagnosticKind] = [
        .datasetCountMismatch, .datasetIndexConflict, .registrySample, .releaseChecksumMismatch, .releaseChecksumMissingFile,
    ]
}
