/// The whole registry after validation: one immutable value that every later stage reads.
///
/// Cross-references are IDs, not pointers. Arrays are sorted by ID so that every stage that walks them
/// produces the same output whatever order the file system listed the inputs in.
public struct Registry: Sendable {
    public var config: RegistryConfig
    /// Signals sorted by ID.
    public var signals: [Signal]
    /// Frameworks sorted by code.
    public var frameworks: [Framework]
    /// Mappings sorted by ID.
    public var mappings: [Mapping]
    /// Declared control-to-control crosswalks (`crosswalks/*.yaml`), sorted by file.
    public var crosswalks: [DeclaredCrosswalk] = []
    /// Artifact types (`artifact-types/*.yaml`), sorted by ID.
    public var artifactTypes: [ArtifactType] = []
    /// Security tools and their rule-to-signal rows (`tools/*.yaml`), sorted by ID.
    public var tools: [SecurityTool] = []

    private var signalIndex: [String: Int]
    private var frameworkIndex: [String: Int]

    /// The arrays are consumed and sorted in place: when the caller passes its last reference, no signal or
    /// mapping is copied (a copy retains every field of every element).
    public init(config: RegistryConfig, signals: consuming [Signal], frameworks: consuming [Framework], mappings: consuming [Mapping]) {
        self.config = config
        signals.sort { $0.id < $1.id }
        frameworks.sort { $0.code < $1.code }
        mappings.sort { $0.id < $1.id }
        self.signals = signals
        self.frameworks = frameworks
        self.mappings = mappings
        self.signalIndex = Dictionary(self.signals.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.frameworkIndex = Dictionary(self.frameworks.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func signal(_ id: String) -> Signal? { signalIndex[id].map { signals[$0] } }
    /// The position of a signal in ``signals``: reading fields through it copies only those fields, where
    /// ``signal(_:)`` copies the whole signal.
    public func signalPosition(_ id: String) -> Int? { signalIndex[id] }
    public func framework(_ code: String) -> Framework? { frameworkIndex[code].map { frameworks[$0] } }

    /// Domains present, sorted.
    public var domains: [String] { Array(Set(signals.map(\.domain))).sorted() }
}
