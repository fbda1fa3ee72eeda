/// Finds the candidate closest to a misspelt name, for "did you mean" hints: one implementation for the
/// schema validator's messages (enum values, property names) and the registry rules (IDs, codes).
public enum Suggestions {
    /// The closest candidate by edit distance (case-insensitive), if it is close enough to be a plausible typo:
    /// at most a third of the longer string's length (minimum 1), and at most 6 edits. Ties go to the
    /// candidate that sorts first, so the hint does not depend on the candidates' order. `word` itself is
    /// never suggested.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        SuggestionIndex(candidates).closest(to: word)
    }

    /// The " (did you mean 'x'?)" suffix of a diagnostic summary, or "" when there is no suggestion.
    public static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// ``didYouMean(_:)`` for the candidate closest to `word`.
    public static func didYouMean(to word: String, in candidates: some Sequence<String>) -> String {
        didYouMean(closest(to: word, in: candidates))
    }

    /// Levenshtein distance, stopping early once every cell of a row exceeds `limit`.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return rowMin }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// "Did you mean" suggestions for many names against one list of candidates, as rules need them: each
/// candidate is lowered once, each distinct name is looked up once, and after ``maximumLookups`` distinct
/// names no more are computed (a hostile file naming 20,000 unknown IDs costs no more than 1,000).
///
/// Not thread-safe: one index serves one rule on one thread.
public final class SuggestionIndex {
    public static let maximumLookups = 1_000

    private let candidates: [(name: String, lowered: [Unicode.Scalar])]
    private var memo: [String: String?] = [:]

    public init(_ candidates: some Sequence<String>) {
        self.candidates = candidates.map { ($0, Array($0.lowercased().unicodeScalars)) }
    }

    /// The closest candidate by edit distance (``Suggestions/closest(to:in:)``), or nil.
    public func closest(to word: String) -> String? {
        if let known = memo[word] { return known }
        guard memo.count < Self.maximumLookups else { return nil }
        let w = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for (c, cs) in candidates where c != word {
            let limit = min(6, max(1, max(w.count, cs.count) / 3))
            if abs(cs.count - w.count) > limit { continue }
            let d = Suggestions.distance(w, cs, limit: limit)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        memo[word] = .some(best?.0)
        return best?.0
    }
}
