#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a deeply recursive computation on a thread of its own with a large stack, and waits for it.
///
/// The recursive walks over user data (schema evaluation over a 512-deep document) are bounded, but the
/// bound times the frame size can exceed the 8 MiB a thread usually has, above all in debug builds, where a
/// frame of the schema evaluator takes 17 KiB. The stack is reserved, not committed: only the pages the
/// recursion touches cost memory. Where no such thread can be made, the work runs on the calling thread.
public enum LargeStack {
    /// 512 MiB: the schema evaluator's bound (4,096 nested applications) at debug-build frame sizes.
    public static let defaultSize = 512 << 20

    public static func run<T>(stackSize: Int = defaultSize, _ body: () -> T) -> T {
        var result: T?
        withoutActuallyEscaping(body) { body in
            let job = Job { result = body() }
            if !job.runOnNewThread(stackSize: stackSize) { job.work() }
        }
        return result!
    }

    /// The work handed to the new thread; the caller waits for the thread, so nothing outlives the call.
    private final class Job: @unchecked Sendable {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }

        func runOnNewThread(stackSize: Int) -> Bool {
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return false }
            let context = Unmanaged.passRetained(self).toOpaque()
            #if canImport(Glibc)
                var thread = pthread_t()
                let made = pthread_create(
                    &thread, &attributes,
                    { raw in
                        Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().work()
                        return nil
                    }, context)
                guard made == 0 else {
                    Unmanaged<Job>.fromOpaque(context).release()
                    return false
                }
                pthread_join(thread, nil)
            #else
                var thread: pthread_t?
                let made = pthread_create(
                    &thread, &attributes,
                    { raw in
                        Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().work()
                        return nil
                    }, context)
                guard made == 0, let thread else {
                    Unmanaged<Job>.fromOpaque(context).release()
                    return false
                }
                pthread_join(thread, nil)
            #endif
            return true
        }
    }
}
