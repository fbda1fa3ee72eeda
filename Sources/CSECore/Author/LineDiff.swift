/// A unified diff of two texts by lines (`--- a/path`, `+++ b/path`, `@@ -l,n +l,n @@` hunks with three lines of
/// context), computed with the standard library's `CollectionDifference`.
public enum LineDiff {
    public static func unified(_ old: String, _ new: String, path: String, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Which lines of each side are removed / inserted.
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides together into a list of (kind, text, lineA, lineB).
        enum Kind { case same, minus, plus }
        var rows: [(Kind, String, Int, Int)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                rows.append((.minus, a[i], i, j))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                rows.append((.plus, b[j], i, j))
                j += 1
            } else {
                if i < a.count, j < b.count { rows.append((.same, a[i], i, j)) }
                i += 1
                j += 1
            }
        }
        let changed = rows.indices.filter { rows[$0].0 != .same }
        guard !changed.isEmpty else { return "" }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var start = 0
        while start < changed.count {
            var end = start
            while end + 1 < changed.count, changed[end + 1] - changed[end] <= 2 * context + 1 { end += 1 }
            let lo = max(0, changed[start] - context), hi = min(rows.count - 1, changed[end] + context)
            let slice = rows[lo...hi]
            let oldCount = slice.filter { $0.0 != .plus }.count, newCount = slice.filter { $0.0 != .minus }.count
            let oldStart = slice.first.map { $0.2 + 1 } ?? 1, newStart = slice.first.map { $0.3 + 1 } ?? 1
            out += "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for row in slice {
                switch row.0 {
                case .same: out += " " + row.1 + "\n"
                case .minus: out += "-" + row.1 + "\n"
                case .plus: out += "+" + row.1 + "\n"
                }
            }
            start = end + 1
        }
        return out
    }

    /// The first line (1-based) where the two texts differ, for annotations.
    public static func firstDifference(_ old: String, _ new: String) -> Int {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < a.count, line < b.count, a[line] == b[line] { line += 1 }
        return line + 1
    }
}
