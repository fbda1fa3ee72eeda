import CSEYAML
import Foundation
import Testing

@testable import CSESchema

/// Runs the official JSON-Schema-Test-Suite (draft 2020-12, required tests only) and compares the
/// failures with the checked-in list of known ones.
@Suite struct ConformanceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let suiteRoot = packageRoot.appendingPathComponent("../shared/conformance/json-schema-test-suite")
        .standardizedFileURL
    static let knownFailuresFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/json-schema-test-suite-known-failures.txt")

    /// The registry every test group starts from: metaschemas plus the suite's remotes.
    static func baseRegistry(remotes: URL) throws -> SchemaRegistry {
        var registry = SchemaRegistry()
        try registry.registerMetaschemas(parse: { try TestJSON.parse($0) })
        let files = FileManager.default.enumerator(atPath: remotes.path)?.compactMap { $0 as? String } ?? []
        for relative in files.sorted() where relative.hasSuffix(".json") {
            let node = try TestJSON.parseFile(remotes.appendingPathComponent(relative).path)
            registry.register(document: node, uri: "http://localhost:1234/" + relative)
        }
        return registry
    }

    static func readKnownFailures() throws -> [String: String] {
        guard let text = try? String(contentsOf: knownFailuresFile, encoding: .utf8) else { return [:] }
        var known: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            let parts = trimmed.components(separatedBy: "  # ")
            known[parts[0].trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? parts[1] : ""
        }
        return known
    }

    static let suitePresent = FileManager.default.fileExists(atPath: suiteRoot.appendingPathComponent("tests/draft2020-12").path)

    @Test(.enabled(if: suitePresent, "the JSON-Schema-Test-Suite is not at ../shared/conformance/json-schema-test-suite"))
    func draft202012RequiredTestsPass() throws {
        let tests = Self.suiteRoot.appendingPathComponent("tests/draft2020-12")
        let base = try Self.baseRegistry(remotes: Self.suiteRoot.appendingPathComponent("remotes"))
        let files = try FileManager.default.contentsOfDirectory(atPath: tests.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var total = 0, passed = 0
        var failures: [String: String] = [:]
        for file in files {
            let groups = try #require(try TestJSON.parseFile(tests.appendingPathComponent(file).path).array)
            for (g, group) in groups.enumerated() {
                let description = group["description"]?.string ?? "group \(g)"
                let schema = try #require(group["schema"])
                var registry = base
                let uri = "https://conformance.test/\(file)/\(g)/schema.json"
                registry.register(document: schema, uri: uri)
                let validator: SchemaValidator?
                var compileError = ""
                do {
                    validator = try registry.validator(for: uri)
                } catch {
                    validator = nil
                    compileError = error.description
                }
                for test in group["tests"]?.array ?? [] {
                    total += 1
                    let name = "\(file) :: \(description) :: \(test["description"]?.string ?? "?")"
                    let data = try #require(test["data"])
                    let expected = test["valid"]?.bool ?? true
                    guard let validator else {
                        failures[name] = "schema did not compile: \(compileError)"
                        continue
                    }
                    let fast = validator.isValid(data)
                    let diagnostics = validator.validate(data, file: "data.json")
                    if fast != expected {
                        failures[name] = "expected \(expected ? "valid" : "invalid"), got \(fast ? "valid" : "invalid")"
                    } else if diagnostics.isEmpty != fast {
                        failures[name] = "isValid and validate disagree (\(diagnostics.count) diagnostics)"
                    } else {
                        passed += 1
                    }
                }
            }
        }
        let rate = Double(passed) / Double(max(total, 1)) * 100
        print("JSON-Schema-Test-Suite draft2020-12: \(passed)/\(total) passed (\(String(format: "%.1f", rate))%)")

        let known = try Self.readKnownFailures()
        let unexpected = failures.keys.filter { known[$0] == nil }.sorted()
        let fixed = known.keys.filter { failures[$0] == nil }.sorted()
        for name in unexpected { print("unexpected failure: \(name)  # \(failures[name]!)") }
        for name in fixed { print("listed as known failure but passes: \(name)") }
        #expect(unexpected.isEmpty, "unexpected conformance failures: \(unexpected.count)")
        #expect(fixed.isEmpty, "known failures that now pass: \(fixed.count)")
    }
}
