import CSEDiagnostics
import CSEYAML
import Foundation
import Testing

@testable import CSECore

/// `cse fmt`: the canonical form on small inputs, comments kept, and the two promises on every file of the
/// repository and on generated inputs: formatting twice changes nothing, and the value never changes.
@Suite struct SourceFormatterTests {
    static let formatter = SourceFormatter(schemas: TestRegistry.schemas)

    static func format(_ text: String, path: String = "signals/HIPAA/TECH/CSE-HIPAA-TECH-X-001/mappings.yaml", schema: String? = "signal-mappings.schema.json")
        throws -> String
    {
        try formatter.format(Array(text.utf8), path: path, schema: schema)
    }

    @Test func keysFollowTheSchemaWithTheDiscriminatorsFirst() throws {
        let out = try Self.format(
            """
            mappings:
            - justification: 'The condition is one way the control goes unmet.'
              relationship: subset
              control: "AC-2"
              provenance: expert
              framework: TESTFW
              confidence: 0.85
            """)
        #expect(
            out == """
                mappings:
                  - framework: TESTFW
                    control: AC-2
                    relationship: subset
                    provenance: expert
                    confidence: 0.85
                    justification: The condition is one way the control goes unmet.

                """)
    }

    @Test func quotesOnlyWhereTheValueWouldReadOtherwise() throws {
        let out = try Self.format(
            """
            framework: "X"
            families:
              - id: '1'
                title: "Plain: no, this needs quotes"
                controls:
                  - {id: "1.2", title: 'yes', kind: "requirement"}
                  - {id: "A-1", title: "https://example.org/a#b", kind: control}
            """, path: "frameworks/X/controls.yaml", schema: "controls.schema.json")
        #expect(out.contains("  - id: \"1\"\n"))
        #expect(out.contains("title: \"Plain: no, this needs quotes\"\n"))
        #expect(out.contains("      - id: \"1.2\"\n        title: \"yes\"\n"))
        #expect(out.contains("title: https://example.org/a#b\n"))
        #expect(out.hasPrefix("framework: X\n"))
    }

    @Test func longTextIsFoldedAtTheWidth() throws {
        let words = (1...60).map { "word\($0)" }.joined(separator: " ")
        let out = try Self.format("mappings:\n  - {framework: F, control: C, relationship: subset, provenance: expert, justification: \"\(words)\"}\n")
        let lines = out.split(separator: "\n")
        #expect(lines.contains("    justification: >-"))
        #expect(lines.allSatisfy { $0.count <= SourceFormatter.width }, "\(out)")
        // Text that folding would change (doubled spaces, a newline) stays on one line.
        let kept = try Self.format("mappings:\n  - {framework: F, control: C, relationship: subset, provenance: expert, justification: \"a  b \(words)\"}\n")
        #expect(kept.contains("justification: a  b word1 ") && !kept.contains(">-"))
        let newline = try Self.format(
            "mappings:\n  - {framework: F, control: C, relationship: subset, provenance: expert, justification: \"a\\nb \(words)\"}\n")
        #expect(newline.contains("justification: \"a\\nb word1 "))
    }

    @Test func commentsStayWithTheirKeysAndItems() throws {
        let out = try Self.format(
            """
            # Header about the file.

            mappings:
              # Why this one.
              - relationship: subset  # trailing on a moved key
                framework: F
                control: C

                provenance: expert
                justification: Reason enough for the test.
              # The second.
              - {signal: CSE-GEN-AUTH-X-001, relationship: equivalent, provenance: expert, justification: Same condition here.}
            # Footer.
            """)
        #expect(
            out == """
                # Header about the file.

                mappings:
                  # Why this one.
                  - framework: F
                    control: C
                    relationship: subset  # trailing on a moved key

                    provenance: expert
                    justification: Reason enough for the test.
                  # The second.
                  - signal: CSE-GEN-AUTH-X-001
                    relationship: equivalent
                    provenance: expert
                    justification: Same condition here.
                # Footer.

                """)
    }

    @Test func crosswalkRowsStayOneLineEach() throws {
        let out = try Self.format(
            """
            source_framework: A
            target_framework: B
            provenance: authoritative
            rows:
              # Group one.
              - source: A-1
                target: B-1
                relationship: equal
              - {relationship: subset-of, target: "B-2", source: A-2}
            """, path: "crosswalks/A-to-B.yaml", schema: "crosswalk.schema.json")
        #expect(
            out.hasSuffix(
                """
                rows:
                  # Group one.
                  - {source: A-1, target: B-1, relationship: equal}
                  - {source: A-2, target: B-2, relationship: subset-of}

                """), "\(out)")
    }

    @Test func jsonFilesKeepJSON() throws {
        let out = try Self.format(
            #"{"mappings": [{"provenance": "expert", "framework": "F", "relationship": "subset", "control": "C", "justification": "Reason enough here."}]}"#,
            path: "signals/GEN/AUTH/CSE-GEN-AUTH-X-001/mappings.json")
        #expect(out.hasPrefix("{\n  \"mappings\": [\n    {\n      \"framework\": \"F\",\n      \"control\": \"C\","))
    }

    @Test func aFileThatDoesNotParseIsRefused() {
        #expect(throws: SourceFormatter.FormatError.self) { try Self.format("mappings: [\n") }
    }

    /// Every input file of this repository: formatting is idempotent, keeps the value and every comment, and
    /// the repository is already in canonical form (`.ci/run` runs `cse fmt --check` too).
    @Test func everyRepositoryFileIsCanonicalAndKeepsItsValue() throws {
        let fs = LocalFileSystem(root: TestRegistry.repositoryRoot.path)
        let files = try InputDiscoverer(fileSystem: fs).discover().files.filter { $0.kind.schemaName != nil }
        #expect(files.count > 700)
        var notCanonical: [String] = []
        for file in files {
            let bytes = try fs.contents(of: file.path)
            let once = try Self.formatter.format(bytes, path: file.path, schema: file.kind.schemaName)
            let twice = try Self.formatter.format(Array(once.utf8), path: file.path, schema: file.kind.schemaName)
            #expect(once == twice, "\(file.path): formatting twice changed it")
            let format = DocumentFormat(path: file.path)
            let a = try #require(DocumentLoader.load(bytes, path: file.path, format: format).0)
            let b = try #require(DocumentLoader.load(Array(once.utf8), path: file.path, format: format).0)
            #expect(SourceFormatter.sameValue(JSONValue(a), JSONValue(b)), "\(file.path): the value changed")
            if once != String(decoding: bytes, as: UTF8.self) { notCanonical.append(file.path) }
        }
        #expect(notCanonical.count == 0, "\(notCanonical.count) files not in canonical form (run cse fmt), such as \(notCanonical.prefix(5))")
    }

    /// Generated documents with awkward strings (YAML indicators, quotes, `#`, `: `, Unicode, numbers that
    /// are strings, long words, newlines, spaces at the ends), written by the plain emitter and as JSON:
    /// formatting keeps the value and is idempotent.
    @Test func generatedInputsKeepTheirValue() throws {
        var rng = SplitMix64(seed: 20_261_207)
        let pieces = [
            "plain", "a: b", "x #y", "#lead", "- dash", "? q", "'single'", "\"double\"", "1.2", "007", "true", "null", "~",
            "é ü 名前", "tab\there", "new\nline", " lead", "trail ", "a,b", "[x]", "{y}", "&anchor", "*alias", "!tag", "%pct",
            "@at", "`tick`", "https://e.org/a?b=c#d", String(repeating: "long", count: 40), "back\\slash", "colon:", "::",
        ]
        func string() -> String {
            let n = Int(rng.next() % 12) + 1
            return (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined(separator: rng.next() % 3 == 0 ? "" : " ")
        }
        for _ in 0..<300 {
            let mappings: [YAMLValue] = (0..<Int(rng.next() % 3 + 1)).map { _ in
                .map([
                    ("justification", .string(string())), ("framework", .string("F")), ("control", .string(string())),
                    ("relationship", .string("subset")), ("provenance", .string("expert")), ("confidence", .double(Double(rng.next() % 100) / 100)),
                    ("extra", .flowList([.string(string()), .string(string())])),
                ])
            }
            let yaml = YAMLEmitter.emit(.map([("mappings", .list(mappings))]))
            for (text, path) in [(yaml, "m/mappings.yaml")] {
                let once = try Self.format(text, path: path)
                let twice = try Self.format(once, path: path)
                #expect(once == twice, "not idempotent:\n\(text)")
                let a = try #require(DocumentLoader.load(Array(text.utf8), path: path, format: .yaml).0)
                let b = try #require(DocumentLoader.load(Array(once.utf8), path: path, format: .yaml).0)
                #expect(SourceFormatter.sameValue(JSONValue(a), JSONValue(b)), "value changed:\n\(text)\n---\n\(once)")
            }
        }
    }
}

/// `cse fmt` on disk: --check shows a diff and exits 1 without writing; a run rewrites; then --check is clean.
@Suite(.enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct FmtCommandTests {
    @Test func checkReportsThenFormatFixes() throws {
        var files = CLITests.valid
        let path = "signals/HIPAA/TECH/CSE-HIPAA-TECH-NO-ENCRYPTION-001/mappings.yaml"
        files[path] =
            "# kept\nmappings:\n- justification: 'The condition is one way the control goes unmet.'\n  framework: TESTFW\n  control: AC-2\n  relationship: subset\n  provenance: expert\n  confidence: 0.85\n"
        let root = try CLITests.scratch(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let check = try #require(try CLITests.run(["fmt", "--check", path], in: root))
        #expect(check.status == 1)
        #expect(check.stdout.contains("--- a/\(path)\n+++ b/\(path)\n"), "\(check.stdout)")
        #expect(check.stdout.contains("+  - framework: TESTFW"))
        #expect(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) == before, "--check wrote the file")
        let github = try #require(try CLITests.run(["fmt", "--check", "--format", "github", "."], in: root))
        #expect(github.status == 1)
        #expect(github.stdout.contains("::error file=\(path),line=3,title=not in canonical form::run cse fmt \(path)"), "\(github.stdout)")
        let run = try #require(try CLITests.run(["fmt", "."], in: root))
        #expect(run.status == 0, "\(run.stderr)")
        let after = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        #expect(after.hasPrefix("# kept\nmappings:\n  - framework: TESTFW\n    control: AC-2\n"))
        let clean = try #require(try CLITests.run(["fmt", "--check"], in: root))
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    }
}
