#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `operation` until SIGINT (Ctrl-C) or SIGTERM arrives, then cancels it and returns what it
/// returns once it has finished: the signal handling that long-running calls such as
/// ``TaskScheduler/run(environment:)`` leave to their caller.
///
/// ```swift
/// let scheduler = TaskScheduler(runner: TaskRunner.bootstrap(.generated))
/// try await runUntilSignal { try await scheduler.run() }
/// ```
///
/// The signals are watched with dispatch sources (no thread blocks on them) for as long as the
/// call lasts, then get their default action back. A second signal, while the operation is still
/// shutting down, ends the process at once with status 130 (the impatient Ctrl-C).
///
/// - Parameters:
///   - signals: the signals that stop the operation (default SIGINT and SIGTERM).
///   - onSignal: called once, on the first signal (to print "Stopping…", for example).
///   - operation: the long-running work; it must return soon after it is cancelled.
public func runUntilSignal<Result: Sendable>(
    _ signals: [Int32] = [SIGINT, SIGTERM],
    onSignal: (@Sendable () -> Void)? = nil,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    let task = Task { try await operation() }
    let watch = SignalWatch(signals: signals) { count in
        if count == 1 {
            onSignal?()
            task.cancel()
        } else {
            _exit(130)
        }
    }
    defer { watch.cancel() }
    return try await withTaskCancellationHandler {
        try await task.value
    } onCancel: {
        task.cancel()
    }
}
