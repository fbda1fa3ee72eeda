import CSEDiagnostics
import Foundation
import Testing

@testable import CSECore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `cse serve` as an operator runs it: it listens, answers, and on SIGTERM finishes and exits 0.
@Suite(.serialized, .enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct ServeCLITests {
    /// Starts `cse serve` on a free port and returns the process and the port it printed.
    static func start(_ arguments: [String], root: URL = TestRegistry.repositoryRoot) throws -> (Process, Int, Pipe) {
        let process = Process()
        process.executableURL = TestEnvironment.executable
        process.arguments = ["serve", root.path, "--port", "0"] + arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !printed.contains("/\n") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = printed.range(of: "http://127.0.0.1:"), let port = Int(printed[range.upperBound...].prefix { $0.isNumber }) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cse serve printed no address: \(printed)"])
        }
        return (process, port, err)
    }

    static func get(_ url: String) async throws -> (Int, Data) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func servesAndStopsCleanlyOnSIGTERM() async throws {
        let (process, port, _) = try Self.start([])
        defer { if process.isRunning { process.terminate() } }
        let (status, body) = try await Self.get("http://127.0.0.1:\(port)/health")
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"status\":\"ok\""))
        let (bad, _) = try await Self.get("http://127.0.0.1:\(port)/v1/signals?domain=INVALID")
        #expect(bad == 400)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// Polls `url` until `done` accepts its answer (status, body) or `seconds` pass.
    static func until(_ url: String, seconds: Double = 60, _ done: (Int, String) -> Bool) async throws -> (Int, String) {
        let deadline = Date().addingTimeInterval(seconds)
        var last = (0, "")
        while Date() < deadline {
            let (status, body) = try await get(url)
            last = (status, String(decoding: body, as: UTF8.self))
            if done(last.0, last.1) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    @Test func watchRebuildsShowsAFailedBuildAndRecovers() async throws {
        let root = try CLITests.scratch(DiagnosticExample.baseRegistry.merging(SiteSupport.templateFiles) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let (process, port, _) = try Self.start(["--watch", "--data", root.appendingPathComponent(".state").path], root: root)
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        let page = "\(base)/\(DiagnosticExample.signalFolder)/"
        let file = root.appendingPathComponent(DiagnosticExample.signalFolder + "/signal.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)

        let (status, first) = try await Self.get(page)
        #expect(status == 200)
        #expect(String(decoding: first, as: UTF8.self).contains("/__cse/events"), "pages listen for rebuilds")

        // An edit is served (page and API) once rebuilt.
        let renamed = original.replacingOccurrences(of: "canonical_name: ", with: "canonical_name: Watched ")
        #expect(renamed != original)
        try renamed.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await Self.until(page) { $1.contains("Watched ") }.1.contains("Watched "))
        #expect(try await Self.until("\(base)/v1/signals/CSE-HIPAA-TECH-NO-ENCRYPTION-001") { $1.contains("Watched ") }.0 == 200)

        // A broken edit: pages show the problems, the API keeps the last good build.
        try renamed.replacingOccurrences(of: "introduced_in: 1.0.0", with: "introduced_in: banana").write(to: file, atomically: true, encoding: .utf8)
        let (failed, problems) = try await Self.until(page) { status, _ in status == 500 }
        #expect(failed == 500)
        #expect(problems.contains("banana") && problems.contains("signal.yaml"))
        #expect(try await Self.get("\(base)/v1/signals/CSE-HIPAA-TECH-NO-ENCRYPTION-001").0 == 200)

        // Fixed: the page is back.
        try original.write(to: file, atomically: true, encoding: .utf8)
        #expect(try await Self.until(page) { status, body in status == 200 && !body.contains("Watched ") }.0 == 200)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func aRegistryWithErrorsIsNotServed() throws {
        let root = try CLITests.scratch(["cse.yaml": "registry:\n  version: not-a-version\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try #require(try CLITests.run(["serve", root.path, "--port", "0"]))
        #expect(run.status == 1)
        #expect(run.stderr.contains("serve failed"))
    }
}
