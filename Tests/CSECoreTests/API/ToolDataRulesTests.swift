import CSECore
import Testing

/// `cse validate` on artifact-types/ and tools/: every diagnostic, in tool format.
@Suite struct ToolDataRulesTests {
    static let signal = "CSE-HIPAA-TECH-COND-001"

    static func lines(_ extra: [String: String]) throws -> [String] {
        let files = TestRegistry.merge(
            TestRegistry.framework, APIFixture.signal(signal), ["artifact-types/cloud_resource.yaml": APIFixture.artifactType], extra)
        return TestRegistry.lines(try TestRegistry.load(files))
    }

    @Test func validDataHasNoProblems() throws {
        #expect(try Self.lines(["tools/checkov.yaml": APIFixture.tool(Self.signal)]) == [])
    }

    @Test func reportsUnknownSignalWithSuggestion() throws {
        #expect(
            try Self.lines(["tools/checkov.yaml": APIFixture.tool("CSE-HIPAA-TECH-COND-002")]) == [
                "tools/checkov.yaml:9:15: error: rule 'CKV_AWS_19' maps to signal 'CSE-HIPAA-TECH-COND-002', which does not exist (did you mean 'CSE-HIPAA-TECH-COND-001'?) [tool.unknown-signal]"
            ])
    }

    @Test func reportsDuplicateRule() throws {
        let extra = """
              - rule: CKV_AWS_19
                title: Again
                signals: [\(Self.signal)]

            """
        #expect(
            try Self.lines(["tools/checkov.yaml": APIFixture.tool(Self.signal, extraRule: extra)]) == [
                "tools/checkov.yaml:11:11: error: rule 'CKV_AWS_19' of 'checkov' is listed twice [tool.duplicate-rule]"
            ])
    }

    @Test func reportsUnknownResourceType() throws {
        let tool = APIFixture.tool(Self.signal).replacingOccurrences(of: "[aws_s3_bucket]", with: "[aws_s3_buckets]")
        #expect(
            try Self.lines(["tools/checkov.yaml": tool]) == [
                "tools/checkov.yaml:10:22: error: resource type 'aws_s3_buckets' is not listed by any artifact type (did you mean 'aws_s3_bucket'?) [tool.unknown-resource-type]"
            ])
    }

    @Test func reportsFileNameMismatch() throws {
        #expect(
            try Self.lines(["tools/tfsec.yaml": APIFixture.tool(Self.signal)]) == [
                "tools/tfsec.yaml:1:5: error: 'tfsec.yaml' defines 'checkov' [tool.file-name-mismatch]"
            ])
        let other = APIFixture.artifactType.replacingOccurrences(of: "id: cloud_resource", with: "id: database")
            .replacingOccurrences(of: "AWS::S3::Bucket", with: "AWS::RDS::DBInstance").replacingOccurrences(of: "aws_s3_bucket", with: "aws_db_instance")
        #expect(
            try Self.lines(["artifact-types/db.yaml": other]) == [
                "artifact-types/db.yaml:1:5: error: 'db.yaml' defines 'database' [artifact.file-name-mismatch]"
            ])
    }

    @Test func reportsResourceTypeClaimedTwice() throws {
        let other = APIFixture.artifactType.replacingOccurrences(of: "id: cloud_resource", with: "id: database")
            .replacingOccurrences(of: "AWS::S3::Bucket", with: "AWS::RDS::DBInstance")
        #expect(
            try Self.lines(["artifact-types/database.yaml": other]) == [
                "artifact-types/database.yaml:7:12: error: resource type 'aws_s3_bucket' already resolves to artifact type 'cloud_resource' [artifact.duplicate-resource-type]"
            ])
    }

    @Test func schemaRejectsUnknownArtifactTypeAndToolKind() throws {
        let bad = APIFixture.artifactType.replacingOccurrences(of: "id: cloud_resource", with: "id: spaceship")
        let lines = try Self.lines([
            "artifact-types/spaceship.yaml": bad, "tools/checkov.yaml": APIFixture.tool(Self.signal).replacingOccurrences(of: "iac-scanner", with: "magic"),
        ])
        #expect(lines.contains { $0.hasPrefix("artifact-types/spaceship.yaml:1:5: error:") })
        #expect(lines.contains { $0.hasPrefix("tools/checkov.yaml:5:7: error:") })
    }
}
