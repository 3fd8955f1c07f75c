import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TaskScheduler {
    /// Starts the scheduler and runs until SIGINT (Ctrl-C) or SIGTERM, then shuts down gracefully
    /// (see ``shutdown()``): the one call a server process makes when nothing else owns its
    /// lifetime. A second signal exits at once with status 130.
    ///
    /// ```swift
    /// let runner = TaskRunner.bootstrap(.generated)
    /// try await TaskScheduler(runner: runner).run()
    /// ```
    /// When the process already has a lifecycle (a web framework's), call ``start(environment:)``
    /// at start-up and ``shutdown()`` when it stops instead.
    public func run(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        try start(environment: environment)
        let stop = AsyncStream<Void>.makeStream()
        let watch = SignalWatch(signals: [SIGINT, SIGTERM]) { count in
            if count == 1 {
                stop.continuation.yield()
            } else {
                _exit(130)
            }
        }
        for await _ in stop.stream { break }
        await shutdown()
        watch.cancel()
    }
}
