/// The static API's path scheme: reversible encoding of IDs into path components, page file names, and
/// relative links between files (docs/api.md §2).
public enum APIPath {
    /// Items per page: the hosted API's default `per_page`.
    public static let pageSize = 20

    /// Encodes an ID as one path component: the one encoding of IDs in the static tree and the site
    /// (docs/api.md §2).
    ///
    /// Bytes of the UTF-8 form in `[A-Za-z0-9._()-]` stay as they are; every other byte becomes `~XX`
    /// (upper-case hex), and so does a `.` in first position, so that no component is `.`, `..` or a hidden
    /// file name and no ID can add a `/`. Every byte of a component is one a URL may carry as it is
    /// (`~`, `(` and `)` included), so a component is its own URL: an ID made of the kept bytes, as every
    /// control and signal ID is today (`AC-2(1)`, `164.312(a)(2)(iv)`), is requested as it is written or
    /// percent-encoded once (`AC-2%281%29`), and a server that decodes the URL before looking up the file
    /// finds it either way. (The escape is `~`, not `%`, for that reason: a `%` in a file name would have
    /// to be encoded twice in its URL.) The mapping is injective and ``decode(_:)`` reverses it. IDs
    /// differing only in letter case still differ only in case after encoding; `OutputPlan.checkPaths`
    /// reports those as collisions.
    public static func encode(_ id: String) -> String {
        // An empty ID (which validation refuses) would leave an empty component: it is a lone `~`.
        if id.isEmpty { return "~" }
        // Nearly every ID is already a plain component: then it is its own encoding.
        if id.utf8.first != UInt8(ascii: "."), id.utf8.allSatisfy(isPlain) { return id }
        var out: [UInt8] = []
        out.reserveCapacity(id.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for (i, b) in id.utf8.enumerated() {
            if isPlain(b) && (b != 0x2E || i > 0) {
                out.append(b)
            } else {
                out += [escape, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `~`: unreserved in URLs, so no server decodes it.
    private static let escape = UInt8(ascii: "~")

    /// `[A-Za-z0-9._()-]`.
    @inline(__always)
    private static func isPlain(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x28
            || b == 0x29
    }

    /// Reverses `encode`; nil for text `encode` never produces (a stray `~`, lower-case hex, invalid UTF-8,
    /// or a byte that should have been escaped).
    public static func decode(_ component: String) -> String? {
        if component == "~" { return "" }
        var out: [UInt8] = []
        let bytes = Array(component.utf8)
        var i = 0
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: b - 0x30
            case 0x41...0x46: b - 0x41 + 10
            default: nil
            }
        }
        while i < bytes.count {
            if bytes[i] == escape {
                guard i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else { return nil }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        guard let decoded = String(validating: out, as: UTF8.self), encode(decoded) == component else { return nil }
        return decoded
    }

    /// The file of page `page` (1-based) of the list whose first page is `<directory>/index.json`.
    public static func page(_ page: Int, of directory: String) -> String {
        page == 1 ? "\(directory)/index.json" : "\(directory)/page/\(page).json"
    }

    /// The link from the file at `from` to the file at `to` (both relative to `v1/`), as a relative URL
    /// resolved against `from`'s own URL.
    public static func relative(from: String, to: String) -> String {
        // On UTF-8 bytes: every page links to several others, so this runs for each link of 40,000 files.
        var fromBytes = from, toBytes = to
        return fromBytes.withUTF8 { a in
            toBytes.withUTF8 { b in
                let slash = UInt8(ascii: "/")
                // Directories of `from`: each component of `from` except the last.
                let aDirs = a.count(where: { $0 == slash })
                // Skip the components both share (whole directory components, compared as bytes).
                var common = 0, start = 0
                var i = 0
                while common < aDirs {
                    var j = i
                    while j < a.count, a[j] != slash { j += 1 }
                    let length = j - i
                    // The same component in `to` must be followed by a '/' (a directory, not its file).
                    guard start + length < b.count, b[start + length] == slash,
                        a[i..<j].elementsEqual(b[start..<(start + length)])
                    else { break }
                    common += 1
                    i = j + 1
                    start += length + 1
                }
                var out: [UInt8] = []
                out.reserveCapacity(3 * (aDirs - common) + b.count - start)
                for _ in 0..<(aDirs - common) { out += [UInt8(ascii: "."), UInt8(ascii: "."), slash] }
                out += b[start...]
                return String(decoding: out, as: UTF8.self)
            }
        }
    }
}
