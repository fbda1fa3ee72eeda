import Foundation

/// How much of each framework the registry's signals reach (docs/compute.md §5).
///
/// A control is *mapped* when at least one active mapping names it directly (any relationship, `related`
/// included). Withdrawn controls are listed but left out of every count and share.
public struct Coverage: Sendable {
    public struct ControlCoverage: Sendable, Hashable {
        public var control: Control
        public var signalCount: Int
        public var strongest: Relationship?
        public var mapped: Bool { signalCount > 0 }
    }

    public struct Tally: Sendable, Hashable {
        public var controls = 0
        public var mapped = 0
        /// mapped / controls, 0 when there are no controls; rounded to four decimals.
        public var share: Double { controls == 0 ? 0 : CrosswalkDeriver.round(Double(mapped) / Double(controls)) }

        mutating func add(_ c: ControlCoverage) {
            guard !c.control.withdrawn else { return }
            controls += 1
            if c.mapped { mapped += 1 }
        }
    }

    public struct FamilyCoverage: Sendable, Hashable {
        public var family: ControlFamily
        public var tally: Tally
        public var controls: [ControlCoverage]
    }

    public struct FrameworkCoverage: Sendable, Hashable {
        public var framework: Framework
        public var tally: Tally
        /// Controls of families marked `technical: true`.
        public var technical: Tally
        public var families: [FamilyCoverage]
        public var signalCount: Int
        public var mappingCount: Int
        public var withdrawnCount: Int
    }

    public var frameworks: [FrameworkCoverage]

    public init(registry: Registry, index: MappingIndex) {
        frameworks = registry.frameworks.map { fw in
            var total = Tally(), technical = Tally()
            var signals = Set<String>()
            var mappingCount = 0
            let families = fw.families.map { family in
                var tally = Tally()
                let controls = family.controlIDs.compactMap(fw.control).map { control in
                    let mappings = index.mappings(to: ControlKey(fw.code, control.id))
                    mappingCount += mappings.count
                    signals.formUnion(mappings.map(\.source))
                    let c = ControlCoverage(
                        control: control, signalCount: Set(mappings.map(\.source)).count, strongest: mappings.map(\.relationship).min())
                    tally.add(c)
                    total.add(c)
                    if family.technical { technical.add(c) }
                    return c
                }
                return FamilyCoverage(family: family, tally: tally, controls: controls)
            }
            return FrameworkCoverage(
                framework: fw, tally: total, technical: technical, families: families, signalCount: signals.count,
                mappingCount: mappingCount, withdrawnCount: fw.controls.filter(\.withdrawn).count)
        }
    }

    /// The text report of `cse coverage --format text`.
    public func text() -> String {
        var out = ""
        func pct(_ t: Tally) -> String { t.controls == 0 ? "   -  " : String(format: "%5.1f%%", t.share * 100) }
        for fw in frameworks {
            out +=
                "\(fw.framework.code) \(fw.framework.name): \(fw.tally.mapped)/\(fw.tally.controls) controls mapped (\(pct(fw.tally).trimmingCharacters(in: .whitespaces)))"
            if fw.technical.controls > 0 {
                out += ", technical families \(fw.technical.mapped)/\(fw.technical.controls) (\(pct(fw.technical).trimmingCharacters(in: .whitespaces)))"
            }
            out += "\n"
            let width = fw.families.map(\.family.id.count).max() ?? 0
            for f in fw.families {
                let id = f.family.id.padding(toLength: width, withPad: " ", startingAt: 0)
                out += "  \(id)  \(pct(f.tally))  \(f.tally.mapped)/\(f.tally.controls)\(f.family.technical ? "  technical" : "")  \(f.family.title)\n"
            }
        }
        return out
    }
}

/// Registry totals and per-domain, per-category signal statistics (docs/compute.md §5).
public struct RegistryStatistics: Sendable {
    public struct Group: Sendable, Hashable {
        public var name: String
        public var signalCount = 0
        public var active = 0
        public var deprecated = 0
        /// Suggested severities (`unspecified` when a signal gives none).
        public var severities: [String: Int] = [:]
        public var categories: [Group] = []

        mutating func add(_ s: Signal) {
            signalCount += 1
            if s.status == .active { active += 1 } else { deprecated += 1 }
            severities[s.metadata?.suggestedSeverity?.rawValue ?? "unspecified", default: 0] += 1
        }
    }

    public var totals: Group
    public var domains: [Group]
    public var frameworkCount: Int
    public var controlCount: Int
    public var controlMappings: Int
    public var equivalenceMappings: Int
    public var signalsMapped: Int
    public var declaredCrosswalkRows: Int
    public var derivedCrosswalkLinks: Int
    public var transitiveCrosswalkLinks: Int

    public init(registry: Registry, crosswalks: CrosswalkSet) {
        var totals = Group(name: "registry")
        var domains: [String: Group] = [:]
        var categories: [String: [String: Group]] = [:]
        for s in registry.signals {
            totals.add(s)
            domains[s.domain, default: Group(name: s.domain)].add(s)
            categories[s.domain, default: [:]][s.category, default: Group(name: s.category)].add(s)
        }
        self.totals = totals
        self.domains = domains.keys.sorted().map { d in
            var g = domains[d]!
            g.categories = categories[d]!.keys.sorted().map { categories[d]![$0]! }
            return g
        }
        frameworkCount = registry.frameworks.count
        controlCount = registry.frameworks.reduce(0) { $0 + $1.controls.count }
        var control = 0, equivalence = 0
        var mapped = Set<String>()
        for m in registry.mappings {
            if case .control = m.target { control += 1; mapped.insert(m.source) } else { equivalence += 1 }
        }
        controlMappings = control
        equivalenceMappings = equivalence
        signalsMapped = mapped.count
        declaredCrosswalkRows = crosswalks.declared.count
        derivedCrosswalkLinks = crosswalks.derived.count
        transitiveCrosswalkLinks = crosswalks.transitive.count
    }
}
