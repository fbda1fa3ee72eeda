import CSEDiagnostics
import CSEYAML

/// The registry's rules beyond the schemas: identity, layout agreement, references and deprecation.
///
/// Each rule has a stable ID (`docs/diagnostics.md`) and a hint. Rules read the lenient model, so a
/// document with schema errors still takes part in cross-file checks.
struct RegistryRules {
    var signals: [Signal]
    var frameworks: [Framework]
    var mappings: [Mapping]
    /// Frameworks that are referenced by datasets but have no catalog here (existence cannot be checked).
    var frameworkAliases: [String: String] = [:]

    func run() -> [Diagnostic] {
        Array(Self.passes.map { $0(self) }.joined())
    }

    /// The independent passes over the model, in report order; the loader runs them side by side with
    /// the other rule families (a nested parallel loop would run on one thread).
    static let passes: [@Sendable (RegistryRules) -> [Diagnostic]] = [
        { $0.folderAgreement() }, { $0.uniqueness() }, { $0.deprecation() }, { $0.frameworkRules() }, { $0.mappingRules() },
    ]

    // MARK: - Signals

    /// An upper-case identifier token such as a domain or category code.
    static func isToken(_ s: String) -> Bool {
        guard let first = s.utf8.first, first >= 0x41, first <= 0x5A else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    func folderAgreement() -> [Diagnostic] {
        var out: [Diagnostic] = []
        for s in signals {
            if s.id != s.folder.id {
                out.append(
                    Diagnostic(
                        .signalIDMismatch, range: s.range(of: "id"),
                        summary: "signal ID '\(s.id)' does not match its folder name '\(s.folder.id)'",
                        hint: "a signal lives in signals/<DOMAIN>/<CATEGORY>/<ID>/; rename the folder or correct the ID"))
            }
            if !s.domain.isEmpty, s.domain != s.folder.domain {
                out.append(
                    Diagnostic(
                        .signalDomainMismatch, range: s.range(of: "domain"),
                        summary: "domain '\(s.domain)' does not match the folder 'signals/\(s.folder.domain)/'",
                        hint: "move the signal to signals/\(s.domain)/ or correct the domain field"))
            }
            if !s.category.isEmpty, s.category != s.folder.category {
                out.append(
                    Diagnostic(
                        .signalCategoryMismatch, range: s.range(of: "category"),
                        summary: "category '\(s.category)' does not match the folder '\(s.folder.category)'",
                        hint: "move the signal to signals/\(s.folder.domain)/\(s.category)/ or correct the category field"))
            }
            // Only when domain and category are well-formed tokens: a malformed category is already
            // reported by its schema and by the folder rule, and comparing it to the ID adds only noise.
            // Tokens hold no '-', so "CSE-<DOMAIN>-<CATEGORY>-" as a prefix is parts 1 and 2 agreeing.
            if s.id.hasPrefix("CSE-"), s.id.utf8.count(where: { $0 == UInt8(ascii: "-") }) >= 4,
                Self.isToken(s.domain), Self.isToken(s.category), !s.id.hasPrefix("CSE-\(s.domain)-\(s.category)-")
            {
                out.append(
                    Diagnostic(
                        .signalIDPrefix, range: s.range(of: "id"),
                        summary: "signal ID '\(s.id)' does not begin with 'CSE-\(s.domain)-\(s.category)-'",
                        hint: "the ID grammar is CSE-<DOMAIN>-<CATEGORY>-<NAME>-<NNN>, with DOMAIN and CATEGORY equal to the fields"))
            }
        }
        return out
    }

    func uniqueness() -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Indices, not copies: a Signal is large, and this walks every one.
        var firstByID: [String: Int] = [:]
        var firstBySerial: [String: Int] = [:]
        var firstByName: [String: Int] = [:]
        for i in signals.indices.sorted(by: { signals[$0].file < signals[$1].file }) {
            let s = signals[i]
            if let first = firstByID[s.id].map({ signals[$0] }) {
                out.append(
                    Diagnostic(
                        .signalDuplicateID, range: s.range(of: "id"),
                        summary: "signal ID '\(s.id)' is also defined in '\(first.file)'",
                        hint: "IDs are unique across the registry; give one of them a new serial or remove the copy",
                        notes: [.init(range: first.range(of: "id"), message: "first defined here")]))
            } else {
                firstByID[s.id] = i
            }
            if let serial = s.serial, !s.domain.isEmpty, !s.category.isEmpty {
                let key = "\(s.domain)/\(s.category)/\(serial)"
                if let first = firstBySerial[key].map({ signals[$0] }), first.id != s.id {
                    out.append(
                        Diagnostic(
                            .signalDuplicateSerial, range: s.range(of: "id"),
                            summary: "serial \(serial) of '\(s.id)' is already used by '\(first.id)' in \(s.domain)/\(s.category)",
                            hint: "serials are unique within a domain and category; take the next free serial",
                            notes: [.init(range: first.range(of: "id"), message: "'\(first.id)' uses it here")]))
                } else if firstBySerial[key] == nil {
                    firstBySerial[key] = i
                }
            }
            if !s.canonicalName.isEmpty {
                let key = "\(s.domain)/\(s.canonicalName.lowercased())"
                if let first = firstByName[key].map({ signals[$0] }), first.id != s.id {
                    out.append(
                        Diagnostic(
                            .signalDuplicateName, range: s.range(of: "canonical_name"),
                            summary: "canonical name '\(s.canonicalName)' is also used by '\(first.id)' in domain \(s.domain)",
                            hint: "two signals with one name usually describe one condition; merge them or make the names say how they differ",
                            notes: [.init(range: first.range(of: "canonical_name"), message: "also used here")]))
                } else if firstByName[key] == nil {
                    firstByName[key] = i
                }
            }
        }
        return out
    }

    func deprecation() -> [Diagnostic] {
        var out: [Diagnostic] = []
        var index: [String: Int] = [:]
        for (i, s) in signals.enumerated() where index[s.id] == nil { index[s.id] = i }
        func byID(_ id: String) -> Signal? { index[id].map { signals[$0] } }
        for s in signals {
            if let dep = s.deprecatedIn, let a = SemanticVersion(dep), let b = SemanticVersion(s.introducedIn), a < b {
                out.append(
                    Diagnostic(
                        .signalDeprecatedBeforeIntroduced, range: s.range(of: "deprecated_in"),
                        summary: "deprecated_in \(dep) is earlier than introduced_in \(s.introducedIn)",
                        hint: "a signal can only be deprecated in its introduction release or a later one"))
            }
            guard let replacement = s.replacedBy else { continue }
            if replacement == s.id {
                out.append(
                    Diagnostic(
                        .signalReplacedBySelf, range: s.range(of: "replaced_by"),
                        summary: "'\(s.id)' names itself as its replacement", hint: "point replaced_by at the signal that supersedes this one"))
                continue
            }
            guard let target = byID(replacement) else {
                let suggestion = Suggestions.closest(to: replacement, in: index.keys)
                out.append(
                    Diagnostic(
                        .signalUnknownReplacement, range: s.range(of: "replaced_by"),
                        summary: "replacement '\(replacement)' does not exist"
                            + Suggestions.didYouMean(suggestion),
                        hint: "replaced_by must name a signal in this registry"))
                continue
            }
            if target.status != .active {
                // Report a cycle once, at its smallest member; a chain into a deprecated signal elsewhere.
                var seen: [String] = [s.id]
                var current = target
                var cycle = false
                while let next = current.replacedBy, let n = byID(next) {
                    if seen.contains(current.id) { cycle = true; break }
                    seen.append(current.id)
                    current = n
                }
                if seen.contains(current.id) { cycle = true }
                if cycle {
                    if s.id == seen.min() {
                        out.append(
                            Diagnostic(
                                .signalReplacementCycle, range: s.range(of: "replaced_by"),
                                summary: "replacements form a cycle: \((seen + [s.id]).joined(separator: " → "))",
                                hint: "a replacement chain must end at an active signal"))
                    }
                } else {
                    out.append(
                        Diagnostic(
                            .signalReplacementNotActive, range: s.range(of: "replaced_by"),
                            summary: "replacement '\(replacement)' is itself deprecated",
                            hint: current.status == .active
                                ? "point replaced_by at '\(current.id)', the active end of the chain"
                                : "a replacement must be an active signal"))
                }
            }
        }
        return out
    }

    // MARK: - Frameworks

    /// Longest framework code: two codes and `--` must fit a 255-byte file name (a crosswalk page).
    static let maximumFrameworkCodeBytes = 64

    func frameworkRules() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let codes = Set(frameworks.map(\.code))
        for f in frameworks {
            let folderCode = f.file.split(separator: "/").dropFirst().first.map(String.init) ?? f.code
            if f.code != folderCode {
                out.append(
                    Diagnostic(
                        .frameworkCodeMismatch, range: SourceRange(file: f.file, span: .fileStart),
                        summary: "framework code '\(f.code)' does not match its folder 'frameworks/\(folderCode)/'",
                        hint: "the folder name is the code mappings use; make them equal"))
            }
            if f.code.utf8.count > Self.maximumFrameworkCodeBytes {
                out.append(
                    Diagnostic(
                        .frameworkCodeTooLong, range: SourceRange(file: f.file, span: .fileStart),
                        summary: "framework code '\(f.code.prefix(40))…' is longer than \(Self.maximumFrameworkCodeBytes) characters",
                        hint: "codes name folders and files (a crosswalk page joins two); use a short code such as 'NIST80053'"))
            }
            if let base = f.basedOn, !codes.contains(base) {
                out.append(
                    Diagnostic(
                        .frameworkUnknownBase, range: .file(f.file),
                        summary: "based_on names '\(base)', which has no catalog in frameworks/",
                        hint: "add frameworks/\(base)/ or remove based_on"))
            }
            var seen: [String: Control] = [:]
            // Control IDs name pages and files: two that differ only in letter case would be one file on
            // case-insensitive file systems (and a collision the build refuses without a position).
            var folded: [String: Control] = [:]
            for c in f.controls {
                if let first = seen[c.id] {
                    out.append(
                        Diagnostic(
                            .controlDuplicateID, range: c.range,
                            summary: "control '\(c.id)' appears twice in \(f.code)",
                            hint: "each control ID appears once in a catalog",
                            notes: [.init(range: first.range, message: "first listed here")]))
                } else {
                    seen[c.id] = c
                    if let first = folded[c.id.lowercased()] {
                        out.append(
                            Diagnostic(
                                .controlCaseCollision, range: c.range,
                                summary: "control '\(c.id)' differs from '\(first.id)' only in letter case",
                                hint: "control IDs name published files, which case-insensitive file systems would merge; keep one spelling",
                                notes: [.init(range: first.range, message: "the other spelling")]))
                    } else {
                        folded[c.id.lowercased()] = c
                    }
                }
            }
            for c in f.controls {
                if let parent = c.parent, seen[parent] == nil {
                    let suggestion = Suggestions.closest(to: parent, in: seen.keys)
                    out.append(
                        Diagnostic(
                            .controlUnknownParent, range: c.range,
                            summary: "parent '\(parent)' of control '\(c.id)' is not in the \(f.code) catalog"
                                + Suggestions.didYouMean(suggestion),
                            hint: "parent must name another control of the same framework"))
                }
            }
        }
        return out
    }

    // MARK: - Mappings

    func mappingRules() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let frameworkByCode = Dictionary(frameworks.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let signalIDs = Set(signals.map(\.id))
        // The scope rule: a signal of one regime maps to another regime's control only as `related`.
        let regimeByDomain = Dictionary(frameworks.filter { $0.regimeScope != nil }.map { ($0.domain, $0) }, uniquingKeysWith: { a, _ in a })
        let domainBySignal = Dictionary(signals.map { ($0.id, $0.domain) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: Int] = [:]
        var controlIndexes: [String: SuggestionIndex] = [:]
        var signalIndex: SuggestionIndex?
        for (i, m) in mappings.enumerated() {
            if let first = seen[m.id].map({ mappings[$0] }) {
                out.append(
                    Diagnostic(
                        .mappingDuplicate, range: m.range,
                        summary: "mapping '\(m.id)' is listed twice",
                        hint: "keep one entry per target; merge their justifications",
                        notes: [.init(range: first.range, message: "first listed here")]))
                continue
            }
            seen[m.id] = i
            switch m.target {
            case .control(let code, let controlID):
                guard let framework = frameworkByCode[code] else {
                    let suggestion = Suggestions.closest(to: code, in: frameworkByCode.keys)
                    out.append(
                        Diagnostic(
                            .mappingUnknownFramework, range: m.frameworkRange ?? m.range,
                            summary: "framework '\(code)' has no catalog in frameworks/"
                                + Suggestions.didYouMean(suggestion),
                            hint: "known frameworks: \(frameworkByCode.keys.sorted().joined(separator: ", "))"))
                    continue
                }
                guard let control = framework.control(controlID) else {
                    if controlIndexes[code] == nil { controlIndexes[code] = SuggestionIndex(framework.controls.map(\.id)) }
                    let suggestion = controlIndexes[code]?.closest(to: controlID)
                    out.append(
                        Diagnostic(
                            .mappingUnknownControl, range: m.range,
                            summary: "control '\(controlID)' does not exist in \(code)"
                                + Suggestions.didYouMean(suggestion),
                            hint: "use a control ID exactly as frameworks/\(code)/controls.yaml writes it"))
                    continue
                }
                if let scope = framework.regimeScope, m.relationship != .related, let domain = domainBySignal[m.source],
                    let own = regimeByDomain[domain], own.code != framework.code, framework.domain != domain
                {
                    out.append(
                        Diagnostic(
                            .mappingCrossRegime, range: m.range,
                            summary:
                                "'\(m.source)' is scoped to \(own.code) (\(own.regimeScope ?? "")), but claims \(m.relationship.rawValue) with \(code) '\(controlID)', "
                                + "which is scoped to \(scope)",
                            hint: "map it as related, or put the mapping on the signal's GEN parent (docs/authoring.md, the scope rule)"))
                }
                if control.withdrawn {
                    out.append(
                        Diagnostic(
                            .mappingWithdrawnControl, range: m.range,
                            summary: "control '\(controlID)' of \(code) is withdrawn",
                            hint: "map to the control that incorporated it"))
                }
            case .signal(let other):
                if other == m.source {
                    out.append(
                        Diagnostic(
                            .mappingSelfReference, range: m.range, summary: "'\(m.source)' is mapped to itself",
                            hint: "an equivalence mapping links two different signals"))
                } else if !signalIDs.contains(other) {
                    if signalIndex == nil { signalIndex = SuggestionIndex(signalIDs) }
                    let suggestion = signalIndex?.closest(to: other)
                    out.append(
                        Diagnostic(
                            .mappingUnknownSignal, range: m.range,
                            summary: "signal '\(other)' does not exist" + Suggestions.didYouMean(suggestion),
                            hint: "an equivalence mapping must name a signal in this registry"))
                }
            }
        }
        return out
    }
}
