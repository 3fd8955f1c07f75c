import Foundation
import NitroSync

/// Runs the tasks of a registry under each task's ``TaskConcurrency`` rule; by default Nitro's
/// rule: **one running instance per task name**.
///
/// With ``TaskConcurrency/dedupe`` (the default), while a run of a name is in flight, further
/// calls of that name start nothing: they wait for the same run and get the same result or the
/// same error. Once it settles, the next call starts a new run. Calls of different names run
/// concurrently. The rule holds under any interleaving (the check and the start happen under one
/// lock), unlike Nitro's, where two calls in the same tick can both run.
/// ``TaskConcurrency/serial`` runs every call, one at a time in arrival order;
/// ``TaskConcurrency/parallel`` runs every call at once.
///
/// Register observers (``addObserver(_:)``) to see every run, whatever started it.
public final class TaskRunner: Sendable {
    /// The registry this runner serves.
    public let registry: TaskRegistry

    /// Everything in flight, behind one lock (`TaskRunner+State.swift`).
    let state: Locked<State>

    /// Creates a runner for a registry, with observers that see every run (``addObserver(_:)``).
    public init(registry: TaskRegistry, observers: [TaskRunObserver] = []) {
        self.registry = registry
        self.state = Locked(State(shared: Array(repeating: nil, count: registry.entries.count), observers: observers))
    }

    /// Adds an observer: it sees the calls and runs that start from now on (a run in flight when
    /// it was added reports nothing to it).
    ///
    /// Observers are called synchronously, in the order they were added, outside the runner's
    /// lock, on the thread of the run (``TaskRunEvent/Kind-swift.enum/started``, `succeeded`,
    /// `failed`) or of the joining call (`joined`). They must be quick and never block: an
    /// observer's time is added to the run's. Events of one run arrive in order (started, then
    /// succeeded or failed); a `joined` event of another call may arrive before or after them.
    public func addObserver(_ observer: @escaping TaskRunObserver) {
        state.withLock { $0.observers.append(observer) }
    }

    /// Runs the task `name` under its concurrency rule and time limit (for a dedupe task: runs
    /// it, or joins its run in flight).
    ///
    /// A dedupe call whose task is cancelled while it waits stops waiting at once and throws
    /// `CancellationError`; the run goes on for the other callers (a call already cancelled starts
    /// nothing). Serial and parallel calls wait for their own run whatever happens to their task.
    ///
    /// - Parameter trigger: what started the call, for observers (``TaskTrigger/code`` by default).
    /// - Throws: ``TaskError/notAvailable(_:)`` (404) for an unknown name,
    ///   ``TaskError/notImplemented(_:)`` (501) for a task without a handler,
    ///   ``TaskError/timedOut(_:after:)`` (504) past the task's time limit, and whatever the task
    ///   throws, unchanged.
    @_disfavoredOverload
    public func run(
        _ name: String, payload: TaskPayload = [:], context: TaskContext = TaskContext(),
        trigger: TaskTrigger = .code
    ) async throws -> TaskResult {
        guard let slot = registry.index[name] else { throw TaskError.notAvailable(name) }
        guard let makeDefinition = registry.entries[slot].definition else { throw TaskError.notImplemented(name) }
        // The call's number, and whether a plain dedupe run is in flight: then join it without
        // reading the definition (for thousands of concurrent callers, touching it is what costs;
        // only plain dedupe runs are in `shared`).
        let (call, sharedInFlight, observed) = state.withLock { state in
            state.nextCall &+= 1
            return (state.nextCall, state.shared[slot] != nil, !state.observers.isEmpty)
        }
        if sharedInFlight, !observed, let result = try await join(name, slot: slot, call: call) { return result }
        return try await begin(
            name, slot: slot, call: call, payload, context, trigger: trigger, makeDefinition, sharedInFlight: sharedInFlight)
    }

    /// The rest of ``run(_:payload:context:trigger:)``: joining with observers to tell, or
    /// starting a run under the task's rule. Kept out of `run` (never inlined) so that `run`'s own
    /// frame stays small: each of thousands of callers waiting for one run keeps it suspended.
    @inline(never)
    func begin(
        _ name: String, slot: Int, call: UInt64, _ payload: TaskPayload, _ context: TaskContext, trigger: TaskTrigger,
        _ makeDefinition: () -> TaskDefinition, sharedInFlight: Bool
    ) async throws -> TaskResult {
        if sharedInFlight {
            return try await share(name, slot: slot, key: nil, call: call, payload, context, trigger: trigger, makeDefinition)
        }
        let definition = makeDefinition()
        let concurrency = definition.concurrency
        switch concurrency.mode {
        case .dedupe:
            return try await share(
                name, slot: slot, key: concurrency.key?(payload), call: call, payload, context, trigger: trigger, { definition })
        case .serial:
            let event = TaskEvent(name: name, payload: payload, context: context)
            return try await queue(definition, event, key: concurrency.key?(payload) ?? "", trigger: trigger)
        case .parallel:
            let event = TaskEvent(name: name, payload: payload, context: context)
            return try await parallel(definition, event, trigger: trigger)
        }
    }

    /// Cancels the runs of `name` in flight, if any: the task sees cancellation (for example
    /// `Task.sleep` throws `CancellationError`), and every caller waiting for it gets what it
    /// then returns or throws. Serial calls still queued are not cancelled: each runs in turn.
    /// The scheduler uses it when shutdown outlasts its grace period.
    @_disfavoredOverload
    public func cancel(_ name: String) {
        guard let slot = registry.index[name] else { return }
        let (shared, own) = state.withLock { state -> ([Task<Void, any Error>], [Task<TaskResult, any Error>]) in
            // A run still being started has no handle yet: it is cancelled when it gets one.
            var shared: [Task<Void, any Error>] = []
            if let run = state.shared[slot]?.requestCancel() { shared.append(run) }
            guard var runs = state.running[name] else { return (shared, []) }
            state.running[name] = nil  // keeps `runs` uniquely referenced while it changes
            for key in runs.keyed.keys {
                if let run = runs.keyed[key]!.requestCancel() { shared.append(run) }
            }
            state.running[name] = runs
            return (shared, Array(runs.own.values))
        }
        for run in shared { run.cancel() }
        for run in own { run.cancel() }
    }

    /// How many calls are waiting for a run of `name` now (0 when none is in flight): for a dedupe
    /// task, the caller that started each run in flight and every caller that joined it since
    /// (less those that were cancelled and left); for serial and parallel tasks, each call running
    /// or queued.
    @_disfavoredOverload
    public func callers(of name: String) -> Int {
        guard let slot = registry.index[name] else { return 0 }
        return state.withLock { state in
            let shared = state.shared[slot]?.waiters.count ?? 0
            guard let runs = state.running[name] else { return shared }
            return shared + runs.keyed.values.reduce(0) { $0 + $1.waiters.count }
                + runs.own.count + runs.turns.values.reduce(0) { $0 + $1.queued }
        }
    }

    /// Whether a run of `name` is in flight now.
    @_disfavoredOverload
    public func isRunning(_ name: String) -> Bool {
        guard let slot = registry.index[name] else { return false }
        return state.withLock { $0.shared[slot] != nil || $0.running[name] != nil }
    }
}
