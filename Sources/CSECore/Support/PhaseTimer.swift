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

    /// Prints the time since the previous mark, labelled, and the memory the process holds now (where the
    /// system tells: Linux's `/proc/self/statm`).
    public func mark(_ label: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let resident = Self.residentMiB().map { String(format: "  %6d MiB", $0) } ?? ""
        FileHandle.standardError.write(
            Data((String(format: "  %-28@ %7.3f s", label as NSString, now.timeIntervalSince(last)) + resident + "\n").utf8))
        last = now
    }

    /// The process's resident memory in MiB, or nil where `/proc/self/statm` does not exist.
    static func residentMiB() -> Int? {
        // The file reports a size of 0: read it to its end rather than by its size.
        guard let file = FileHandle(forReadingAtPath: "/proc/self/statm") else { return nil }
        defer { try? file.close() }
        let fields = String(decoding: file.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
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
