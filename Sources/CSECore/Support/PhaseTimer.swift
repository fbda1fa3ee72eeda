import Foundation

/// Measures the stages of a run and prints them to standard error when `CSE_TIMINGS=1`.
///
/// Timings are for people reading a benchmark; nothing in the output depends on them.
///
/// One timer is made by the command line and handed to the stages (``LoadOptions``, ``BuildContext``);
/// there is no global one.
public final class PhaseTimer: @unchecked Sendable {
    /// A timer that prints nothing.
    public static let disabled = PhaseTimer(enabled: false)

    private let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// A timer that prints when the environment sets `CSE_TIMINGS=1`.
    public static func fromEnvironment() -> PhaseTimer {
        PhaseTimer(enabled: ProcessInfo.processInfo.environment["CSE_TIMINGS"] == "1")
    }
    private var last = Date()
    private let lock = NSLock()

    /// Prints the time since the previous mark, labelled.
    public func mark(_ label: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "  %-28@ %7.3f s\n", label as NSString, now.timeIntervalSince(last)).utf8))
        last = now
    }

    /// Runs `body` and prints how long it took, labelled; for work that runs beside other work, where the
    /// time since the previous mark would mislead.
    public func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = Date()
        let result = try body()
        let elapsed = Date().timeIntervalSince(start)
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(String(format: "    %-26@ %7.3f s\n", label as NSString, elapsed).utf8))
        return result
    }
}
