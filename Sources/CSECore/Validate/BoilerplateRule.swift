import CSEDiagnostics
import CSEYAML

/// `text.boilerplate`: the same sentence in several signals with only the domain or category word changed,
/// such as "Review HIPAA compliance documentation and controls for HIPAA requirements." in one signal and
/// the same with "SOC2" in another: the fallback text of a generator, which tells a reader nothing about the
/// condition (the upstream registry has fields filled this way).
///
/// Sentences of at least ``minimumWords`` words in prose fields are compared with each signal's own domain
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
            let codes: Set<String> = [folder.domain.lowercased(), folder.category.lowercased()]
            var stack: [(Node, String?)] = [(node, nil)]
            while let (value, key) = stack.popLast() {
                switch value.value {
                case .string(let text):
                    guard let key, TextRules.proseKeys.contains(key) else { continue }
                    for sentence in Self.sentences(text) {
                        let words = sentence.split(whereSeparator: \.isWhitespace)
                        guard words.count >= Self.minimumWords else { continue }
                        let normalized = words.map { word -> String in
                            let core = word.lowercased().trimmingCharacters(in: ".,;:!?()'\"")
                            return codes.contains(core) ? "<code>" : word.lowercased()
                        }.joined(separator: " ")
                        guard normalized.contains("<code>") else { continue }
                        groups[normalized, default: []].append(
                            Occurrence(file: doc.path, span: value.span, signal: folder.id, sentence: sentence))
                    }
                case .array(let items): stack += items.map { ($0, key) }
                case .object(let members): stack += members.map { ($0.value, $0.key) }
                default: break
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

    /// The sentences of a text: split after `.`, `!` or `?` followed by white space.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previous: Character = " "
        for c in text {
            if c.isWhitespace, ".!?".contains(previous) {
                let s = current.trimmingCharacters(in: " \t\n")
                if !s.isEmpty { out.append(s) }
                current = ""
            } else {
                current.append(c)
            }
            previous = c
        }
        let s = current.trimmingCharacters(in: " \t\n")
        if !s.isEmpty { out.append(s) }
        return out
    }
}

extension String {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        return String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
