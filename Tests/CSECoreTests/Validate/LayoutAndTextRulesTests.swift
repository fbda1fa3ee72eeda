import CSECore
import CSEDiagnostics
import Testing

/// Layout, framework-catalog, text and README diagnostics, each at its exact place.
@Suite struct LayoutAndTextRulesTests {
    static let id = "CSE-HIPAA-TECH-NO-ENCRYPTION-001"
    static let base = TestRegistry.merge(TestRegistry.framework, TestRegistry.folder(id))
    static let folder = "signals/HIPAA/TECH/\(id)"

    static func lines(_ files: [String: String], symlinks: [String: String?] = [:], profile: ValidationProfile? = nil) throws -> [String] {
        let fs = InMemoryFileSystem(files: files, symlinks: symlinks)
        return try RegistryLoader(fileSystem: fs, schemas: TestRegistry.schemas, profile: profile).load().diagnostics
            .map(ToolDiagnosticFormatter.line)
    }

    @Test func layoutProblems() throws {
        var files = Self.base
        files["signals/HIPAA/Bad Name/CSE-HIPAA-X-Y-001/README.md"] = "# x\n"
        files["signals/HIPAA/TECH/CSE-HIPAA-TECH-EMPTY-002/README.md"] = "# Empty folder\n"
        files["\(Self.folder)/signal.json"] = """
            {"id": "\(Self.id)", "canonical_name": "Same signal as JSON", "description": "The same condition, written a second time as JSON.",
             "domain": "HIPAA", "category": "TECH", "applicability": "Systems that store regulated data.", "introduced_in": "1.0.0", "status": "active"}
            """
        files["\(Self.folder)/notes.txt"] = "scratch"
        files["signals/HIPAA/stray.yaml"] = "x: 1\n"
        let lines = try Self.lines(files, symlinks: ["signals/GDPR": "signals/HIPAA", "frameworks/LINK/controls.yaml": nil])
        #expect(
            lines == [
                "frameworks/LINK/controls.yaml:1:1: error: symbolic link 'frameworks/LINK/controls.yaml' points outside the registry [layout.symlink-escape]",
                "signals/GDPR:1:1: error: symbolic link 'signals/GDPR' points to a folder [layout.symlink-directory]",
                "signals/HIPAA/Bad Name:1:1: error: 'Bad Name' is not a plain folder name [layout.invalid-name]",
                "signals/HIPAA/Bad Name/CSE-HIPAA-X-Y-001:1:1: error: signal folder 'signals/HIPAA/Bad Name/CSE-HIPAA-X-Y-001' has no signal.yaml or signal.json [layout.missing-definition]",
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-EMPTY-002:1:1: error: signal folder 'signals/HIPAA/TECH/CSE-HIPAA-TECH-EMPTY-002' has no signal.yaml or signal.json [layout.missing-definition]",
                "\(Self.folder)/notes.txt:1:1: warning: unexpected file '\(Self.folder)/notes.txt' [layout.unexpected-file]",
                // A signal.json beside a signal.yaml is the generated form a release tag carries (docs/releases.md).
                "\(Self.folder)/signal.json:1:1: error: \(Self.folder)/signal.json is generated and differs from \(Self.folder)/signal.yaml [release.generated-file-edited]",
                "signals/HIPAA/stray.yaml:1:1: warning: 'signals/HIPAA/stray.yaml' is not where the layout expects any file [layout.stray-file]",
            ])
    }

    @Test func frameworkCatalogProblems() throws {
        var files = Self.base
        files["frameworks/TESTFW/framework.yaml"] =
            files["frameworks/TESTFW/framework.yaml"]!
            .replacingOccurrences(of: "code: TESTFW", with: "code: TESTFX") + "based_on: NOPE\n"
        files["frameworks/TESTFW/controls.yaml"]! += """
                  - id: AC-1
                    title: Access policy again
                  - id: AC-3(1)
                    title: Orphan enhancement
                    parent: AC-3

            """
        files["frameworks/ONLYMETA/framework.yaml"] = files["frameworks/TESTFW/framework.yaml"]!.replacingOccurrences(of: "TESTFX", with: "ONLYMETA")
        files["frameworks/ONLYCTRL/controls.yaml"] =
            "framework: ONLYCTRL\nfamilies:\n  - id: X\n    title: X family\n    controls:\n      - id: X-1\n        title: X one\n"
        let lines = try Self.lines(files)
        #expect(
            lines == [
                "frameworks/ONLYCTRL/controls.yaml:1:1: error: frameworks/ONLYCTRL/ has controls but no framework.yaml [framework.missing-metadata]",
                "frameworks/ONLYMETA/framework.yaml:1:1: error: frameworks/ONLYMETA/ has no controls.yaml [framework.missing-controls]",
                "frameworks/ONLYMETA/framework.yaml:1:1: error: based_on names 'NOPE', which has no catalog in frameworks/ [framework.unknown-base]",
                "frameworks/TESTFW/controls.yaml:14:13: error: control 'AC-1' appears twice in TESTFX [control.duplicate-id]",
                "frameworks/TESTFW/controls.yaml:16:13: error: parent 'AC-3' of control 'AC-3(1)' is not in the TESTFX catalog (did you mean 'AC-1'?) [control.unknown-parent]",
                "frameworks/TESTFW/framework.yaml:1:1: error: framework code 'TESTFX' does not match its folder 'frameworks/TESTFW/' [framework.code-mismatch]",
                "frameworks/TESTFW/framework.yaml:1:1: error: based_on names 'NOPE', which has no catalog in frameworks/ [framework.unknown-base]",
                "signals/HIPAA/TECH/\(Self.id)/mappings.yaml:2:16: error: framework 'TESTFW' has no catalog in frameworks/ (did you mean 'TESTFX'?) [mapping.unknown-framework]",
            ])
    }

    @Test func textWarnings() throws {
        var files = Self.base
        let long = String(repeating: "x", count: 496) + " cut"
        files["\(Self.folder)/signal.yaml"] =
            TestRegistry.signal(Self.id, name: "TBD").replacingOccurrences(
                of: "applicability: Systems that store regulated data.", with: "applicability: \" Systems that store regulated data.\"")
            + "metadata:\n  detection_notes: \(long)\n"
        files["\(Self.folder)/mappings.yaml"] = TestRegistry.mappings() + "  \n"
        let lines = try Self.lines(files)
        #expect(
            lines == [
                "\(Self.folder)/mappings.yaml:8:1: warning: line 8 ends with whitespace [text.trailing-whitespace]",
                "\(Self.folder)/signal.yaml:2:17: warning: 'canonical_name' contains placeholder text 'tbd' [text.placeholder]",
                "\(Self.folder)/signal.yaml:6:16: warning: 'applicability' begins or ends with whitespace [text.whitespace]",
                "\(Self.folder)/signal.yaml:10:20: warning: 'detection_notes' seems cut off after 500 characters: it ends with 'xxxxxxxxxxxxxxxxxxxx cut' [text.truncated]",
            ])
    }

    @Test func readmeWarnings() throws {
        var files = TestRegistry.merge(Self.base, TestRegistry.folder("CSE-HIPAA-TECH-NO-AUDIT-002"))
        files["\(Self.folder)/README.md"] = "# Title\n\nSee CSE-HIPAA-TECH-NO-AUDIT-002 and CSE-HIPAA-TECH-NO-AUDIT-003, and é CSE-GDPR-X-Y-001.\n"
        files["signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-AUDIT-002/README.md"] = "  \n"
        let lines = try Self.lines(files)
        #expect(
            lines == [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-AUDIT-002/README.md:1:1: warning: README.md is empty [readme.empty]",
                "\(Self.folder)/README.md:3:37: warning: README mentions 'CSE-HIPAA-TECH-NO-AUDIT-003', which is not a signal in this registry (did you mean 'CSE-HIPAA-TECH-NO-AUDIT-002'?) [readme.unknown-signal]",
                "\(Self.folder)/README.md:3:73: warning: README mentions 'CSE-GDPR-X-Y-001', which is not a signal in this registry [readme.unknown-signal]",
            ])
    }

    @Test func strictProfileAsksForCompleteMetadataAndMappings() throws {
        var files = TestRegistry.merge(Self.base, TestRegistry.folder("CSE-HIPAA-TECH-NO-AUDIT-002"))
        files.removeValue(forKey: "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-AUDIT-002/mappings.yaml")
        files["\(Self.folder)/signal.yaml"]! += "metadata:\n  suggested_severity: high\n"
        #expect(try Self.lines(files) == [])
        let strict = try Self.lines(files, profile: .strict)
        #expect(
            strict == [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-AUDIT-002/signal.yaml:1:5: warning: metadata lacks 'suggested_severity', 'risk_domains', 'detection_notes', 'sources', 'artifact_types' [signal.incomplete-metadata]",
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-AUDIT-002/signal.yaml:1:5: warning: 'CSE-HIPAA-TECH-NO-AUDIT-002' maps to no control [signal.unmapped]",
                "\(Self.folder)/signal.yaml:10:3: warning: metadata lacks 'risk_domains', 'detection_notes', 'sources', 'artifact_types' [signal.incomplete-metadata]",
            ])
    }

    @Test func duplicateNamesWithdrawnControlsAndBadInputBytes() throws {
        var files = TestRegistry.merge(
            Self.base,
            TestRegistry.folder(
                "CSE-HIPAA-TECH-NO-AUDIT-002",
                signal: TestRegistry.signal("CSE-HIPAA-TECH-NO-AUDIT-002", name: "Condition ENCRYPTION"),
                mappings: TestRegistry.mappings(control: "AC-2(1)")))
        files["frameworks/TESTFW/controls.yaml"] = files["frameworks/TESTFW/controls.yaml"]!.replacingOccurrences(
            of: "parent: AC-2\n", with: "parent: AC-2\n        withdrawn: true\n")
        var bytes = files.mapValues { Array($0.utf8) }
        bytes["\(Self.folder)/README.md"] = [0x23, 0x20, 0xC3, 0x28, 0x0A]
        let result = try RegistryLoader(fileSystem: InMemoryFileSystem(bytes: bytes), schemas: TestRegistry.schemas).load()
        #expect(
            result.diagnostics.map(ToolDiagnosticFormatter.line) == [
                "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-AUDIT-002/mappings.yaml:3:14: error: control 'AC-2(1)' of TESTFW is withdrawn [mapping.withdrawn-control]",
                "\(Self.folder)/README.md:1:1: error: README.md is not valid UTF-8 [input.invalid-utf8]",
                "\(Self.folder)/signal.yaml:2:17: warning: canonical name 'Condition ENCRYPTION' is also used by 'CSE-HIPAA-TECH-NO-AUDIT-002' in domain HIPAA [signal.duplicate-name]",
            ])
    }

    @Test func oversizedFilesAreRejectedBeforeParsing() throws {
        var loader = RegistryLoader(fileSystem: InMemoryFileSystem(files: Self.base), schemas: TestRegistry.schemas)
        loader.maximumFileSize = 200
        let lines = try loader.load().diagnostics.map(ToolDiagnosticFormatter.line)
        #expect(lines.contains { $0.hasPrefix("\(Self.folder)/signal.yaml:1:1: error:") && $0.hasSuffix("[input.too-large]") })
    }
}

/// Output paths are checked before anything is written.
@Suite struct OutputPathTests {
    @Test(arguments: ["../escape.json", "/abs.json", "a//b.json", "a/./b.json", "a\\b.json", "ctl\u{01}.json", "", "a/..", "a/", ".", "del\u{7F}"])
    func unsafePathsAreDiagnosed(_ path: String) {
        var plan = OutputPlan()
        plan.add(OutputFile(path: path, bytes: []))
        #expect(plan.checkPaths().map(\.id) == ["emit.unsafe-path"])
    }

    @Test(arguments: ["a.json", "a/b/c.json", ".well-known/x.json", "a/.b", "a/.../b", "v1/controls/%C2%A7164.312/index.json", "é/ß.json"])
    func plainPathsPass(_ path: String) {
        var plan = OutputPlan()
        plan.add(OutputFile(path: path, bytes: []))
        #expect(plan.checkPaths().isEmpty)
    }

    /// Every output is checked, not only the API's: a signal file or a page named after a long ID too.
    @Test func overlongComponentsAreDiagnosedInAnyOutput() {
        var plan = OutputPlan()
        let long = String(repeating: "X", count: 256)
        plan.add(OutputFile(path: "signals/D/C/\(long)/signal.json", bytes: []))
        plan.add(OutputFile(path: "signals/D/C/" + String(repeating: "Y", count: 255) + "/signal.json", bytes: []))
        #expect(plan.checkPaths().map(\.id) == ["emit.path-too-long"])
        #expect(plan.checkPaths().first?.summary.hasSuffix("has a component longer than 255 bytes") == true)
    }

    @Test func nonASCIICaseCollisionsAreDiagnosed() {
        var plan = OutputPlan()
        plan.add(OutputFile(path: "x/É.json", bytes: []))
        plan.add(OutputFile(path: "x/é.json", bytes: []))
        #expect(plan.checkPaths().map(\.id) == ["emit.path-collision"])
    }

    /// Three paths on one key: each later one is reported against the first added, whatever the order.
    @Test func threeWayCollisionsNameTheFirstAdded() {
        var plan = OutputPlan()
        for path in ["x/b.json", "x/B.json", "x/a.json", "X/b.json", "x/b.JSON"] { plan.add(OutputFile(path: path, bytes: [])) }
        #expect(
            plan.checkPaths().map(\.summary) == [
                "outputs 'X/b.json' and 'x/b.json' differ only in letter case",
                "outputs 'x/B.json' and 'x/b.json' differ only in letter case",
                "outputs 'x/b.JSON' and 'x/b.json' differ only in letter case",
            ])
    }

    @Test func caseCollisionsAreDiagnosed() {
        var plan = OutputPlan()
        plan.add(OutputFile(path: "signals/A/b.json", bytes: []))
        plan.add(OutputFile(path: "signals/a/B.json", bytes: []))
        plan.add(OutputFile(path: "same.json", bytes: []))
        plan.add(OutputFile(path: "same.json", bytes: [1]))
        #expect(
            plan.checkPaths().map(\.summary) == [
                "two outputs would be written to 'same.json'",
                "outputs 'signals/A/b.json' and 'signals/a/B.json' differ only in letter case",
            ])
    }
}
