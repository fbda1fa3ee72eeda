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
        // Terms (words, and word pairs keyed by their two word numbers) of each signal, as sorted (term, count).
        var wordIDs: [String: Int] = [:]
        var pairIDs: [UInt64: Int] = [:]
        var termCount = 0
        var documents: [[(term: Int, count: Double)]] = []
        documents.reserveCapacity(n)
        var counts: [Int: Double] = [:]
        for s in signals {
            counts.removeAll(keepingCapacity: true)
            var previous: Int?
            for word in Self.words(s.canonicalName + " " + s.description) {
                let w =
                    wordIDs[word]
                    ?? {
                        let id = termCount
                        termCount += 1
                        wordIDs[word] = id
                        return id
                    }()
                counts[w, default: 0] += 1
                if let p = previous {
                    let key = UInt64(p) << 32 | UInt64(w)
                    let t =
                        pairIDs[key]
                        ?? {
                            let id = termCount
                            termCount += 1
                            pairIDs[key] = id
                            return id
                        }()
                    counts[t, default: 0] += 1
                }
                previous = w
            }
            documents.append(counts.map { ($0.key, $0.value) }.sorted { $0.term < $1.term })
        }
        var documentFrequency = [Int32](repeating: 0, count: termCount)
        for d in documents { for (term, _) in d { documentFrequency[term] += 1 } }
        // Unit TF-IDF vectors, sorted by term.
        let vectors: [[(term: Int, weight: Double)]] = documents.map { d in
            var v = d.map { (term: $0.term, weight: $0.count * log(Double(n) / Double(documentFrequency[$0.term]))) }
            let norm = v.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { for k in v.indices { v[k].weight /= norm } } else { v = [] }
            return v
        }
        // Postings of the rarer terms only: they propose the pairs.
        var postings = [[Int32]](repeating: [], count: termCount)
        for (i, d) in documents.enumerated() {
            for (term, _) in d where documentFrequency[term] > 1 && documentFrequency[term] <= Self.candidateDocumentFrequency {
                postings[term].append(Int32(i))
            }
        }
        let linked = links()
        var out = BoundedDiagnostics()
        var seenBy = [Int32](repeating: -1, count: n)
        var candidates: [Int] = []
        // Signal i's vector spread over every term, so that each candidate's dot product is one pass over
        // its own terms. The products are added in term order, as a merge of the two vectors would add them
        // (the other terms add exact zeros), so the cosines are the same to the last bit.
        var spread = [Double](repeating: 0, count: termCount)
        for i in 0..<n {
            candidates.removeAll(keepingCapacity: true)
            for (term, _) in documents[i] {
                for j in postings[term] where Int(j) > i && seenBy[Int(j)] != Int32(i) {
                    seenBy[Int(j)] = Int32(i)
                    candidates.append(Int(j))
                }
            }
            guard !candidates.isEmpty else { continue }
            candidates.sort()
            for (term, weight) in vectors[i] { spread[term] = weight }
            defer { for (term, _) in vectors[i] { spread[term] = 0 } }
            for j in candidates {
                var cosine = 0.0
                for (term, weight) in vectors[j] { cosine += spread[term] * weight }
                guard cosine >= Self.threshold else { continue }
                let a = signals[i], b = signals[j]
                if linked(a.id, b.id) || (a.domain == b.domain && a.canonicalName.lowercased() == b.canonicalName.lowercased()) { continue }
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
