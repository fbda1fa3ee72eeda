public import CSEDiagnostics

/// A kind of artifact a signal is detected in (`artifact-types/<id>.yaml`), with the cloud and IaC resource
/// types that resolve to it.
public struct ArtifactType: Sendable, Hashable, Identifiable {
    /// One provider resource type (`AWS::S3::Bucket`, `aws_s3_bucket`, `Microsoft.Storage/storageAccounts`).
    public struct ResourceType: Sendable, Hashable {
        public var type: String
        /// aws, azure, gcp or github.
        public var provider: String
        /// cloudformation, terraform, arm or cloud-asset-inventory.
        public var format: String
        public var range: SourceRange
    }

    /// One of the values of signal.schema.json `$defs/artifactType`.
    public var id: String
    public var name: String
    public var description: String
    /// The upstream finding format's `artifact.type` a finding on this kind of artifact uses.
    public var findingArtifactType: String
    public var examples: [String]
    public var resourceTypes: [ResourceType]
    public var file: String
    public var idRange: SourceRange
}
