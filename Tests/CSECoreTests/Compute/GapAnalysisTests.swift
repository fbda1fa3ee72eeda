import CSECore
import CSEDiagnostics
import CSEYAML
import Testing

/// Gap analysis on the fixture registry: exact JSON, CSV and markdown, comparison, and input diagnostics.
@Suite struct GapAnalysisTests {
    static let findingsJSON = """
        {"findings": [
          {"id": "FND-1", "signal": {"id": "CSE-HIPAA-TECH-TWO-002"}, "artifact": {"type": "storage", "id": "bucket-1"},
           "observed_at": "2026-01-01T00:00:00Z", "status": "open"},
          {"id": "FND-2", "signal": {"id": "CSE-HIPAA-TECH-FOUR-004"}, "artifact": {"type": "storage", "id": "bucket-2"},
           "observed_at": "2026-01-01T00:00:00Z", "status": "in_progress", "severity_override": "critical"},
          {"id": "FND-3", "signal": {"id": "CSE-HIPAA-TECH-ONE-001"}, "artifact": {"type": "storage", "id": "bucket-3"},
           "observed_at": "2026-01-01T00:00:00Z", "status": "resolved"}
        ]}
        """

    static func analyse(_ text: String, path: String = "findings.json", frameworks: [String] = ["FWA"]) throws -> (GapAnalysis?, [String]) {
        let (registry, _) = try ComputeFixture.registry()
        let (findings, diagnostics) = FindingsReader.read(Array(text.utf8), path: path, schemas: TestRegistry.schemas, registry: registry)
        let all = diagnostics + GapAnalysis.checkFrameworks(frameworks, registry: registry)
        if all.containsErrors { return (nil, all.map(ToolDiagnosticFormatter.line)) }
        return (GapAnalysis(registry: registry, index: MappingIndex(registry), findings: findings, frameworks: frameworks, input: path), [])
    }

    @Test func csvListsAffectedControlsAndBlindSpots() throws {
        let analysis = try #require(try Self.analyse(Self.findingsJSON).0)
        // FND-2's signal S4 is equivalent to G1, which maps to A-3; FND-3 is resolved and affects nothing.
        #expect(
            analysis.csv() == """
                framework,family,control,title,status,max_severity,signals,findings
                FWA,AA,A-1,Control A one,affected,medium,CSE-HIPAA-TECH-TWO-002,FND-1
                FWA,AA,A-2,Control A two,affected,medium,CSE-HIPAA-TECH-TWO-002,FND-1
                FWA,AA,A-3,Control A three,affected,critical,CSE-GEN-AUTH-GENERIC-001,FND-2
                FWA,AB,A-9,Control A nine,blind-spot,,,

                """)
    }

    @Test func jsonReportMatchesItsSchema() throws {
        let analysis = try #require(try Self.analyse(Self.findingsJSON, frameworks: ["FWA", "FWB"]).0)
        let bytes = JSONWriter(style: .pretty).bytes(analysis.json())
        let (node, _) = DocumentLoader.load(bytes, path: "gap.json", format: .json)
        #expect(TestRegistry.schemas.validate(try #require(node), schema: "gap-analysis.schema.json", file: "gap.json").isEmpty)
        let fwb = try #require(node?["frameworks"]?.array?.last)
        // B-3 is withdrawn: neither counted nor a blind spot.
        // FND-1 (S2) reaches B-1, FND-2 (S4) reaches B-2.
        let summary = try #require(fwb["summary"])
        #expect(
            String(decoding: JSONWriter(style: .compact).bytes(Self.json(summary)), as: UTF8.self) == #"{"controls":2,"mapped":2,"affected":2,"blind_spots":0}"#
        )
        #expect(fwb["affected_controls"]?.array?.map { $0["id"]?.string } == ["B-1", "B-2"])
    }

    static func json(_ n: Node) -> JSONValue {
        switch n.value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let x): x.isInteger ? .int(Int(x.doubleValue)) : .double(x.doubleValue)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(json))
        case .object(let m): .object(m.map { ($0.key, json($0.value)) })
        }
    }

    @Test func markdownReport() throws {
        let analysis = try #require(try Self.analyse("CSE-HIPAA-TECH-THREE-003\n", path: "signals.txt").0)
        #expect(
            analysis.markdown() == """
                # Gap analysis

                Input `signals.txt`: 1 finding(s), 1 open, on 1 signal(s).

                ## FWA: Framework FWA

                1 of 4 controls are affected by open findings; 1 have no mapped signal (blind spots).

                ### Affected controls

                | Control | Title | Family | Severity | Findings | Signals |
                |---|---|---|---|---|---|
                | A-2 | Control A two | AA | low | line-1 | CSE-HIPAA-TECH-THREE-003 |

                ### Blind spots

                | Control | Title | Family |
                |---|---|---|
                | A-9 | Control A nine | AB |

                ### By family

                | Family | Title | Controls | Affected | Blind spots |
                |---|---|---|---|---|
                | AA | Family AA | 3 | 1 | 0 |
                | AB | Family AB | 1 | 0 | 1 |

                """)
    }

    @Test func unknownSignalsAndFrameworksAreListedWithSuggestions() throws {
        let (_, lines) = try Self.analyse(
            "# scan of 2026-01-01\nCSE-HIPAA-TECH-THREE-003\n  CSE-HIPAA-TECH-THRE-003  \nCSE-NOPE-X-Y-001\n", path: "ids.txt", frameworks: ["FWA", "FWX"])
        #expect(
            lines == [
                "ids.txt:3:3: error: signal 'CSE-HIPAA-TECH-THRE-003' does not exist (did you mean 'CSE-HIPAA-TECH-THREE-003'?) [gap.unknown-signal]",
                "ids.txt:4:1: error: signal 'CSE-NOPE-X-Y-001' does not exist [gap.unknown-signal]",
                "error: framework 'FWX' has no catalog in frameworks/ (did you mean 'FWA'?) [gap.unknown-framework]",
            ])
    }

    @Test func malformedFindingsPointAtTheValue() throws {
        let text = """
            [
              {"id": "FND-1", "signal": {"id": "CSE-HIPAA-TECH-TWO-002"}, "artifact": {"type": "storage", "id": "b"},
               "observed_at": "2026-01-01T00:00:00Z", "status": "closed"}
            ]
            """
        let (_, lines) = try Self.analyse(text)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("findings.json:3:53: error:") == true)
    }

    @Test func compareReportsNewResolvedAndUnchanged() throws {
        let before = try #require(try Self.analyse("CSE-HIPAA-TECH-TWO-002\n", path: "a.txt").0)
        let after = try #require(try Self.analyse("CSE-HIPAA-TECH-THREE-003\nCSE-GEN-AUTH-GENERIC-001\n", path: "b.txt").0)
        func node(_ a: GapAnalysis) throws -> Node {
            try #require(GapComparison.read(JSONWriter(style: .pretty).bytes(a.json()), path: "x.json", schemas: TestRegistry.schemas).0)
        }
        let comparison = GapComparison(before: try node(before), after: try node(after))
        #expect(
            comparison.csv() == """
                framework,control,title,change
                FWA,A-1,Control A one,resolved
                FWA,A-2,Control A two,unchanged
                FWA,A-3,Control A three,newly-affected

                """)
        let (_, found) = GapComparison.read(Array(#"{"schema_version": "1.0"}"#.utf8), path: "bad.json", schemas: TestRegistry.schemas)
        #expect(found.map(ToolDiagnosticFormatter.line).first?.hasPrefix("bad.json:1:1: error:") == true)
    }
}
