import Foundation

extension TaskScheduler {
    /// Starts the scheduler and runs until the calling task is cancelled, then shuts down
    /// gracefully (``shutdown()``: runs in flight get ``Options/gracePeriod``, then
    /// ``Options/cancellationGrace``) and returns. It installs no signal handler and never exits
    /// the process: the shape of a long-running service (swift-service-lifecycle's
    /// `Service.run()`), so the owner of the process decides when it ends.
    ///
    /// ```swift
    /// let scheduler = TaskScheduler(runner: TaskRunner.bootstrap(.generated))
    /// let running = Task { try await scheduler.run() }
    /// // … later, when the app stops:
    /// running.cancel()
    /// try await running.value          // the scheduler is drained
    /// ```
    /// In a process that nothing else owns, ``runUntilSignal(environment:)`` stops on SIGINT or
    /// SIGTERM instead.
    ///
    /// - Throws: what ``start(environment:)`` throws (before anything runs).
    public func run() async throws {
        try await run(environment: ProcessInfo.processInfo.environment)
    }

    /// ``run()`` with the environment `NITRO_SCHEDULER` is read from given (tests pass `[:]`).
    public func run(environment: [String: String]) async throws {
        try start(environment: environment)
        await untilCancelled()
        await shutdown()
    }

    /// ``run(environment:)`` until SIGINT (Ctrl-C) or SIGTERM, then a graceful shutdown: the one
    /// call of a server process whose lifetime nothing else owns. A second signal exits at once
    /// with status 130 (see ``runUntilSignal(_:onSignal:_:)``).
    ///
    /// ```swift
    /// try await TaskScheduler(runner: TaskRunner.bootstrap(.generated)).runUntilSignal()
    /// ```
    public func runUntilSignal(environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        try await NitroTasks.runUntilSignal { try await self.run(environment: environment) }
    }
}
