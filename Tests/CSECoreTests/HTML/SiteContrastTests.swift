import Foundation
import Testing

/// WCAG 2 contrast of the stylesheet's text colours, computed from its custom properties in both themes.
@Suite struct SiteContrastTests {
    /// Text colour / background pairs the stylesheet uses.
    static let pairs: [(String, String)] = [
        ("--fg", "--bg"), ("--muted", "--bg"), ("--link", "--bg"), ("--fg", "--surface"), ("--muted", "--surface"),
        ("--link", "--surface"), ("--header-fg", "--header-bg"), ("--header-muted", "--header-bg"), ("--notice-fg", "--notice-bg"),
        ("--sev-critical-fg", "--sev-critical-bg"), ("--sev-high-fg", "--sev-high-bg"), ("--sev-medium-fg", "--sev-medium-bg"),
        ("--sev-low-fg", "--sev-low-bg"), ("--sev-info-fg", "--sev-info-bg"), ("--sev-unspecified-fg", "--sev-unspecified-bg"),
        ("--sev-critical-fg", "--bg"),
    ]

    static func properties(_ block: Substring) -> [String: String] {
        var out: [String: String] = [:]
        for m in block.matches(of: /(--[a-z-]+):\s*(#[0-9a-fA-F]{6})/) { out[String(m.1)] = String(m.2) }
        return out
    }

    static func luminance(_ hex: String) -> Double {
        let v = Int(hex.dropFirst(), radix: 16)!
        func channel(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(v >> 16 & 255) + 0.7152 * channel(v >> 8 & 255) + 0.0722 * channel(v & 255)
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func contrastFormulaMatchesWCAG() {
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.001)
        #expect(abs(Self.contrast("#777777", "#ffffff") - 4.48) < 0.01)
    }

    @Test func textColoursReachAAInBothThemes() throws {
        let css = try String(contentsOf: TestRegistry.repositoryRoot.appendingPathComponent("templates/assets/site.css"), encoding: .utf8)
        let light = try #require(css.firstRange(of: ":root {")), dark = try #require(css.firstRange(of: "@media (prefers-color-scheme: dark)"))
        let lightVars = Self.properties(css[light.upperBound..<dark.lowerBound])
        let darkVars = lightVars.merging(Self.properties(css[dark.upperBound...].prefix(3000)), uniquingKeysWith: { _, d in d })
        var failures: [String] = []
        for (theme, vars) in [("light", lightVars), ("dark", darkVars)] {
            for (fg, bg) in Self.pairs {
                let f = try #require(vars[fg], "\(fg) missing"), b = try #require(vars[bg], "\(bg) missing")
                let ratio = Self.contrast(f, b)
                if ratio < 4.5 { failures.append("\(theme): \(fg) on \(bg) is \(String(format: "%.2f", ratio)):1") }
            }
        }
        #expect(darkVars["--bg"] != lightVars["--bg"])
        #expect(failures.isEmpty, "\(failures)")
    }
}
