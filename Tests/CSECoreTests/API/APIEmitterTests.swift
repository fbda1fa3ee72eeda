import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

/// The static API tree of small in-memory registries: exact documents, pagination, hostile IDs.
@Suite struct APIEmitterTests {
    static func ids(_ n: Int) -> [String] { (1...n).map { String(format: "CSE-HIPAA-TECH-COND-%03d", $0) } }

    static func registry(_ n: Int, extra: [String: String] = [:]) throws -> Registry {
        var files = TestRegistry.framework
        for (i, id) in ids(n).enumerated() { files.merge(APIFixture.signal(id, severity: i % 2 == 0 ? "high" : "low")) { _, b in b } }
        files.merge(extra) { _, b in b }
        let result = try TestRegistry.load(files)
        return try #require(result.registry, "\(TestRegistry.lines(result))")
    }

    @Test func listPageIsExact() throws {
        let tree = APIFixture.tree(APIFixture.plan(try Self.registry(2)).0)
        #expect(
            APIFixture.text(tree, "signals/by-severity/low/index.json")
                == #"{"data":[{"id":"CSE-HIPAA-TECH-COND-002","domain":"HIPAA","category":"TECH","title":"Condition COND","severity":"low"}],"#
                + #""meta":{"total":1,"page":1,"per_page":20,"total_pages":1},"#
                + #""links":{"self":"index.json","first":"index.json","prev":null,"next":null,"last":"index.json"}}"#)
        #expect(
            APIFixture.text(tree, "signals/by-severity/info/index.json")
                == #"{"data":[],"meta":{"total":0,"page":1,"per_page":20,"total_pages":1},"#
                + #""links":{"self":"index.json","first":"index.json","prev":null,"next":null,"last":"index.json"}}"#)
        #expect(
            APIFixture.text(tree, "mappings/by-signal/CSE-HIPAA-TECH-COND-001/index.json")?.hasPrefix(
                #"{"data":[{"id":"MAP-CSE-HIPAA-TECH-COND-001-TO-TESTFW-AC-2","signal":"CSE-HIPAA-TECH-COND-001","target_type":"control","framework":"TESTFW","control":"AC-2","relationship":"subset","provenance":"expert","confidence":0.85,"#
            )
                == true)
        #expect(tree["controls/TESTFW/AC-2(1)/index.json"] != nil)
        #expect(tree["signals/by-framework/TESTFW/index.json"] != nil)
        #expect(tree["signals/by-tag/storage/index.json"] != nil)
    }

    /// A signal is listed under a framework only through an active mapping; its other mappings are still
    /// published with it.
    @Test func frameworkListsCountActiveMappingsOnly() throws {
        let retired = TestRegistry.mappings() + "    status: deprecated\n"
        let registry = try Self.registry(
            1,
            extra: TestRegistry.folder(
                "CSE-HIPAA-TECH-RETIRED-002", signal: TestRegistry.signal("CSE-HIPAA-TECH-RETIRED-002", extra: "tags: [storage]\n"), mappings: retired))
        let tree = APIFixture.tree(APIFixture.plan(registry).0)
        let listed = try #require(APIFixture.text(tree, "signals/by-framework/TESTFW/index.json"))
        #expect(listed.contains(#""id":"CSE-HIPAA-TECH-COND-001""#))
        #expect(!listed.contains("RETIRED"))
        #expect(APIFixture.text(tree, "mappings/by-signal/CSE-HIPAA-TECH-RETIRED-002/index.json")?.contains(#""status":"deprecated""#) == true)
        #expect(APIFixture.text(tree, "signals/CSE-HIPAA-TECH-RETIRED-002/index.json")?.contains(#""status":"deprecated""#) == true)
    }

    @Test func paginatesTwentyPerPageWithRelativeLinks() throws {
        let tree = APIFixture.tree(APIFixture.plan(try Self.registry(45)).0)
        let pages = tree.keys.filter { $0.hasPrefix("signals/") && !$0.dropFirst(8).contains("/") || $0.hasPrefix("signals/page/") }.sorted()
        #expect(pages == ["signals/index.json", "signals/page/2.json", "signals/page/3.json"])
        let middle = try #require(APIFixture.text(tree, "signals/page/2.json"))
        #expect(
            middle.hasSuffix(
                #""meta":{"total":45,"page":2,"per_page":20,"total_pages":3},"links":{"self":"2.json","first":"../index.json","prev":"../index.json","next":"3.json","last":"3.json"}}"#
            ))
        #expect(middle.hasPrefix(#"{"data":[{"id":"CSE-HIPAA-TECH-COND-021""#))
        let last = try #require(APIFixture.text(tree, "signals/page/3.json"))
        #expect(last.contains(#""prev":"2.json","next":null"#))
        #expect(last.components(separatedBy: #""domain""#).count - 1 == 5)
    }

    @Test func teamsEndpointsAndFindingTemplates() throws {
        let registry = try Self.registry(
            1, extra: ["artifact-types/cloud_resource.yaml": APIFixture.artifactType, "tools/checkov.yaml": APIFixture.tool("CSE-HIPAA-TECH-COND-001")])
        let tree = APIFixture.tree(APIFixture.plan(registry).0)
        #expect(
            APIFixture.text(tree, "artifact-types/resolve/index.json")
                == #"{"data":{"resource_types":{"AWS::S3::Bucket":{"artifact_type":"cloud_resource","provider":"aws","format":"cloudformation"},"aws_s3_bucket":{"artifact_type":"cloud_resource","provider":"aws","format":"terraform"}}}}"#
        )
        #expect(APIFixture.text(tree, "tool-mappings/lookup/index.json") == #"{"data":{"tools":{"checkov":{"CKV_AWS_19":["CSE-HIPAA-TECH-COND-001"]}}}}"#)
        #expect(
            APIFixture.text(tree, "finding-templates/CSE-HIPAA-TECH-COND-001/index.json")
                == #"{"data":{"id":"FND-CSE-HIPAA-TECH-COND-001","signal":{"id":"CSE-HIPAA-TECH-COND-001","version":"1.0.0"},"#
                + #""artifact":{"type":"cloud-resource","id":"REPLACE-WITH-ARTIFACT-ID"},"observed_at":"2026-01-01T00:00:00Z","status":"open","#
                + #""severity":{"level":"high","source":"signal-default"},"metadata":{"source_system":"cse-registry","external_refs":[{"type":"cse-signal","id":"CSE-HIPAA-TECH-COND-001","url":"https://cse-registry.org/v1/signals/CSE-HIPAA-TECH-COND-001/"}]}}}"#
        )
    }

    /// `cse build` writes through ``RegistryBuilder/write(to:)``: API documents rendered as they are written,
    /// checksums taken while writing. The tree on disk must be exactly the in-memory plan's, checksum files
    /// included.
    @Test func streamedWriteEqualsTheInMemoryPlan() throws {
        var registry = try Self.registry(45)
        registry.config.outputs = [.bundle, .signals, .mappings, .schemas, .compute, .api]
        let builder = RegistryBuilder(context: BuildContext(registry: registry, publishedAt: APIFixture.publishedAt), schemas: TestRegistry.schemas)
        let staged = builder.outputs().0
        #expect(staged.files.contains { $0.isDeferred }, "the API's documents should be deferred")
        let (plan, _) = builder.plan()
        #expect(!plan.files.contains { $0.isDeferred })

        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("cse-streamed-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        let (summary, diagnostics) = try builder.write(to: DiskOutput(target: base + "/out"))
        #expect(!diagnostics.containsErrors)
        #expect(summary?.fileCount == plan.files.count)
        #expect(summary?.totalBytes == plan.totalBytes)
        var onDisk: [String: [UInt8]] = [:]
        let root = URL(fileURLWithPath: base + "/out")
        for case let url as URL in fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])! {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            onDisk[String(url.path.dropFirst(root.path.count + 1))] = Array(try Data(contentsOf: url))
        }
        // The marker that lets the next build replace the folder is written beside the plan's files.
        #expect(onDisk.removeValue(forKey: OutputGuard.markerName) != nil)
        let expected = Dictionary(plan.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        #expect(onDisk.count == expected.count)
        #expect(Set(onDisk.keys) == Set(expected.keys))
        #expect(onDisk == expected)
    }

    @Test func buildIsDeterministic() throws {
        let registry = try Self.registry(25)
        #expect(APIFixture.plan(registry).0.sortedFiles == APIFixture.plan(registry).0.sortedFiles)
    }

    // MARK: - Hostile IDs

    static func hostile(_ signalIDs: [String], controlIDs: [String] = []) throws -> (OutputPlan, [Diagnostic]) {
        var registry = try Self.registry(signalIDs.count)
        for (i, id) in signalIDs.enumerated() { registry.signals[i] = registry.signals[i].withID(id) }
        for id in controlIDs {
            var c = registry.frameworks[0].controls[0]
            c.id = id
            registry.frameworks[0].controls.append(c)
        }
        return APIFixture.plan(registry)
    }

    @Test func hostileIDsStayInsideTheOutputFolder() throws {
        let (plan, diagnostics) = try Self.hostile(["../../etc", "a/b", "%2e%2e", "..", "/abs", "x\u{0}y"], controlIDs: ["../../../root", "§1.2/3"])
        // Such IDs make invalid finding templates (diagnosed), but never an unsafe or colliding path.
        #expect(diagnostics.filter { $0.id.rawValue.hasPrefix("emit.") }.map(ToolDiagnosticFormatter.line) == [])
        for file in plan.files {
            let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
            #expect(!components.contains { $0.isEmpty || $0 == "." || $0 == ".." }, "\(file.path)")
        }
        let tree = APIFixture.tree(plan)
        #expect(tree["signals/~2E.~2F..~2Fetc/index.json"] != nil)
        #expect(tree["signals/a~2Fb/index.json"] != nil)
        #expect(tree["controls/TESTFW/~C2~A71.2~2F3/index.json"] != nil)
    }

    @Test func caseCollidingIDsAreDiagnosed() throws {
        let (_, diagnostics) = try Self.hostile(["CSE-X-Y-ABC-001", "cse-x-y-abc-001"])
        #expect(
            diagnostics.map(ToolDiagnosticFormatter.line).contains(
                "error: outputs 'v1/signals/CSE-X-Y-ABC-001/index.json' and 'v1/signals/cse-x-y-abc-001/index.json' differ only in letter case [emit.path-collision]"
            ))
    }

    @Test func overlongIDsAreDiagnosed() throws {
        let long = "CSE-HIPAA-TECH-" + String(repeating: "X", count: 300) + "-001"
        let (_, diagnostics) = try Self.hostile([long])
        let lines = diagnostics.map(ToolDiagnosticFormatter.line).filter { $0.contains("[emit.path-too-long]") }
        #expect(lines.count == 2)  // signal and mappings by signal; the finding format rejects the ID, so no template
        #expect(lines.first?.hasSuffix("has a component longer than 255 bytes [emit.path-too-long]") == true)
    }

    @Test func invalidFindingTemplatesAreLeftOutAndDiagnosedAtTheID() throws {
        let (plan, _) = try Self.hostile(["CSE HIPAA"])
        #expect(APIFixture.tree(plan)["finding-templates/CSE%20HIPAA/index.json"] == nil)
        #expect(APIFixture.tree(plan)["signals/CSE~20HIPAA/index.json"] != nil)
        var registry = try Self.registry(2)
        registry.signals[0] = registry.signals[0].withID("CSE HIPAA")
        let lines = FindingFormatRule(signals: registry.signals, producesAPI: true).run().map(ToolDiagnosticFormatter.line)
        #expect(lines.count == 1)
        #expect(
            lines.first?.contains(": warning: no finding template for signal 'CSE HIPAA': the CSE finding format rejects the ID [api.invalid-finding-template]")
                == true)
        #expect(FindingFormatRule(signals: registry.signals, producesAPI: false).run().isEmpty)
    }
}

extension Signal {
    /// The same signal under another ID (signals are immutable).
    func withID(_ id: String) -> Signal {
        Signal(
            id: id, canonicalName: canonicalName, description: description, domain: domain, category: category,
            applicability: applicability, introducedIn: introducedIn, status: status, deprecatedIn: deprecatedIn,
            replacedBy: replacedBy, tags: tags, metadata: metadata, folder: folder, file: file, readme: readme, spans: spans)
    }
}
