import CSEDiagnostics
import Foundation

/// `signal.near-duplicate`: two signals whose names and descriptions say nearly the same thing, with no link
/// between them (neither maps to the other, and they share no GEN parent). The same condition under two IDs
/// splits the findings tools tag; a GEN parent, or an equivalence mapping, joins them.
///
/// Similarity is the cosine of TF-IDF vectors of the words and word pairs of `canonical_name` and
/// `description`, common function words left out. Calibrated on this repository: signals a GEN parent links
/// to their domain versions score 0.60–0.93, the closest unrelated pair 0.49. Pairs are found through an index
/// of the words that at most ``candidateDocumentFrequency`` signals use, so the cost stays near-linear in the
/// number of signals; a pair made only of words shared by more signals than that is not compared.
struct NearDuplicateRule {
    var signals: [Signal]
    var mappings: [Mapping]

    /// The cosine from which two unlinked signals are reported.
    static let threshold = 0.6
    /// Words used by more signals than this do not propose pairs (they still count in the cosine).
    static let candidateDocumentFrequency = 64

    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "or", "and", "to", "in", "on", "for", "by", "with", "is", "are", "be", "that", "this", "which",
        "from", "as", "at", "its", "it", "any", "no", "not", "without", "than", "more", "has", "have",
    ]

    func run() -> [Diagnostic] {
        let n = signals.count
        guard n > 1 else { return [] }
        // Terms (words and word pairs) of each signal, with counts.
        var vocabulary: [String: Int] = [:]
        var termCounts: [[Int: Double]] = []
        termCounts.reserveCapacity(n)
        for s in signals {
            let words = Self.words(s.canonicalName + " " + s.description)
            var counts: [Int: Double] = [:]
            for term in words + zip(words, words.dropFirst()).map({ $0 + " " + $1 }) {
                let id =
                    vocabulary[term]
                    ?? {
                        let next = vocabulary.count
                        vocabulary[term] = next
                        return next
                    }()
                counts[id, default: 0] += 1
            }
            termCounts.append(counts)
        }
        var documentFrequency = [Int](repeating: 0, count: vocabulary.count)
        for counts in termCounts { for term in counts.keys { documentFrequency[term] += 1 } }
        // Unit TF-IDF vectors.
        let vectors: [[Int: Double]] = termCounts.map { counts in
            var v: [Int: Double] = [:]
            for (term, count) in counts { v[term] = count * log(Double(n) / Double(documentFrequency[term])) }
            let norm = v.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? v.mapValues { $0 / norm } : [:]
        }
        var postings: [Int: [Int]] = [:]
        for (i, counts) in termCounts.enumerated() {
            for term in counts.keys where documentFrequency[term] <= Self.candidateDocumentFrequency { postings[term, default: []].append(i) }
        }
        let linked = links()
        var out = BoundedDiagnostics()
        for i in 0..<n {
            var candidates: Set<Int> = []
            for term in termCounts[i].keys {
                for j in postings[term] ?? [] where j > i { candidates.insert(j) }
            }
            for j in candidates.sorted() {
                let a = signals[i], b = signals[j]
                if linked(a.id, b.id) || (a.domain == b.domain && a.canonicalName.lowercased() == b.canonicalName.lowercased()) { continue }
                let (small, large) = vectors[i].count <= vectors[j].count ? (vectors[i], vectors[j]) : (vectors[j], vectors[i])
                var cosine = 0.0
                for (term, weight) in small { cosine += weight * (large[term] ?? 0) }
                guard cosine >= Self.threshold else { continue }
                // Reported on the signal whose ID sorts later, pointing at the other.
                let (later, earlier) = a.id < b.id ? (b, a) : (a, b)
                out.append(.signalNearDuplicate) {
                    Diagnostic(
                        $0, range: later.range(of: "description"),
                        summary: "'\(later.id)' reads like '\(earlier.id)' (similarity \(Int((cosine * 100).rounded()))%), and nothing links them",
                        hint: "if they are one condition, link both to one GEN parent (or map one to the other as equivalent); if not, say how they differ",
                        notes: [.init(range: earlier.range(of: "description"), message: "the other signal")])
                }
            }
        }
        return out.finish()
    }

    /// Lower-cased ASCII words of letters and digits, stop words left out.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty {
                let word = String(decoding: current, as: UTF8.self)
                if !stopWords.contains(word) { out.append(word) }
                current.removeAll(keepingCapacity: true)
            }
        }
        for b in text.utf8 {
            switch b {
            case 0x41...0x5A: current.append(b | 0x20)
            case 0x61...0x7A, 0x30...0x39: current.append(b)
            default: flush()
            }
        }
        flush()
        return out
    }

    /// Whether two signals are linked: one maps to the other, or a GEN signal maps to both.
    private func links() -> (String, String) -> Bool {
        var neighbours: [String: Set<String>] = [:]
        var parents: [String: Set<String>] = [:]
        for m in mappings {
            guard case .signal(let other) = m.target else { continue }
            neighbours[m.source, default: []].insert(other)
            neighbours[other, default: []].insert(m.source)
            if m.source.hasPrefix("CSE-GEN-") { parents[other, default: []].insert(m.source) }
            if other.hasPrefix("CSE-GEN-") { parents[m.source, default: []].insert(other) }
        }
        return { a, b in
            if neighbours[a]?.contains(b) == true { return true }
            guard let pa = parents[a], let pb = parents[b] else { return false }
            return !pa.isDisjoint(with: pb)
        }
    }
}
