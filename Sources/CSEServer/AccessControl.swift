import CSEDiagnostics
import Crypto
import Synchronization

/// Optional API keys (`cse serve --api-keys FILE`): with them, every request under `/v1` needs
/// `Authorization: Bearer <key>` for a key of the file, and each key has its own rate limit, reported in
/// `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (and 429 when spent). Without the
/// option the server is open, as the public registry is.
///
/// The file holds hashes, never keys: one line per key, `<name> sha256:<64 hex digits> [requests per
/// minute]` (default 600); blank lines and `#` comments are skipped. `printf %s "$KEY" | sha256sum` makes
/// the hash.
public final class AccessControl: Sendable {
    public struct Key: Sendable, Equatable {
        public var name: String
        public var hash: String
        public var perMinute: Int
    }

    public struct FileError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    let keys: [String: Key]
    /// Per key: the minute its window started and the requests counted in it.
    private let windows = Mutex<[String: (minute: Int64, count: Int)]>([:])

    public static let defaultPerMinute = 600

    public init(keys: [Key]) {
        self.keys = Dictionary(keys.map { ($0.hash, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads a keys file; a line that does not have the documented shape is an error naming it.
    public static func parse(_ text: String) throws(FileError) -> AccessControl {
        var keys: [Key] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.isEmpty { continue }
            guard fields.count == 2 || fields.count == 3 else { throw FileError(line: i + 1, message: "expected `<name> sha256:<hex> [per minute]`") }
            let hash = fields[1]
            guard hash.hasPrefix("sha256:"), hash.utf8.count == 71,
                hash.utf8.dropFirst(7).allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            else { throw FileError(line: i + 1, message: "the hash must be sha256: and 64 lower-case hex digits") }
            var perMinute = defaultPerMinute
            if fields.count == 3 {
                guard let n = Int(fields[2]), n >= 1 else {
                    throw FileError(line: i + 1, message: "the limit must be a whole number of requests per minute, from 1")
                }
                perMinute = n
            }
            keys.append(Key(name: fields[0], hash: String(hash.dropFirst(7)), perMinute: perMinute))
        }
        guard !keys.isEmpty else { throw FileError(line: 0, message: "the file names no key") }
        return AccessControl(keys: keys)
    }

    /// The verdict on a request: nil to let it through (with `headers` to add), or the 401 or 429 to send.
    public func check(path: String, authorization: String?, now: Int64) -> (refusal: ServedResponse?, headers: [(name: String, value: String)]) {
        guard path == "/v1" || path.hasPrefix("/v1/") else { return (nil, []) }
        guard let authorization, authorization.hasPrefix("Bearer "),
            let key = keys[Hex.string(SHA256.hash(data: Array(authorization.utf8.dropFirst(7))))]
        else {
            var refusal = APIError(
                status: 401, code: "unauthorized", message: "This server needs an API key: send Authorization: Bearer <key>",
                details: .object([])
            ).response
            refusal.headers.append(("WWW-Authenticate", "Bearer"))
            return (refusal, [])
        }
        let minute = now / 60
        let count = windows.withLock { windows -> Int in
            var window = windows[key.hash] ?? (minute, 0)
            if window.minute != minute { window = (minute, 0) }
            window.count += 1
            windows[key.hash] = window
            return window.count
        }
        let reset = (minute + 1) * 60
        let headers: [(name: String, value: String)] = [
            ("X-RateLimit-Limit", String(key.perMinute)), ("X-RateLimit-Remaining", String(max(0, key.perMinute - count))),
            ("X-RateLimit-Reset", String(reset)),
        ]
        guard count <= key.perMinute else {
            var refusal = APIError(
                status: 429, code: "rate_limited", message: "The key '\(key.name)' has used its \(key.perMinute) requests of this minute",
                details: .object([("retry_after", .int(Int(reset - now)))])
            ).response
            refusal.headers += headers + [("Retry-After", String(reset - now))]
            return (refusal, [])
        }
        return (nil, headers)
    }
}
