public import CSEDiagnostics

/// A security scanner whose rule identifiers the registry maps to signals (`tools/<id>.yaml`).
public struct SecurityTool: Sendable, Hashable, Identifiable {
    /// One scanner rule and the signals a failing result of it indicates.
    public struct Rule: Sendable, Hashable {
        /// The scanner's own identifier (`CKV_AWS_19`, `s3-bucket-server-side-encryption-enabled`).
        public var rule: String
        public var title: String
        /// Signal IDs, in the order written.
        public var signals: [String]
        /// Resource types the rule evaluates, when stated.
        public var resourceTypes: [String]
        public var range: SourceRange
        public var signalRanges: [SourceRange]
        public var resourceTypeRanges: [SourceRange]
    }

    public var id: String
    public var name: String
    public var vendor: String
    public var url: String
    /// iac-scanner, cloud-posture, container-scanner, sast, managed-rules, kubernetes-benchmark, secret-scanner or
    /// supply-chain.
    public var kind: String
    public var description: String?
    /// Where the rules are documented.
    public var rulesURL: String?
    public var rules: [Rule]
    public var file: String
    public var idRange: SourceRange
}
