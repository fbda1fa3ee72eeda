import CSECore
import CSEDiagnostics
import CSEYAML
import Foundation

/// Builds API trees of small registries and reads their files back.
enum APIFixture {
    static let publishedAt = "2026-01-01T00:00:00Z"

    /// The plan of `registry` with only the API output (and the schemas it references).
    static func plan(_ registry: Registry) -> (OutputPlan, [Diagnostic]) {
        var registry = registry
        registry.config.outputs = [.api]
        return RegistryBuilder(context: BuildContext(registry: registry, publishedAt: publishedAt), schemas: TestRegistry.schemas).plan()
    }

    /// `v1/`-relative path → bytes.
    static func tree(_ plan: OutputPlan) -> [String: [UInt8]] {
        Dictionary(plan.files.filter { $0.path.hasPrefix("v1/") }.map { (String($0.path.dropFirst(3)), $0.bytes) }, uniquingKeysWith: { a, _ in a })
    }

    static func text(_ tree: [String: [UInt8]], _ path: String) -> String? {
        tree[path].map { String(decoding: $0, as: UTF8.self) }
    }

    static func node(_ bytes: [UInt8], path: String) -> Node? {
        DocumentLoader.load(bytes, path: path, format: .json, maximumSize: 64 << 20).0
    }

    /// A signal folder with the given severity, tag and artifact type.
    static func signal(_ id: String, domain: String = "HIPAA", category: String = "TECH", severity: String = "high", tag: String = "storage")
        -> [String: String]
    {
        TestRegistry.folder(
            id, domain: domain, category: category,
            signal: TestRegistry.signal(
                id, domain: domain, category: category,
                extra: "tags: [\(tag)]\nmetadata:\n  suggested_severity: \(severity)\n  artifact_types: [cloud_resource]\n"))
    }

    static let artifactType = """
        id: cloud_resource
        name: Cloud resource
        description: A resource managed through a cloud provider's control plane.
        finding_artifact_type: cloud-resource
        resource_types:
          - {type: "AWS::S3::Bucket", provider: aws, format: cloudformation}
          - {type: aws_s3_bucket, provider: aws, format: terraform}

        """

    static func tool(_ signal: String, id: String = "checkov", extraRule: String = "") -> String {
        """
        id: \(id)
        name: Checkov
        vendor: Prisma Cloud by Palo Alto Networks
        url: https://www.checkov.io/
        kind: iac-scanner
        rules:
          - rule: CKV_AWS_19
            title: Ensure all data stored in the S3 bucket is securely encrypted at rest
            signals: [\(signal)]
            resource_types: [aws_s3_bucket]
        \(extraRule)
        """
    }
}
