import CSECore
import CSEServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The server under hostile connections: a thousand at once, and one that stalls in its headers.
@Suite(.serialized) struct ConnectionTests {
    /// Runs blocking socket work on a thread of its own: on the concurrency pool (two threads on this machine)
    /// it would stop the server's handlers from running.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    /// A blocking TCP connection to 127.0.0.1, with a receive timeout.
    struct Connection {
        let fd: Int32

        init?(port: Int, timeout: Int = 10) {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var limit = timeval(tv_sec: timeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            guard connected == 0 else {
                Glibc.close(fd)
                return nil
            }
        }

        func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }

        /// Everything until the server closes (or the timeout); nil when the read failed before any byte.
        func readAll() -> String? {
            var out: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
                if n > 0 { out += buffer[0..<n] } else { return n == 0 || !out.isEmpty ? String(decoding: out, as: UTF8.self) : nil }
            }
        }

        func close() { Glibc.close(fd) }
    }

    static var served: ServedRegistry { ServedRegistryTests.compiled.served }

    @Test func aThousandConcurrentConnectionsAreAllAnswered() async throws {
        let app = RegistryServer.application(registry: Self.served, host: "127.0.0.1", port: 0, logLevel: .critical)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let (opened, sent, answered) = await Self.blocking {
                let connections = (0..<1000).compactMap { _ in Connection(port: port) }
                let sent = connections.filter { $0.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n") }.count
                var answered = 0
                for c in connections {
                    if c.readAll()?.hasPrefix("HTTP/1.1 200") == true { answered += 1 }
                    c.close()
                }
                return (connections.count, sent, answered)
            }
            #expect(opened == 1000)
            #expect(sent == 1000)
            #expect(answered == 1000)
            // And the server still answers afterwards.
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func aConnectionThatStallsInItsHeadersIsClosed() async throws {
        let app = RegistryServer.application(registry: Self.served, host: "127.0.0.1", port: 0, logLevel: .critical, idleTimeout: 1)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let (sent, answer, waited, fresh) = await Self.blocking { () -> (Bool, String?, Double, String?) in
                guard let slow = Connection(port: port, timeout: 10) else { return (false, nil, 0, nil) }
                defer { slow.close() }
                let sent = slow.send("GET /health HTTP/1.1\r\nHost: local")
                let started = Date()
                // The server closes it: the read ends (with no response) well before the 10 s receive timeout.
                let answer = slow.readAll()
                let waited = Date().timeIntervalSince(started)
                // A new connection is answered (the test client's own idle connection was closed as well).
                guard let fresh = Connection(port: port) else { return (sent, answer, waited, nil) }
                defer { fresh.close() }
                _ = fresh.send("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                return (sent, answer, waited, fresh.readAll())
            }
            #expect(sent)
            #expect(waited < 8, "closed after \(waited) s")
            #expect(answer?.contains("200 OK") != true)
            #expect(fresh?.hasPrefix("HTTP/1.1 200") == true)
        }
    }
}
