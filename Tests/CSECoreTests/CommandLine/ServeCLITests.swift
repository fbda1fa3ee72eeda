import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `cse serve` as an operator runs it: it listens, answers, and on SIGTERM finishes and exits 0.
@Suite(.serialized, .enabled(if: TestEnvironment.executable != nil, "the cse executable was not built beside the tests"))
struct ServeCLITests {
    /// Starts `cse serve` on a free port and returns the process and the port it printed.
    static func start(_ arguments: [String]) throws -> (Process, Int, Pipe) {
        let process = Process()
        process.executableURL = TestEnvironment.executable
        process.arguments = ["serve", TestRegistry.repositoryRoot.path, "--port", "0"] + arguments
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

    @Test func aRegistryWithErrorsIsNotServed() throws {
        let root = try CLITests.scratch(["cse.yaml": "registry:\n  version: not-a-version\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try #require(try CLITests.run(["serve", root.path, "--port", "0"]))
        #expect(run.status == 1)
        #expect(run.stderr.contains("serve failed"))
    }
}
