/// An object built by code for a template: its members in the order they were set, looked up from the last
/// one set, so that a member set later hides an earlier one of the same name.
///
/// A page's rows have a dozen members each and are built for every page: appending them costs less than
/// hashing them into a dictionary, and a lookup compares a few short names. ``TemplateLibrary`` reads it
/// like a `[String: Any]` object, and a `[TemplateObject]` like a list of them.
public struct TemplateObject {
    // Names apart from values: a lookup compares names only, without copying (and retaining) values.
    private var names: [String] = []
    private var values: [Any] = []

    public init() {}

    /// Room for `capacity` members before the storage grows.
    public init(capacity: Int) {
        names.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// Sets member `name`, hiding any earlier member of that name.
    public mutating func set(_ name: String, _ value: Any) {
        names.append(name)
        values.append(value)
    }

    /// The value of member `name`, the one set last; nil when there is none.
    public subscript(name: String) -> Any? {
        let found: Int? = names.withUnsafeBufferPointer { names in
            var i = names.count
            while i > 0 {
                i -= 1
                if names[i] == name { return i }
            }
            return nil
        }
        return found.map { values[$0] }
    }

    /// The number of members set (hidden ones included).
    public var count: Int { names.count }
}
