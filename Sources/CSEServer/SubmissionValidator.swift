public import CSECore
import CSEDiagnostics
import CSEYAML

/// Validates submitted signal and mapping documents the way `cse validate` would if they were in the
/// registry (`POST /v1/validate`, `/v1/validate/batch`): each is put at its place in the registry's tree
/// through an ``OverlayFileSystem``, the whole registry is loaded with every rule, and the diagnostics of the
/// submitted files are returned. Nothing is written.
public struct SubmissionValidator: Sendable {
    public var fileSystem: any FileSystem
    public var schemas: SchemaCatalog

    public init(fileSystem: any FileSystem, schemas: SchemaCatalog) {
        self.fileSystem = fileSystem
        self.schemas = schemas
    }

    /// One submitted document.
    public struct Submission: Sendable {
        public enum Kind: String, Sendable, CaseIterable {
            case signal, mappings
        }

        public var kind: Kind
        public var bytes: [UInt8]
        public var format: DocumentFormat
        /// For a mappings file: the signal whose folder it belongs in.
        public var signal: String?

        public init(kind: Kind, bytes: [UInt8], format: DocumentFormat, signal: String? = nil) {
            self.kind = kind
            self.bytes = bytes
            self.format = format
            self.signal = signal
        }
    }

    /// What one submission gives: the path it was validated at and its diagnostics.
    public struct Outcome: Sendable {
        public var path: String
        public var diagnostics: [Diagnostic]
        public var valid: Bool { !diagnostics.containsErrors }
    }

    /// Placeholder path of a document that names no place of its own (its diagnostics name it).
    static let unplaced = "submitted"

    /// Why a request's documents cannot be validated at all (the server answers 422).
    public struct Refusal: Error, Sendable {
        /// The document's position in the request.
        public var index: Int
        public var message: String
    }

    /// Where a submission goes: a path in the registry, or nowhere with the diagnostics that say why
    /// (it does not parse, or its schema already fails on the fields that would place it).
    enum Placement {
        case path(String)
        case diagnosed([Diagnostic])
        case refused(String)
    }

    /// Validates every submission in one load of the registry; outcomes are in submission order.
    public func validate(_ submissions: [Submission], registry: Registry) throws(Refusal) -> [Outcome] {
        var placed: [String: [UInt8]] = [:]
        var outcomes: [Outcome?] = Array(repeating: nil, count: submissions.count)
        var paths: [String?] = Array(repeating: nil, count: submissions.count)
        for (i, submission) in submissions.enumerated() {
            switch place(submission, registry: registry) {
            case .diagnosed(let diagnostics): outcomes[i] = Outcome(path: Self.unplaced, diagnostics: diagnostics)
            case .refused(let message): throw Refusal(index: i, message: message)
            case .path(let path):
                guard placed[path] == nil else {
                    throw Refusal(index: i, message: "another document of this request has the same place in the registry (\(path))")
                }
                placed[path] = submission.bytes
                paths[i] = path
            }
        }
        guard !placed.isEmpty else { return outcomes.map { $0! } }
        let overlay = OverlayFileSystem(base: fileSystem, files: placed)
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try RegistryLoader(fileSystem: overlay, schemas: schemas).load().diagnostics
        } catch {
            throw Refusal(index: 0, message: "the registry could not be loaded: \(error)")
        }
        var byFile: [String: [Diagnostic]] = [:]
        for d in diagnostics { if let file = d.range?.file, placed[file] != nil { byFile[file, default: []].append(d) } }
        for i in submissions.indices where outcomes[i] == nil {
            let path = paths[i]!
            outcomes[i] = Outcome(path: path, diagnostics: byFile[path] ?? [])
        }
        return outcomes.map { $0! }
    }

    /// Where a submission belongs: `signals/<domain>/<category>/<id>/signal.yaml` (or `.json`, whichever the
    /// signal's folder already has; YAML reads JSON) for a signal, its signal's `mappings.yaml` for mappings.
    func place(_ submission: Submission, registry: Registry) -> Placement {
        let (node, found) = DocumentLoader.load(submission.bytes, path: Self.unplaced, format: submission.format)
        guard let node, !found.containsErrors else { return .diagnosed(found) }
        switch submission.kind {
        case .signal:
            let fields = ["domain", "category", "id"].compactMap { node[$0]?.string }
            guard fields.count == 3, fields.allSatisfy(Self.isComponent) else {
                // Without the fields that place it, only its schema can be checked.
                let problems = schemas.validate(node, schema: "signal.schema.json", file: Self.unplaced)
                return problems.containsErrors ? .diagnosed(problems) : .refused("the signal's id, domain and category must each be a folder name")
            }
            let folder = "signals/" + fields.joined(separator: "/")
            let json = folder + "/signal.json"
            return .path(fileSystem.kind(of: json) == .file && fileSystem.kind(of: folder + "/signal.yaml") == nil ? json : folder + "/signal.yaml")
        case .mappings:
            guard let id = submission.signal, let signal = registry.signal(id) else {
                return .refused("a mappings document is validated in its signal's folder: name an existing signal (`signal`)")
            }
            return .path("signals/\(signal.domain)/\(signal.category)/\(signal.id)/mappings.yaml")
        }
    }

    /// A folder name a submission may create: not empty, `.` or `..`, and no `/`, `\` or NUL.
    static func isComponent(_ s: String) -> Bool {
        !s.isEmpty && s != "." && s != ".." && !s.contains("/") && !s.contains("\\") && !s.contains("\0") && s.utf8.count <= 255
    }
}
