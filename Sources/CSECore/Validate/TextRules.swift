import CSEDiagnostics
import CSEYAML

/// Warnings about prose: placeholders, text that stops mid-word, stray whitespace, README references.
struct TextRules {
    /// Members whose text is prose that should read as finished sentences.
    static let proseKeys: Set<String> = ["description", "detection_notes", "justification", "remediation_hint", "applicability"]
    /// Members checked for placeholders and whitespace (every human-written string).
    static let textKeys: Set<String> = proseKeys.union(["canonical_name", "applicability", "title", "name"])

    static let placeholderWords = ["todo", "tbd", "fixme", "lorem ipsum", "placeholder", "xxx", "changeme", "insert description"]

    /// Checks every string member of a document.
    static func check(_ node: Node, file: String) -> [Diagnostic] {
        var out = BoundedDiagnostics()
        check(node, key: nil, file: file, into: &out)
        return out.finish()
    }

    /// The walk behind ``check(_:file:)``: array items are checked under their array's key.
    private static func check(_ node: Node, key: String?, file: String, into out: inout BoundedDiagnostics) {
        switch node.value {
        case .string(let text):
            guard let key, isTextKey(key) else { return }
            checkText(text, key: key, span: node.span, file: file, into: &out)
        case .array(let items):
            for item in items { check(item, key: key, file: file, into: &out) }
        case .object(let members):
            for m in members { check(m.value, key: m.key, file: file, into: &out) }
        default:
            break
        }
    }

    /// `textKeys.contains(key)` without hashing: the keys are few and mostly small strings.
    private static let textKeyList = Array(textKeys)
    private static let proseKeyList = Array(proseKeys)

    @inline(__always)
    private static func isTextKey(_ key: String) -> Bool {
        let length = key.utf8.count
        return textKeyList.contains { $0.utf8.count == length && $0 == key }
    }

    private static func checkText(_ text: String, key: String, span: SourceSpan, file: String, into out: inout BoundedDiagnostics) {
        var text = text
        text.makeContiguousUTF8()
        // Most texts start and end with a visible ASCII character: then trimming changes nothing, the text
        // is not empty, and the last character decides whether prose can look cut off.
        let ends: (first: UInt8, last: UInt8)? =
            text.utf8.withContiguousStorageIfAvailable { b in
                b.isEmpty ? nil : (b[0], b[b.count - 1])
            } ?? nil
        let trimmedIsText = ends.map { isVisibleASCII($0.first) && isVisibleASCII($0.last) } ?? false
        let trimmed = trimmedIsText ? text : text.trimmingWhitespace
        let range = SourceRange(file: file, span: span)
        let placeholder = text.utf8.withContiguousStorageIfAvailable { firstPlaceholder($0) } ?? nil
        if let word = placeholder ?? (trimmed.isEmpty ? "empty" : nil) {
            out.append(.textPlaceholder) {
                Diagnostic(
                    $0, range: range,
                    summary: word == "empty" ? "'\(key)' is empty" : "'\(key)' contains placeholder text '\(word)'",
                    hint: "write the real text before publishing; placeholders become permanent once released")
            }
        } else if proseKeyList.contains(key) {
            let finished = trimmedIsText && ends.map { sentenceEnders.contains($0.last) } == true
            if !finished, let ending = truncatedEnding(text, key: key) {
                out.append(.textTruncated) {
                    Diagnostic(
                        $0, range: range,
                        summary: "'\(key)' seems cut off after \(text.count) characters: it ends with '\(ending)'",
                        hint: "finish the sentence; text that stops mid-word usually lost its end when it was copied")
                }
            }
        }
        if !trimmedIsText, text != trimmed, !trimmed.isEmpty, !(text.hasSuffix("\n") && text.dropLast() == trimmed) {
            out.append(.textWhitespace) {
                Diagnostic(
                    $0, range: range,
                    summary: "'\(key)' begins or ends with whitespace",
                    hint: "remove the leading or trailing spaces; they change the text consumers compare")
            }
        }
    }

    /// A printable ASCII character that is not whitespace (ASCII whitespace is 0x09-0x0D and space).
    @inline(__always)
    private static func isVisibleASCII(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }

    /// The ASCII characters after which `truncatedEnding` never reports (a subset of its list).
    private static let sentenceEnders: [UInt8] = Array(".!?)]\"':;`*".utf8)

    private static let placeholderBytes = placeholderWords.map { Array($0.utf8) }

    /// The first word of `placeholderWords` (in list order) that `text` contains as a whole word, ignoring
    /// ASCII case; one pass over the text instead of one per word.
    private static func firstPlaceholder(_ t: UnsafeBufferPointer<UInt8>) -> String? {
        var best = Int.max
        var i = 0
        let n = t.count
        while i < n {
            let c = t[i] | 0x20
            // Every placeholder starts with one of these letters.
            if c == 0x74 || c == 0x66 || c == 0x6C || c == 0x70 || c == 0x78 || c == 0x63 || c == 0x69,
                i == 0 || !isLetter(t[i - 1])
            {
                for (k, w) in placeholderBytes.enumerated() where k < best && w[0] == c && matches(t, at: i, w) {
                    best = k
                    if k == 0 { return placeholderWords[0] }
                }
            }
            i += 1
        }
        return best == Int.max ? nil : placeholderWords[best]
    }

    @inline(__always)
    private static func matches(_ t: UnsafeBufferPointer<UInt8>, at i: Int, _ w: [UInt8]) -> Bool {
        guard i + w.count <= t.count else { return false }
        var j = 1
        while j < w.count, (t[i + j] >= 0x41 && t[i + j] <= 0x5A ? t[i + j] | 0x20 : t[i + j]) == w[j] { j += 1 }
        return j == w.count && (i + w.count == t.count || !isLetter(t[i + w.count]))
    }

    /// Lengths at which tools and databases commonly cut text (a column width, a form limit).
    static let cutLengths: Set<Int> = [255, 256, 500, 512, 800, 1000, 1024, 2000, 2048, 4000, 4096]

    /// The last few words when prose looks cut off, or nil when it looks finished.
    ///
    /// Two signs, either enough, and both require the text not to end in closing punctuation:
    /// - its length is a common cut length (or one less, when a trailing space was trimmed after the cut);
    /// - it is a `description` (a normative definition written in sentences) that has a sentence break
    ///   inside but does not end like a sentence.
    /// List-style text (an applicability flattened from bullets) legitimately ends without a period, so
    /// the absence of punctuation alone is not enough.
    static func truncatedEnding(_ text: String, key: String) -> String? {
        let t = text.trimmingWhitespace
        guard let last = t.unicodeScalars.last, !".!?)]\"'’”:;`*".unicodeScalars.contains(last) else { return nil }
        let count = text.count
        let atCutLength = cutLengths.contains(count) || cutLengths.contains(count + 1)
        let unfinishedSentence = key == "description" && t.contains(". ")
        guard atCutLength || unfinishedSentence else { return nil }
        return String(t.suffix(24))
    }

    /// Whether `word` (lower-case ASCII) occurs in `text` as a whole word, ignoring ASCII case.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        let w = Array(word.utf8)
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { containsWord($0, w) } ?? false
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }

    private static func containsWord(_ t: UnsafeBufferPointer<UInt8>, _ w: [UInt8]) -> Bool {
        guard w.count <= t.count, let first = w.first else { return false }
        var i = 0
        while i + w.count <= t.count {
            if t[i] | 0x20 == first {
                var j = 1
                while j < w.count, (t[i + j] >= 0x41 && t[i + j] <= 0x5A ? t[i + j] | 0x20 : t[i + j]) == w[j] { j += 1 }
                if j == w.count, i == 0 || !isLetter(t[i - 1]), i + w.count == t.count || !isLetter(t[i + w.count]) { return true }
            }
            i += 1
        }
        return false
    }

    static func walk(_ node: Node, key: String?, _ visit: (String?, Node) -> Void) {
        visit(key, node)
        switch node.value {
        case .array(let items): for item in items { walk(item, key: key, visit) }
        case .object(let members): for m in members { walk(m.value, key: m.key, visit) }
        default: break
        }
    }

    /// Lines of a YAML or JSON source that end in spaces or tabs.
    static func trailingWhitespace(_ text: SourceText, file: String) -> [Diagnostic] {
        var out = BoundedDiagnostics()
        let b = text.bytes
        for (index, start) in text.lineStarts.enumerated() {
            var end = index + 1 < text.lineStarts.count ? text.lineStarts[index + 1] - 1 : b.count
            if end > start, b[end - 1] == 0x0D { end -= 1 }
            guard end > start, b[end - 1] == 0x20 || b[end - 1] == 0x09 else { continue }
            var trimmed = end
            while trimmed > start, b[trimmed - 1] == 0x20 || b[trimmed - 1] == 0x09 { trimmed -= 1 }
            let line = index + 1
            let range = SourceRange(
                file: file,
                span: SourceSpan(
                    start: SourceLocation(line: line, column: trimmed - start + 1, offset: trimmed),
                    end: SourceLocation(line: line, column: end - start + 1, offset: end)))
            out.append(.textTrailingWhitespace) {
                Diagnostic(
                    $0, range: range,
                    summary: "line \(line) ends with whitespace", hint: "remove the trailing spaces or tabs")
            }
        }
        return out.finish()
    }

    /// README problems: empty, or mentions of signal IDs that do not exist. `ownID` (the folder's name) counts
    /// as known, so a README may name its own signal before its definition's ID is fixed.
    static func readme(_ text: SourceText, file: String, knownSignals: Set<String>, ownID: String? = nil) -> [Diagnostic] {
        // Any visible ASCII character means the README is not empty; only otherwise decode and trim.
        let visible = text.bytes.withUnsafeBufferPointer { b in b.contains { $0 > 0x20 && $0 < 0x7F } }
        if !visible, String(decoding: text.bytes, as: UTF8.self).trimmingWhitespace.isEmpty {
            return [
                Diagnostic(
                    .readmeEmpty, range: .file(file), summary: "README.md is empty",
                    hint: "describe the signal, how it is detected and what it does not assert, or delete the file")
            ]
        }
        var out = BoundedDiagnostics()
        // A line that starts with `TODO` (as `cse new signal` writes them) is still to write. Prose that merely
        // contains the word is left alone: a README may well discuss placeholders.
        for (line, column, offset) in todoLines(text) {
            let start = SourceLocation(line: line, column: column, offset: offset)
            let end = SourceLocation(line: line, column: column + 4, offset: offset + 4)
            out.append(.textPlaceholder) {
                Diagnostic(
                    $0, range: SourceRange(file: file, span: SourceSpan(start: start, end: end)),
                    summary: "README.md line \(line) is a placeholder ('TODO')",
                    hint: "write the real text before publishing; placeholders become permanent once released")
            }
        }
        // Built only for a README that names an unknown ID; only the diagnostics kept get a suggestion.
        var index: SuggestionIndex?
        for (id, location) in signalIDMentions(text) where id != ownID && !knownSignals.contains(id) {
            let end = SourceLocation(line: location.line, column: location.column + id.utf8.count, offset: location.offset + id.utf8.count)
            out.append(.readmeUnknownSignal) { kind in
                if index == nil { index = SuggestionIndex(knownSignals.union(ownID.map { [$0] } ?? [])) }
                return Diagnostic(
                    kind, range: SourceRange(file: file, span: SourceSpan(start: location, end: end)),
                    summary: "README mentions '\(id)', which is not a signal in this registry" + Suggestions.didYouMean(index?.closest(to: id)),
                    hint: "links between signals are written as their IDs; correct the ID or remove the reference")
            }
        }
        return out.finish()
    }

    /// Lines whose first visible characters are `TODO` followed by `:`, a space or the end of the line: their
    /// line, the column of the `T` and its byte offset.
    static func todoLines(_ text: SourceText) -> [(Int, Int, Int)] {
        var out: [(Int, Int, Int)] = []
        text.bytes.withUnsafeBufferPointer { b in
            var line = 1
            var i = 0
            let n = b.count
            while i < n {
                var j = i
                while j < n, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                if j + 4 <= n, b[j] == 0x54, b[j + 1] == 0x4F, b[j + 2] == 0x44, b[j + 3] == 0x4F,
                    j + 4 == n || b[j + 4] == 0x3A || b[j + 4] == 0x20 || b[j + 4] == 0x0A || b[j + 4] == 0x0D
                {
                    out.append((line, j - i + 1, j))
                }
                while j < n, b[j] != 0x0A { j += 1 }
                i = j + 1
                line += 1
            }
        }
        return out
    }

    /// Every `CSE-…-NNN` token in a text, with its position.
    static func signalIDMentions(_ text: SourceText) -> [(String, SourceLocation)] {
        var out: [(String, SourceLocation)] = []
        func isIDByte(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D }
        text.bytes.withUnsafeBufferPointer { b in
            var i = 0
            // Lines are counted only up to each mention, from where the previous one was.
            var line = 1
            var lineStart = 0
            var counted = 0
            let n = b.count
            while i < n {
                guard b[i] == 0x43 else {
                    i += 1
                    continue
                }
                if i + 4 <= n, b[i + 1] == 0x53, b[i + 2] == 0x45, b[i + 3] == 0x2D,
                    i == 0 || !(isIDByte(b[i - 1]) || (b[i - 1] >= 0x61 && b[i - 1] <= 0x7A))
                {
                    var j = i
                    while j < n, isIDByte(b[j]) { j += 1 }
                    var token = String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self)
                    while token.hasSuffix("-") { token.removeLast() }
                    let parts = token.split(separator: "-")
                    if parts.count >= 5, let last = parts.last, last.count >= 3, last.allSatisfy(\.isNumber) {
                        while counted < i {
                            if b[counted] == 0x0A {
                                line += 1
                                lineStart = counted + 1
                            }
                            counted += 1
                        }
                        out.append((token, SourceLocation(line: line, column: i - lineStart + 1, offset: i)))
                    }
                    i = j
                    continue
                }
                i += 1
            }
        }
        return out
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
