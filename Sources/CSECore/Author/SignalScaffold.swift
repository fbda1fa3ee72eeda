import CSEDiagnostics
import CSEYAML

/// What `cse new signal` writes: a signal folder with the next free serial, whose every field still to write
/// is a placeholder that `cse validate` names (docs/authoring.md "Starting a signal").
///
/// Text fields hold `TODO:` lines (`text.placeholder`); the metadata that only the author can choose is left
/// out (`signal.incomplete-metadata` lists it) and `mappings: []` waits for the first mapping
/// (`signal.unmapped`). With `--like`, the tags, metadata and mappings of a similar signal are copied, each
/// copied justification turned into a placeholder that names where it came from, so none is published
/// unread.
public struct SignalScaffold: Sendable {
    public struct Request: Sendable {
        public var domain: String
        public var category: String
        public var name: String
        public var like: String?
        /// Allows a category the domain does not have yet.
        public var newCategory: Bool

        public init(domain: String, category: String, name: String, like: String? = nil, newCategory: Bool = false) {
            self.domain = domain
            self.category = category
            self.name = name
            self.like = like
            self.newCategory = newCategory
        }
    }

    /// Why a request cannot be carried out: a usage error, with the reason.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// The new signal: its ID, folder and files (root-relative path, text), and what to do next.
    public struct Plan: Sendable {
        public var id: String
        public var folder: String
        public var files: [(path: String, text: String)]
        public var nextSteps: [String]
    }

    /// The domains the signal schema allows.
    public var domains: [String]
    /// The registry as loaded (even with errors elsewhere): its signals give the categories and serials.
    public var signals: [Signal]
    public var mappings: [Mapping]
    /// Every signal ID the registry ever published: a serial is never given twice, even after a removal.
    public var publishedIDs: Set<String>
    /// The version the next release will have: what `introduced_in` must say.
    public var nextVersion: String
    /// The editor schema the modeline names, relative to the registry root (docs/editors.md).
    public var editorSchema = "editor/schemas/signal.schema.json"

    public init(domains: [String], signals: [Signal], mappings: [Mapping], publishedIDs: Set<String>, nextVersion: String) {
        self.domains = domains
        self.signals = signals
        self.mappings = mappings
        self.publishedIDs = publishedIDs
        self.nextVersion = nextVersion
    }

    /// The serial width the ID pattern asks for at least (`NNN`).
    static let serialWidth = 3

    public func plan(_ request: Request) throws -> Plan {
        let domain = request.domain.uppercased()
        guard domains.contains(domain) else {
            let suggestion = Suggestions.closest(to: domain, in: domains)
            throw Refusal(
                description: "unknown domain '\(request.domain)'\(Suggestions.didYouMean(suggestion)); domains are \(domains.joined(separator: ", "))")
        }
        let category = request.category.uppercased()
        guard category.utf8.count <= 24, let first = category.utf8.first, Self.isUpper(first), category.utf8.allSatisfy(Self.isUpperOrDigit) else {
            throw Refusal(description: "category '\(request.category)' is not a category name: a letter, then letters and digits, at most 24")
        }
        let categories = Set(signals.filter { $0.domain == domain }.map(\.category))
        if !categories.contains(category) && !request.newCategory {
            let suggestion = Suggestions.closest(to: category, in: categories)
            throw Refusal(
                description: "\(domain) has no category '\(category)'\(Suggestions.didYouMean(suggestion)); "
                    + (categories.isEmpty ? "it has none yet" : "it has \(categories.sorted().joined(separator: ", "))")
                    + "; pass --new-category to start one")
        }
        let name = try Self.normalizedName(request.name)
        var like: Signal?
        if let wanted = request.like {
            guard let found = signals.first(where: { $0.id == wanted.uppercased() }) else {
                let suggestion = Suggestions.closest(to: wanted.uppercased(), in: signals.map(\.id))
                throw Refusal(description: "--like names no signal: '\(wanted)'\(Suggestions.didYouMean(suggestion))")
            }
            like = found
        }
        let prefix = "CSE-\(domain)-\(category)-"
        var highest = 0
        for id in signals.map(\.id) + publishedIDs where id.hasPrefix(prefix) {
            if let serial = Self.serial(of: id) { highest = max(highest, serial) }
        }
        let serial = String(highest + 1)
        let id = prefix + name + "-" + String(repeating: "0", count: max(0, Self.serialWidth - serial.count)) + serial
        if let taken = signals.first(where: { $0.id.hasPrefix(prefix + name + "-") && $0.id != id }) {
            throw Refusal(description: "'\(taken.id)' already has the name \(name) in \(domain)/\(category); choose another name, or edit that signal")
        }
        let folder = "signals/\(domain)/\(category)/\(id)"
        let files = [
            (folder + "/signal.yaml", signalText(id: id, domain: domain, category: category, like: like)),
            (folder + "/mappings.yaml", mappingsText(like: like)),
            (folder + "/README.md", readmeText(id: id)),
        ]
        var next = [
            "write the TODO lines of \(folder)/signal.yaml: canonical_name, description, applicability"
                + (like == nil ? ", detection_notes" : ", detection_notes (copied metadata: check it)")
        ]
        if like == nil {
            next.append("add the metadata cse validate names: suggested_severity, risk_domains, artifact_types and sources")
            next.append("add the controls it bears on to \(folder)/mappings.yaml (docs/authoring.md)")
        } else {
            next.append("check each mapping copied into \(folder)/mappings.yaml and write its own justification")
        }
        next.append("write \(folder)/README.md, or delete it")
        next.append("run `cse validate \(folder)` until it is clean")
        return Plan(id: id, folder: folder, files: files, nextSteps: next)
    }

    // MARK: - Files

    private func signalText(id: String, domain: String, category: String, like: Signal?) -> String {
        var members: [(String, YAMLValue)] = [
            ("id", .string(id)),
            ("canonical_name", .string("TODO: a short name for the condition, in title case")),
            ("description", .string("TODO: what is observable, in one or two sentences; no remediation, severity or tool names.")),
            ("domain", .string(domain)),
            ("category", .string(category)),
            ("applicability", .string("TODO: who and which systems this condition concerns.")),
            ("introduced_in", .string(nextVersion)),
            ("status", .string("active")),
        ]
        let detection = YAMLValue.string("TODO: the evidence that proves it: an API call, configuration key, resource attribute or log event.")
        if let like {
            if !like.tags.isEmpty { members.append(("tags", .flowList(like.tags.map(YAMLValue.string)))) }
            var metadata: [(String, YAMLValue)] = []
            let m = like.metadata
            if let severity = m?.suggestedSeverity { metadata.append(("suggested_severity", .string(severity.rawValue))) }
            if let values = m?.riskDomains, !values.isEmpty { metadata.append(("risk_domains", .flowList(values.map(YAMLValue.string)))) }
            if let values = m?.artifactTypes, !values.isEmpty { metadata.append(("artifact_types", .flowList(values.map(YAMLValue.string)))) }
            metadata.append(("detection_notes", detection))
            if let sources = m?.sources, !sources.isEmpty {
                metadata.append(
                    (
                        "sources",
                        .list(
                            sources.map { s in
                                .map(
                                    [("url", .string(s.url)), ("type", .string(s.type)), ("title", .string(s.title))]
                                        + (s.authority.map { [("authority", YAMLValue.string($0))] } ?? [])
                                        + (s.section.map { [("section", YAMLValue.string($0))] } ?? []))
                            })
                    ))
            }
            members.append(("metadata", .map(metadata)))
        } else {
            members.append(("metadata", .map([("detection_notes", detection)])))
        }
        var text = "# yaml-language-server: $schema=\(Self.relative(from: "signals/\(domain)/\(category)/\(id)", to: editorSchema))\n"
        if let like { text += "# Started from \(like.id) (cse new signal --like): its tags, metadata and sources are copied.\n" }
        text += YAMLEmitter.emit(.map(members))
        if like == nil {
            text += """
                # Still to write under metadata (cse validate names each):
                #   suggested_severity: critical, high, medium, low or info
                #   risk_domains: [kebab-case words, such as access-control]
                #   artifact_types: [\(Self.artifactTypes)]
                #   sources: a list of {url, type, title, authority, section}

                """
        }
        return text
    }

    private static let artifactTypes =
        "cloud_resource, configuration, source_code, iac, container_image, ci_pipeline, identity_provider, endpoint, network, database, log_stream, document, process_record"

    private func mappingsText(like: Signal?) -> String {
        let copied = like.map { s in mappings.filter { $0.source == s.id } } ?? []
        guard let like, !copied.isEmpty else {
            return """
                # The controls this signal bears on (docs/authoring.md "A signal folder"). For example:
                #   - framework: NIST80053
                #     control: SC-28(1)
                #     relationship: subset
                #     provenance: expert
                #     confidence: 0.85
                #     justification: Unencrypted storage is one way the control's requirement goes unmet.
                mappings: []

                """
        }
        let items: [YAMLValue] = copied.map { m in
            var members: [(String, YAMLValue)] = []
            switch m.target {
            case .control(let framework, let control):
                members += [("framework", .string(framework)), ("control", .string(control))]
            case .signal(let other):
                members += [("signal", .string(other))]
            }
            members += [("relationship", .string(m.relationship.rawValue)), ("provenance", .string(m.provenance.rawValue))]
            if let confidence = m.confidence { members.append(("confidence", .double(confidence))) }
            let original = m.justification ?? ""
            let note = "TODO: say why for this signal (from \(like.id): \(original))"
            members.append(("justification", .string(note.count > 400 ? String(note.prefix(399)) + "…" : note)))
            return .map(members)
        }
        return "# Copied from \(like.id): keep only the mappings that hold for this signal.\n"
            + YAMLEmitter.emit(.map([("mappings", .list(items))]))
    }

    private func readmeText(id: String) -> String {
        """
        # \(id)

        TODO: what the condition is and why it matters, for the engineer who receives a finding tagged with this ID.

        ## Detecting it

        TODO: the evidence, step by step: the API call or configuration key to read, the value that shows the condition, and the tool rules that report it.

        ## Resolving it

        TODO: how to remove the condition, and how to confirm it is gone.

        """
    }

    // MARK: - Names and serials

    /// `no mfa for admins` → `NO-MFA-FOR-ADMINS`; letters, digits, spaces, hyphens and underscores only.
    static func normalizedName(_ raw: String) throws -> String {
        var words: [String] = []
        var current = ""
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": current.unicodeScalars.append(scalar)
            case " ", "-", "_", "\t":
                if !current.isEmpty { words.append(current.uppercased()) }
                current = ""
            default:
                throw Refusal(description: "the name '\(raw)' has '\(scalar)', which an ID cannot hold: use letters, digits and hyphens")
            }
        }
        if !current.isEmpty { words.append(current.uppercased()) }
        guard !words.isEmpty else { throw Refusal(description: "the name is empty: say the condition in a few words, such as NO-MFA-FOR-ADMINS") }
        let name = words.joined(separator: "-")
        guard name.utf8.count <= 80 else { throw Refusal(description: "the name '\(name)' is \(name.utf8.count) characters: keep it under 80") }
        if words.count > 1, let last = words.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw Refusal(description: "the name '\(name)' ends in a number, which would read as the serial: cse new adds the serial itself")
        }
        return name
    }

    static func serial(of id: String) -> Int? {
        guard let dash = id.lastIndex(of: "-") else { return nil }
        let digits = id[id.index(after: dash)...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(digits)
    }

    static func relative(from folder: String, to path: String) -> String {
        String(repeating: "../", count: folder.split(separator: "/").count) + path
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    private static func isUpperOrDigit(_ b: UInt8) -> Bool { isUpper(b) || (b >= 0x30 && b <= 0x39) }
}
