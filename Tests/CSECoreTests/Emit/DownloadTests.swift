import Foundation
import Testing

@testable import CSECore

/// The CSV downloads of this repository's build: well-formed RFC 4180, one row per signal, mapping or
/// control, and linked from the home page.
@Suite struct DownloadTests {
    /// RFC 4180 records (quoted fields with doubled quotes and line breaks inside, LF or CRLF ends).
    static func records(_ bytes: [UInt8]) -> [[String]]? {
        var records: [[String]] = [], fields: [String] = [], field: [UInt8] = []
        var i = 0, quoted = false, wasQuoted = false
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                guard field.isEmpty, !wasQuoted else { return nil }  // a quote inside an unquoted field
                quoted = true
                wasQuoted = true
            } else if b == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                wasQuoted = false
            } else if b == 0x0A {
                fields.append(String(decoding: field, as: UTF8.self))
                records.append(fields)
                fields = []
                field = []
                wasQuoted = false
            } else if b != 0x0D {
                guard !wasQuoted else { return nil }  // text after a closing quote
                field.append(b)
            }
            i += 1
        }
        guard !quoted, field.isEmpty, fields.isEmpty else { return nil }  // every record ends with a line break
        return records
    }

    static func table(_ path: String) throws -> [[String]] {
        let bytes = try #require(RepositoryBuild.built.files[path], "\(path) is not built")
        let rows = try #require(Self.records(bytes), "\(path) is not RFC 4180")
        let width = rows.first?.count ?? 0
        #expect(rows.allSatisfy { $0.count == width }, "\(path): every row has the header's \(width) fields")
        return rows
    }

    @Test func theReaderRejectsBrokenQuoting() {
        #expect(Self.records(Array("a,\"b,c\"\n\"x\"\"y\",z\n".utf8)) == [["a", "b,c"], ["x\"y", "z"]])
        #expect(Self.records(Array("a,b\"c\n".utf8)) == nil)
        #expect(Self.records(Array("a,\"b\n".utf8)) == nil)
        #expect(Self.records(Array("a,b".utf8)) == nil)
    }

    @Test func oneRowPerSignalMappingAndControl() throws {
        let registry = try #require(RepositoryBuild.loaded.registry)
        let signals = try Self.table("cse-registry.csv")
        #expect(signals.dropFirst().map { $0[0] } == registry.signals.map(\.id))
        let descriptions = Dictionary(uniqueKeysWithValues: registry.signals.map { ($0.id, $0.description) })
        #expect(signals.dropFirst().allSatisfy { descriptions[$0[0]] == $0.last }, "descriptions survive quoting")

        var mappingRows = 0
        for fw in registry.frameworks {
            let rows = try Self.table("mappings/\(fw.code).csv")
            let expected = registry.mappings.filter { if case .control(fw.code, _) = $0.target { true } else { false } }
            #expect(rows.dropFirst().map { $0[0] } == expected.map(\.id), "\(fw.code)")
            mappingRows += rows.count - 1
        }
        #expect(mappingRows > 1000)

        let controls = try Self.table("coverage/controls.csv")
        #expect(controls.count - 1 == registry.frameworks.reduce(0) { $0 + $1.families.reduce(0) { $0 + $1.controlIDs.count } })
    }

    @Test func theHomePageLinksEveryDownload() throws {
        let home = String(decoding: try #require(RepositoryBuild.built.files["index.html"]), as: UTF8.self)
        let registry = try #require(RepositoryBuild.loaded.registry)
        for path in ["cse-registry.csv", "coverage/controls.csv"] + registry.frameworks.map({ "mappings/\($0.code).csv" }) {
            #expect(home.contains("href=\"\(path)\""), "\(path)")
            #expect(RepositoryBuild.built.files[path] != nil)
        }
    }
}
