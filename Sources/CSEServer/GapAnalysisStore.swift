import Crypto
import Foundation
import GRDB

/// Where `cse serve` keeps gap analyses across restarts: one SQLite database in the data folder (GRDB, in
/// WAL mode, so several server processes on one host can share it), and the secret that keys analysis IDs.
///
/// An analysis holds one organisation's findings, so its ID must not be guessable from the findings alone:
/// it is an HMAC-SHA-256 of the registry's checksum, the frameworks and the findings under a secret that the
/// server makes on first start (`secret`, mode 0600, in the data folder). The same findings against the same
/// registry give the same ID on every instance that shares the secret.
public final class GapAnalysisStore: Sendable {
    public struct Record: Sendable, Equatable {
        public var id: String
        public var createdAt: Int64
        public var expiresAt: Int64
        public var registryVersion: String
        public var registryChecksum: String
        /// The analysis as JSON, CSV and Markdown, made when it was run (the registry may change later).
        public var json: [UInt8]
        public var csv: [UInt8]
        public var markdown: [UInt8]
    }

    private let database: DatabaseQueue
    /// The HMAC key (kept as bytes: a `SymmetricKey` is not `Sendable`).
    private let secret: [UInt8]
    /// How long an analysis is kept, in seconds.
    public let retention: Int64

    /// Opens (or creates) the store in `folder`.
    public init(folder: String, retention: Int64) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        secret = [UInt8](try Self.secret(in: folder))
        self.retention = retention
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        database = try DatabaseQueue(path: folder + "/gap-analyses.sqlite", configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS gap_analysis (
                        id TEXT PRIMARY KEY NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        registry_version TEXT NOT NULL,
                        registry_checksum TEXT NOT NULL,
                        json BLOB NOT NULL,
                        csv BLOB NOT NULL,
                        markdown BLOB NOT NULL
                    )
                    """)
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS gap_analysis_expiry ON gap_analysis(expires_at)")
        }
    }

    /// The data folder's secret, made on first use from the system's random generator; never leaves it.
    static func secret(in folder: String) throws -> Data {
        let path = folder + "/secret"
        if let existing = FileManager.default.contents(atPath: path), existing.count == 32 { return existing }
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        // Created with O_EXCL: when two instances start at once, one writes and both read the same secret.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd >= 0 {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, 32) }
            close(fd)
            guard written == 32 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            return bytes
        }
        guard let existing = FileManager.default.contents(atPath: path), existing.count == 32 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "\(path) is not a 32-byte secret"])
        }
        return existing
    }

    /// The ID of an analysis of `findings` for `frameworks` against the registry with `checksum`.
    public func id(checksum: String, frameworks: [String], findings: [UInt8]) -> String {
        var message = Array("cse-gap-analysis-v1\n\(checksum)\n\(frameworks.joined(separator: ","))\n".utf8)
        message += SHA256.hash(data: findings).map { $0 }
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return Hex.string(mac.prefix(16))
    }

    /// Stores a record (replacing one with its ID) and removes the expired ones.
    public func put(_ record: Record) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM gap_analysis WHERE expires_at <= ?", arguments: [record.createdAt])
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO gap_analysis (id, created_at, expires_at, registry_version, registry_checksum, json, csv, markdown)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.id, record.createdAt, record.expiresAt, record.registryVersion, record.registryChecksum, Data(record.json),
                    Data(record.csv), Data(record.markdown),
                ])
        }
    }

    /// The record with `id` unless it has expired at `now`.
    public func get(_ id: String, now: Int64) throws -> Record? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM gap_analysis WHERE id = ? AND expires_at > ?", arguments: [id, now]) else {
                return nil
            }
            return Record(
                id: row["id"], createdAt: row["created_at"], expiresAt: row["expires_at"], registryVersion: row["registry_version"],
                registryChecksum: row["registry_checksum"], json: [UInt8](row["json"] as Data), csv: [UInt8](row["csv"] as Data),
                markdown: [UInt8](row["markdown"] as Data))
        }
    }

    /// Deletes the record with `id`; whether there was one.
    @discardableResult
    public func delete(_ id: String) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM gap_analysis WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// Removes every record expired at `now`; how many.
    @discardableResult
    public func purge(now: Int64) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM gap_analysis WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }
}
