/// A `MAJOR.MINOR.PATCH` version, compared numerically (the registry's versions have no pre-release part).
public struct SemanticVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public init?(_ text: String) {
        let p = text.split(separator: ".", omittingEmptySubsequences: false)
        guard p.count == 3, p.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && $0.count <= 9 }),
            let a = Int(p[0]), let b = Int(p[1]), let c = Int(p[2])
        else { return nil }
        self.init(major: a, minor: b, patch: c)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    /// The next version for a change of this level (`none` gives the version itself).
    public func bumped(_ level: ChangeLevel) -> SemanticVersion {
        switch level {
        case .none: self
        case .patch: SemanticVersion(major: major, minor: minor, patch: patch + 1)
        case .minor: SemanticVersion(major: major, minor: minor + 1, patch: 0)
        case .major: SemanticVersion(major: major + 1, minor: 0, patch: 0)
        }
    }

    /// The smallest change level that goes from `self` to `other` (nil when `other` is not greater).
    public func level(to other: SemanticVersion) -> ChangeLevel? {
        guard other > self else { return nil }
        if other.major > major { return .major }
        if other.minor > minor { return .minor }
        return .patch
    }
}

/// How much a change breaks, in semantic-versioning terms (docs/releases.md "What counts as major").
public enum ChangeLevel: Int, Comparable, Sendable, CaseIterable {
    case none, patch, minor, major

    public var name: String {
        switch self {
        case .none: "none"
        case .patch: "patch"
        case .minor: "minor"
        case .major: "major"
        }
    }

    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = level
    }

    public static func < (a: ChangeLevel, b: ChangeLevel) -> Bool { a.rawValue < b.rawValue }
}
