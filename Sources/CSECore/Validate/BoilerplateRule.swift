import CSEDiagnostics
import CSEYAML

/// `text.boilerplate`: the same sentence in several signals with only the domain or category word changed,
/// such as "Review HIPAA compliance documentation and controls for HIPAA requirements." in one signal and
/// the same with "SOC2" in another: the fallback text of a generator, which tells a reader nothing about the
/// condition (the upstream registry has fields filled this way).
///
/// Sentences of at least ``minimumWords`` words in a signal's prose fields (description, applicability,
/// detection notes, remediation hint) are compared with each signal's own domain
/// and category codes replaced by a placeholder (whole words, any letter case). A sentence repeated in two
/// or more signals that reads differently in at least two of them is flagged in each.
struct BoilerplateRule {
    var documents: [SourceDocument]

    static let minimumWords = 6

    private struct Occurrence {
        var file: String
        var span: SourceSpan
        var signal: String
        var sentence: String
    }

    func run() -> [Diagnostic] {
        var groups: [String: [Occurrence]] = [:]
        for doc in documents {
            guard case .signal(let folder) = doc.file.kind, let node = doc.node else { continue }
            let codes = [Array(folder.domain.lowercased().utf8), Array(folder.category.lowercased().utf8)]
            let metadata = node["metadata"]
            for value in [node["description"], node["applicability"], metadata?["detection_notes"], metadata?["remediation_hint"]] {
                guard let value, case .string(let text) = value.value else { continue }
                let bytes = Array(text.utf8)
                // Most text names neither code: then no sentence of it can be boilerplate.
                guard codes.contains(where: { Self.contains(bytes, lowercased: $0) }) else { continue }
                for range in Self.sentenceRanges(bytes) {
                    guard let normalized = Self.normalized(bytes[range], codes: codes) else { continue }
                    groups[normalized, default: []].append(
                        Occurrence(file: doc.path, span: value.span, signal: folder.id, sentence: String(decoding: bytes[range], as: UTF8.self)))
                }
            }
        }
        var out: [Diagnostic] = []
        for (_, occurrences) in groups {
            let signals = Set(occurrences.map(\.signal))
            let variants = Set(occurrences.map(\.sentence))
            guard signals.count >= 2, variants.count >= 2 else { continue }
            for o in occurrences {
                out.append(
                    Diagnostic(
                        .textBoilerplate, range: SourceRange(file: o.file, span: o.span),
                        summary: "'\(o.sentence)' is repeated in \(signals.count) signals with only the domain or category changed",
                        hint: "say what this signal's condition is and how it is detected; templated text tells a reader nothing"))
            }
        }
        return out
    }

    // Text is scanned as UTF-8 bytes: white space and the punctuation that matter here are ASCII, and the
    // rule reads every prose field of every signal (a 10,000-signal registry has a million words).

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Whether `text` holds `word` (lower-case ASCII) in any letter case, anywhere.
    static func contains(_ text: [UInt8], lowercased word: [UInt8]) -> Bool {
        guard !word.isEmpty, text.count >= word.count else { return word.isEmpty }
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        for start in 0...(text.count - word.count) where lower(text[start]) == word[0] {
            var k = 1
            while k < word.count, lower(text[start + k]) == word[k] { k += 1 }
            if k == word.count { return true }
        }
        return false
    }

    /// The sentences of a text, as byte ranges: split after `.`, `!` or `?` followed by white space, and
    /// trimmed of white space.
    static func sentenceRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        func add(_ start: Int, _ end: Int) {
            var a = start, b = end
            while a < b, isSpace(bytes[a]) { a += 1 }
            while b > a, isSpace(bytes[b - 1]) { b -= 1 }
            if a < b { out.append(a..<b) }
        }
        var start = 0
        for i in bytes.indices where i > 0 && isSpace(bytes[i]) {
            let previous = bytes[i - 1]
            if previous == UInt8(ascii: ".") || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "?") {
                add(start, i)
                start = i + 1
            }
        }
        add(start, bytes.count)
        return out
    }

    /// The sentences of a text (``sentenceRanges(_:)`` as strings).
    static func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return sentenceRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The sentence's words lower-cased and joined by single spaces, each word that is one of `codes` (once
    /// the punctuation around it is trimmed) written `<code>`; nil when it has fewer than ``minimumWords``
    /// words or none of the codes, and so cannot be boilerplate.
    static func normalized(_ sentence: ArraySlice<UInt8>, codes: [[UInt8]]) -> String? {
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        func isTrimmed(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                true
            default: false
            }
        }
        var words: [Range<Int>] = []
        var i = sentence.startIndex
        while i < sentence.endIndex {
            while i < sentence.endIndex, isSpace(sentence[i]) { i += 1 }
            let start = i
            while i < sentence.endIndex, !isSpace(sentence[i]) { i += 1 }
            if start < i { words.append(start..<i) }
        }
        guard words.count >= minimumWords else { return nil }
        func isCode(_ word: Range<Int>) -> Bool {
            var a = word.lowerBound, b = word.upperBound
            while a < b, isTrimmed(sentence[a]) { a += 1 }
            while b > a, isTrimmed(sentence[b - 1]) { b -= 1 }
            return codes.contains { code in code.count == b - a && zip(code, sentence[a..<b]).allSatisfy { $0 == lower($1) } }
        }
        let isCodeWord = words.map(isCode)
        guard isCodeWord.contains(true) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(sentence.count + 8)
        for (word, code) in zip(words, isCodeWord) {
            if !out.isEmpty { out.append(0x20) }
            if code { out += "<code>".utf8 } else { out += sentence[word].lazy.map(lower) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
