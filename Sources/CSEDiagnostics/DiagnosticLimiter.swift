/// Bounds how many diagnostics of one ID one file reports.
///
/// A hostile or broken file can hold hundreds of thousands of the same mistake (a megabyte of unknown
/// keys); listing them all costs memory and buries the first, useful ones. The first ``defaultLimit`` of
/// each ID in each file are kept, and one more diagnostic of the same ID and severity, at the first omitted
/// position, says how many were left out ("and 456,000 more schema.additional-property errors in this
/// file"). It carries the count in ``Diagnostic/omittedCount``, so summaries still count every problem and
/// limiting twice gives the same result. Severity flags (`--Wnone`, `--Werror`) apply to it as to the rest.
public enum DiagnosticLimiter {
    public static let defaultLimit = 100

    private struct Key: Hashable {
        var file: String?
        var id: DiagnosticID
    }

    /// Limits diagnostics that are in print order; the result is in print order.
    public static func limit(_ diagnostics: [Diagnostic], perFileAndID limit: Int = defaultLimit) -> [Diagnostic] {
        var counts: [Key: Int] = [:]
        var needsLimit = false
        for d in diagnostics {
            let key = Key(file: d.range?.file, id: d.id)
            counts[key, default: 0] += 1
            if counts[key]! > limit || d.omittedCount > 0 { needsLimit = true }
        }
        guard needsLimit else { return diagnostics }
        var kept: [Key: Int] = [:]
        var omitted: [Key: (first: Diagnostic, count: Int)] = [:]
        var out: [Diagnostic] = []
        out.reserveCapacity(min(diagnostics.count, counts.count * (limit + 1)))
        for d in diagnostics {
            let key = Key(file: d.range?.file, id: d.id)
            if d.omittedCount == 0, kept[key, default: 0] < limit {
                kept[key, default: 0] += 1
                out.append(d)
                continue
            }
            let count = d.omittedCount > 0 ? d.omittedCount : 1
            if let existing = omitted[key] {
                omitted[key] = (existing.first, existing.count + count)
            } else {
                omitted[key] = (d, count)
            }
        }
        for (_, entry) in omitted {
            out.append(closingLine(for: entry.first, count: entry.count, limit: limit))
        }
        out.sort(by: Diagnostic.printOrder)
        return out
    }

    public static func closingLine(for first: Diagnostic, count: Int, limit: Int) -> Diagnostic {
        let noun = first.severity == .note ? "note" : first.severity.description
        var d = Diagnostic(
            id: first.id, severity: first.severity, range: first.range,
            summary: "and \(grouped(count)) more \(first.id) \(noun)\(count == 1 ? "" : "s") in this file",
            hint: "only the first \(limit) of each kind are listed per file; fix those and run again")
        d.omittedCount = count
        return d
    }

    /// `456000` → `456,000`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

/// One rule's diagnostics for one file, bounded where they are made: the first `limit` of each ID are kept,
/// the rest only counted, so that a file with a million offending lines costs a counter, not a million
/// diagnostics. ``finish()`` adds the closing lines ``DiagnosticLimiter`` would.
public struct BoundedDiagnostics {
    public let limit: Int
    private var kept: [Diagnostic] = []
    private var counts: [DiagnosticID: Int] = [:]
    private var omitted: [DiagnosticID: (first: Diagnostic, count: Int)] = [:]

    public init(limit: Int = DiagnosticLimiter.defaultLimit) { self.limit = limit }

    /// Adds a diagnostic of `kind`; `make` (handed the kind) runs only for those kept, and for the first
    /// omitted one, for its place.
    public mutating func append(_ kind: DiagnosticKind, _ make: (DiagnosticKind) -> Diagnostic) {
        let id = kind.id
        let count = counts[id, default: 0]
        if count < limit {
            counts[id] = count + 1
            kept.append(make(kind))
        } else if let entry = omitted[id] {
            omitted[id] = (entry.first, entry.count + 1)
        } else {
            omitted[id] = (make(kind), 1)
        }
    }

    public var isEmpty: Bool { kept.isEmpty && omitted.isEmpty }

    /// The kept diagnostics and one closing line per ID that had more.
    public func finish() -> [Diagnostic] {
        kept
            + omitted.values.map { DiagnosticLimiter.closingLine(for: $0.first, count: $0.count, limit: limit) }
            .sorted(by: Diagnostic.printOrder)
    }
}
