import CSEServer
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Optional API keys: hashed in their file, required under /v1 when given, each with its rate limit.
@Suite struct AccessControlTests {
    static func hash(_ key: String) -> String {
        "sha256:" + SHA256.hash(data: Array(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static let file = """
        # name  hash  requests per minute
        ci      \(hash("secret-one")) 2
        partner \(hash("secret-two"))

        """

    @Test func keysAreRequiredAndLimited() throws {
        let access = try AccessControl.parse(Self.file)
        let now: Int64 = 1_800_000_010
        #expect(access.check(path: "/health", authorization: nil, now: now).refusal == nil, "health stays open")
        #expect(access.check(path: "/index.html", authorization: nil, now: now).refusal == nil, "the site stays open")
        #expect(access.check(path: "/v1/signals", authorization: nil, now: now).refusal?.status == 401)
        #expect(access.check(path: "/v1/signals", authorization: "Bearer wrong", now: now).refusal?.status == 401)
        #expect(
            access.check(path: "/v1/signals", authorization: "Bearer \(Self.hash("secret-one"))", now: now).refusal?.status == 401, "the hash is not the key")

        let first = access.check(path: "/v1/signals", authorization: "Bearer secret-one", now: now)
        #expect(first.refusal == nil)
        #expect(first.headers.first { $0.name == "X-RateLimit-Remaining" }?.value == "1")
        #expect(first.headers.first { $0.name == "X-RateLimit-Reset" }?.value == "1800000060")
        #expect(access.check(path: "/v1/signals", authorization: "Bearer secret-one", now: now).refusal == nil)
        let spent = access.check(path: "/v1/signals", authorization: "Bearer secret-one", now: now + 1)
        #expect(spent.refusal?.status == 429)
        #expect(spent.refusal?.header("Retry-After") == "49")
        // Another key has its own window; the next minute starts a new one.
        #expect(access.check(path: "/v1/stats", authorization: "Bearer secret-two", now: now).refusal == nil)
        #expect(access.check(path: "/v1/signals", authorization: "Bearer secret-one", now: now + 60).refusal == nil)
    }

    @Test func aMalformedFileNamesItsLine() {
        for (text, line) in [("ci nothex\n", 1), ("# c\nci \(Self.hash("x")) zero\n", 2), ("a b c d\n", 1), ("\n# only comments\n", 0)] {
            #expect(throws: AccessControl.FileError.self) { try AccessControl.parse(text) }
            do { _ = try AccessControl.parse(text) } catch { #expect(error.line == line, "\(text)") }
        }
    }

    @Test func aRealServerAsksForTheKey() async throws {
        let access = try AccessControl.parse(Self.file)
        let app = RegistryServer.application(
            live: LiveRegistry(ServedRegistryTests.compiled.served), watching: false, access: access, host: "127.0.0.1", port: 0, logLevel: .critical)
        try await app.test(.live) { client in
            try await client.execute(uri: "/v1/stats", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            var headers = HTTPFields()
            headers[.authorization] = "Bearer secret-two"
            try await client.execute(uri: "/v1/stats", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers.contains { $0.name.rawName == "X-RateLimit-Limit" && $0.value == "600" })
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
