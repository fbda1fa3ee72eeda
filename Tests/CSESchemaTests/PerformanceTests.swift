import CSEYAML
import Foundation
import Testing

@testable import CSESchema

/// Prints (does not assert) how long 10,000 small documents take against one ~100-line schema.
@Suite struct PerformanceTests {
    static let schema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://cse.test/signal.json",
          "type": "object",
          "required": ["id", "title", "status", "severity", "metadata"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^CSE-[0-9]{4}$"},
            "title": {"type": "string", "minLength": 3, "maxLength": 120},
            "status": {"enum": ["active", "deprecated", "draft"]},
            "severity": {"type": "integer", "minimum": 1, "maximum": 5},
            "score": {"type": "number", "multipleOf": 0.01, "exclusiveMinimum": 0},
            "tags": {"type": "array", "items": {"type": "string", "pattern": "^[a-z-]+$"}, "uniqueItems": true, "maxItems": 10},
            "owner": {"$ref": "#/$defs/person"},
            "detection_notes": {"type": "string"},
            "metadata": {"$ref": "#/$defs/metadata"},
            "controls": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["framework", "control"],
                "properties": {
                  "framework": {"enum": ["iso27001", "soc2", "nist-csf", "pci-dss"]},
                  "control": {"type": "string", "minLength": 1},
                  "note": {"type": "string"}
                },
                "additionalProperties": false
              }
            },
            "detection": {
              "oneOf": [
                {
                  "type": "object",
                  "properties": {"kind": {"const": "query"}, "query": {"type": "string"}},
                  "required": ["kind", "query"]
                },
                {
                  "type": "object",
                  "properties": {"kind": {"const": "manual"}, "procedure": {"type": "string"}},
                  "required": ["kind", "procedure"]
                }
              ]
            }
          },
          "$defs": {
            "person": {
              "type": "object",
              "required": ["name"],
              "properties": {
                "name": {"type": "string"},
                "email": {"type": "string", "format": "email"}
              },
              "additionalProperties": false
            },
            "metadata": {
              "type": "object",
              "required": ["created", "sources"],
              "properties": {
                "created": {"type": "string", "format": "date"},
                "updated": {"type": "string", "format": "date-time"},
                "sources": {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "type": "object",
                    "required": ["url"],
                    "properties": {
                      "url": {"type": "string", "format": "uri"},
                      "title": {"type": "string"}
                    },
                    "additionalProperties": false
                  }
                }
              },
              "additionalProperties": false
            }
          }
        }
        """#

    static func document(_ i: Int) -> String {
        #"""
        {
          "id": "CSE-\#(String(format: "%04d", i % 10000))",
          "title": "Signal number \#(i) for unusual administrative access outside business hours",
          "status": "\#(["active", "deprecated", "draft"][i % 3])",
          "severity": \#(i % 5 + 1),
          "score": \#(Double(i % 100) / 10 + 0.25),
          "tags": ["identity", "access-control", "after-hours"],
          "owner": {"name": "Security Engineering", "email": "secops@example.org"},
          "detection_notes": "Compare login times against the declared working hours of each administrator.",
          "metadata": {
            "created": "2024-03-\#(String(format: "%02d", i % 28 + 1))",
            "updated": "2024-04-01T12:00:00Z",
            "sources": [
              {"url": "https://example.org/advisories/\#(i)", "title": "Advisory \#(i)"},
              {"url": "https://example.org/controls/ac-2"}
            ]
          },
          "controls": [
            {"framework": "iso27001", "control": "A.9.2.1"},
            {"framework": "soc2", "control": "CC6.1", "note": "logical access"}
          ],
          "detection": {"kind": "query", "query": "select * from logins where hour(ts) not between 8 and 18"}
        }
        """#
    }

    @Test func validatesManyDocuments() throws {
        let validator = try SchemaRegistry.validator(
            for: try TestJSON.parse(Self.schema), uri: "https://cse.test/signal.json",
            options: SchemaOptions(assertFormats: true))
        let documents = try (0..<2_000).map { try TestJSON.parse(Self.document($0)) }
        let bytes = (0..<10).map { Self.document($0).utf8.count }.reduce(0, +) / 10

        let clock = ContinuousClock()
        var valid = 0
        let fast = clock.measure {
            for document in documents where validator.isValid(document) { valid += 1 }
        }
        var diagnostics = 0
        let full = clock.measure {
            for document in documents { diagnostics += validator.validate(document, file: "x.json").count }
        }
        #expect(valid == documents.count)
        #expect(diagnostics == 0)
        print("schema validation: 2000 documents of ~\(bytes) bytes: isValid \(fast), validate \(full)")
    }
}
