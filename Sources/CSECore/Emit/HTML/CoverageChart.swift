import CSEDiagnostics

/// The coverage view of a framework page: one horizontal bar per family, drawn as inline SVG.
///
/// No chart library and no script: the SVG has a `<title>` and `<desc>`, and every bar carries its numbers
/// as text, so the chart reads the same to a screen reader (the page also has the numbers as a table).
enum CoverageChart {
    static func svg(_ f: Coverage.FrameworkCoverage) -> String {
        let rowHeight = 26, labelWidth = 150, barWidth = 300, textWidth = 110
        let width = labelWidth + barWidth + textWidth
        let height = max(1, f.families.count) * rowHeight + 8
        var out = "<svg class=\"coverage-chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 \(width) \(height)\" "
        out += "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"chart-title\">Coverage of \(Escaping.markup(f.framework.name)) by family</title>"
        out += "<desc id=\"chart-desc\">Share of each family's controls that at least one signal maps to; "
        out += "\(f.tally.mapped) of \(f.tally.controls) controls overall.</desc>"
        for (i, family) in f.families.enumerated() {
            let y = 4 + i * rowHeight
            let share = family.tally.share
            let filled = Int((Double(barWidth) * share).rounded())
            let label = family.family.id.count > 18 ? String(family.family.id.prefix(17)) + "…" : family.family.id
            out += "<g><text class=\"chart-label\" x=\"0\" y=\"\(y + 17)\">\(Escaping.markup(label))</text>"
            out += "<rect class=\"chart-track\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(barWidth)\" height=\"16\" rx=\"3\"/>"
            if filled > 0 {
                out += "<rect class=\"chart-bar\" x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(filled)\" height=\"16\" rx=\"3\"/>"
            }
            out += "<text class=\"chart-value\" x=\"\(labelWidth + barWidth + 8)\" y=\"\(y + 17)\">"
            out += "\(Site.percent(share)) (\(family.tally.mapped)/\(family.tally.controls))</text></g>"
        }
        out += "</svg>"
        return out
    }
}
