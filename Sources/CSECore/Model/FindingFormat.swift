/// What the CSE finding format (`finding-set.schema.json#/$defs/finding`) demands of the signal a finding
/// template is written for.
///
/// A template's other values come from documents their own schemas have already checked against the same
/// definitions (the registry version, the artifact type, the base URL), so the signal ID is the only part
/// that can fall outside the format. `FindingFormatTests` holds this function to the schema itself.
enum FindingFormat {
    /// The longest signal ID a finding can carry: a finding's ID is `FND-<signal ID>`, at most 256 characters.
    static let maximumSignalIDLength = 256 - 4

    /// Whether a finding can reference the signal: its ID matches the format's
    /// `^CSE-[A-Z0-9]+-[A-Z]+-[A-Z0-9-]+-[0-9]{3}$` and fits in a finding ID.
    static func accepts(signalID id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count <= maximumSignalIDLength, bytes.count >= "CSE-A-B-C-000".utf8.count,
            bytes.starts(with: "CSE-".utf8)
        else { return false }
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        // The serial: "-" and exactly three digits at the end.
        let serial = bytes.count - 4
        guard bytes[serial] == UInt8(ascii: "-"), bytes[(serial + 1)...].allSatisfy(isDigit) else { return false }
        // Neither the domain nor the category holds a '-', so each ends at the next one.
        var i = 4
        let domainStart = i
        while i < serial, isUpper(bytes[i]) || isDigit(bytes[i]) { i += 1 }
        guard i > domainStart, i < serial, bytes[i] == UInt8(ascii: "-") else { return false }
        i += 1
        let categoryStart = i
        while i < serial, isUpper(bytes[i]) { i += 1 }
        guard i > categoryStart, i < serial, bytes[i] == UInt8(ascii: "-") else { return false }
        i += 1
        // The name: one or more of [A-Z0-9-] before the serial.
        return i < serial && bytes[i..<serial].allSatisfy { isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
