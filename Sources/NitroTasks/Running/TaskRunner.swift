import NitroSync

/// Runs the tasks of a registry with Nitro's rule: **one running instance per task name**.
///
/// While a run of a name is in flight, further calls of that name start nothing: they wait for
/// the same run and get the same result or the same error. Once it settles, the next call starts
/// a new run. Calls of different names run concurrently. The rule holds under any interleaving
/// (the check and the start happen under one lock), unlike Nitro's, where two calls in the same
/// tick can both run.
public final class TaskRunner: Sendable {
    /// The registry this runner serves.
    public let registry: TaskRegistry

    private struct InFlight {
        let id: UInt64
        let run: Task<TaskResult, any Error>
        /// How many calls share this run (the one that started it included).
        var callers: Int
    }

    private struct State {
        var nextID: UInt64 = 0
        var running: [String: InFlight] = [:]
    }

    private let state = Locked(State())

    /// Creates a runner for a registry.
    public init(registry: TaskRegistry) {
        self.registry = registry
    }

    /// Runs the task `name`, or joins its run in flight.
    ///
    /// - Throws: ``TaskError/notAvailable(_:)`` (404) for an unknown name,
    ///   ``TaskError/notImplemented(_:)`` (501) for a task without a handler, and whatever the task
    ///   throws, unchanged.
    public func run(
        _ name: String, payload: TaskPayload = [:], context: TaskContext = TaskContext()
    ) async throws -> TaskResult {
        guard let entry = registry[name] else { throw TaskError.notAvailable(name) }
        guard let definition = entry.definition else { throw TaskError.notImplemented(name) }
        let run = state.withLock { state -> Task<TaskResult, any Error> in
            if let inFlight = state.running[name] {
                state.running[name]!.callers += 1
                return inFlight.run
            }
            state.nextID &+= 1
            let id = state.nextID
            let event = TaskEvent(name: name, payload: payload, context: context)
            let run = Task<TaskResult, any Error> {
                defer { self.finish(name, id: id) }
                return try await definition().run(event)
            }
            state.running[name] = InFlight(id: id, run: run, callers: 1)
            return run
        }
        return try await run.value
    }

    /// Cancels the run of `name` in flight, if any: the task sees cancellation (for example
    /// `Task.sleep` throws `CancellationError`), and every caller waiting for it gets what it
    /// then returns or throws. The scheduler uses it when shutdown outlasts its grace period.
    public func cancel(_ name: String) {
        state.withLock { $0.running[name]?.run }?.cancel()
    }

    /// How many calls share the run of `name` in flight (0 when none is): the caller that started
    /// it and every caller that joined it since.
    public func callers(of name: String) -> Int {
        state.withLock { $0.running[name]?.callers ?? 0 }
    }

    /// Whether a run of `name` is in flight now.
    public func isRunning(_ name: String) -> Bool {
        state.withLock { $0.running[name] != nil }
    }

    private func finish(_ name: String, id: UInt64) {
        state.withLock { state in
            if state.running[name]?.id == id { state.running[name] = nil }
        }
    }
}
