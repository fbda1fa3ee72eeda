/// Turns heading text into unique anchors (docs/site.md "Anchors").
///
/// Rules: the text is lower-cased; letters and digits of any script are kept; spaces, `-` and `_` become
/// `-`; every other character is dropped; runs of `-` collapse to one and `-` is trimmed from both ends;
/// an empty result is `section`. An anchor already taken (by an earlier heading or a reserved page anchor)
/// gets `-2`, `-3`, … — the first suffix not taken.
public struct Slugger: Sendable {
    private var taken: Set<String>

    public init(reserved: Set<String> = []) { taken = reserved }

    /// The base slug of a text, before de-duplication.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || p.generalCategory == .decimalNumber {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" || p.isWhitespace {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }

    /// A unique anchor for the text, recorded as taken.
    public mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
