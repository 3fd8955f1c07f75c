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

    /// A caller waiting for a shared run's outcome.
    private typealias Waiter = UnsafeContinuation<TaskResult, any Error>

    /// A run that later calls may join (``TaskConcurrency/dedupe``).
    private struct InFlight {
        let id: UInt64
        /// The run; it hands its outcome to the waiters itself (``settle(_:id:key:_:)``) and never
        /// throws. (Typed as throwing all the same: creating a `Task<Void, Never>` allocates a
        /// thunk for its closure, one more allocation per run.)
        let run: Task<Void, any Error>
        /// The calls waiting for it (the one that started it included, unless it left).
        var waiters: Waiters
    }

    /// The callers of one shared run, each under its call number, so that a cancelled one can
    /// leave. When the run settles, each is resumed once with its outcome, in the order they came.
    /// (Awaiting the run's `Task` resumes its awaiters last-come first, and thousands of callers in
    /// a task group finishing in reverse order cost quadratic time in the runtime.)
    private struct Waiters {
        /// The first caller, kept out of the array so that a run with one caller allocates nothing
        /// for it.
        private var first: (call: UInt64, waiter: Waiter)?
        /// The others, by increasing call number (so a binary search finds a cancelled one); `nil`
        /// once it left. Calls are numbered just before they register, so a new one goes at the
        /// end or a few places before it.
        private var others: [(call: UInt64, waiter: Waiter?)] = []
        /// How many are waiting.
        private(set) var count = 0

        init(_ call: UInt64, _ waiter: Waiter) {
            first = (call, waiter)
            count = 1
        }

        mutating func add(_ call: UInt64, _ waiter: Waiter) {
            count += 1
            if first == nil {
                first = (call, waiter)
                return
            }
            var index = others.endIndex
            while index > others.startIndex, others[index - 1].call > call { index -= 1 }
            others.insert((call, waiter), at: index)
        }

        /// Takes the waiter of `call` out, if it is still here.
        mutating func remove(_ call: UInt64) -> Waiter? {
            if let first, first.call == call {
                self.first = nil
                count -= 1
                return first.waiter
            }
            var low = others.startIndex
            var high = others.endIndex
            while low < high {
                let middle = (low + high) / 2
                if others[middle].call < call { low = middle + 1 } else { high = middle }
            }
            guard low < others.endIndex, others[low].call == call, let waiter = others[low].waiter else { return nil }
            others[low].waiter = nil
            count -= 1
            return waiter
        }

        /// Resumes every waiter with the run's outcome (call it once, outside the lock).
        func resume(with outcome: Result<TaskResult, any Error>) {
            first?.waiter.resume(with: outcome)
            for other in others { other.waiter?.resume(with: outcome) }
        }
    }

    /// The calls of one serial key waiting for their turn; the entry exists while a call holds it.
    private struct Turns {
        var waiting: [CheckedContinuation<Void, Never>] = []
        var head = 0

        var queued: Int { waiting.count - head }

        mutating func next() -> CheckedContinuation<Void, Never>? {
            guard head < waiting.count else { return nil }
            defer {
                head += 1
                if head == waiting.count {
                    waiting.removeAll()
                    head = 0
                }
            }
            return waiting[head]
        }
    }

    /// What is in flight for one task name, other than a plain dedupe run.
    private struct Runs {
        /// The runs of a dedupe task with a key, by key.
        var keyed: [String: InFlight] = [:]
        /// Serial tasks: the turn of each key ("" without a key function).
        var turns: [String: Turns] = [:]
        /// The runs of serial and parallel tasks, by id.
        var own: [UInt64: Task<TaskResult, any Error>] = [:]

        var isEmpty: Bool { keyed.isEmpty && turns.isEmpty && own.isEmpty }
    }

    /// Where a run of its own (serial, parallel) is recorded, so that it can be forgotten when it
    /// settles.
    private enum Slot: Sendable {
        case own
        case serial(String)
    }

    private struct State {
        var nextID: UInt64 = 0
        /// The number of the last call (a waiter's name in ``Waiters``).
        var nextCall: UInt64 = 0
        /// The runs of dedupe tasks without a key (the default, kept as small as possible).
        var shared: [String: InFlight] = [:]
        /// Everything else in flight, by name.
        var running: [String: Runs] = [:]
        var observers: [TaskRunObserver] = []
    }

    private let state: Locked<State>

    /// Creates a runner for a registry, with observers that see every run (``addObserver(_:)``).
    public init(registry: TaskRegistry, observers: [TaskRunObserver] = []) {
        self.registry = registry
        self.state = Locked(State(observers: observers))
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
        guard let entry = registry[name] else { throw TaskError.notAvailable(name) }
        guard let makeDefinition = entry.definition else { throw TaskError.notImplemented(name) }
        // The call's number, and whether a plain dedupe run is in flight: then join it without
        // reading the definition (for thousands of concurrent callers, touching it is what costs;
        // only plain dedupe runs are in `shared`).
        let (call, sharedInFlight) = state.withLock { state in
            state.nextCall &+= 1
            return (state.nextCall, state.shared[name] != nil)
        }
        if sharedInFlight {
            return try await share(name, key: nil, call: call, payload, context, trigger: trigger, makeDefinition)
        }
        let definition = makeDefinition()
        let concurrency = definition.concurrency
        switch concurrency.mode {
        case .dedupe:
            return try await share(
                name, key: concurrency.key?(payload), call: call, payload, context, trigger: trigger, { definition })
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
        let (shared, own) = state.withLock { state -> ([Task<Void, any Error>], [Task<TaskResult, any Error>]) in
            let shared = state.shared[name].map { [$0.run] } ?? []
            guard let runs = state.running[name] else { return (shared, []) }
            return (shared + runs.keyed.values.map(\.run), Array(runs.own.values))
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
        state.withLock { state in
            let shared = state.shared[name]?.waiters.count ?? 0
            guard let runs = state.running[name] else { return shared }
            return shared + runs.keyed.values.reduce(0) { $0 + $1.waiters.count }
                + runs.own.count + runs.turns.values.reduce(0) { $0 + $1.queued }
        }
    }

    /// Whether a run of `name` is in flight now.
    @_disfavoredOverload
    public func isRunning(_ name: String) -> Bool {
        state.withLock { $0.shared[name] != nil || $0.running[name] != nil }
    }

    // MARK: - The three rules

    /// What a dedupe call did under the lock.
    private enum Step {
        case started
        case joined(id: UInt64, observers: [TaskRunObserver])
        case cancelled
    }

    /// Dedupe: joins the run of `name` (and `key`) in flight, or starts one, and waits for its
    /// outcome as waiter number `call`; leaves with `CancellationError` when its task is
    /// cancelled. `definition` is read only to start a run.
    private func share(
        _ name: String, key: String?, call: UInt64, _ payload: TaskPayload, _ context: TaskContext,
        trigger: TaskTrigger, _ definition: () -> TaskDefinition
    ) async throws -> TaskResult {
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (waiter: Waiter) in
                let step = state.withLock { state -> Step in
                    // The cancellation flag is set before the handler runs: a handler that ran
                    // before this found no waiter to resume, so this call resumes itself.
                    if Task.isCancelled { return .cancelled }
                    // (Only the id is read: a copy of the entry would share its waiters' storage,
                    // and each add would then copy all of them.)
                    if let key {
                        if let id = state.running[name]?.keyed[key]?.id {
                            state.running[name]!.keyed[key]!.waiters.add(call, waiter)
                            return .joined(id: id, observers: state.observers)
                        }
                    } else if let id = state.shared[name]?.id {
                        state.shared[name]!.waiters.add(call, waiter)
                        return .joined(id: id, observers: state.observers)
                    }
                    state.nextID &+= 1
                    let id = state.nextID
                    let event = TaskEvent(name: name, payload: payload, context: context)
                    let run = startShared(definition(), event, id: id, key: key, trigger: trigger, observers: state.observers)
                    let inFlight = InFlight(id: id, run: run, waiters: Waiters(call, waiter))
                    if let key {
                        state.running[name, default: Runs()].keyed[key] = inFlight
                    } else {
                        state.shared[name] = inFlight
                    }
                    return .started
                }
                switch step {
                case .started:
                    break
                case .joined(let id, let observers):
                    if !observers.isEmpty {
                        Self.notify(
                            observers, TaskEvent(name: name, payload: payload, context: context), trigger: trigger, id: id,
                            kind: .joined)
                    }
                case .cancelled:
                    waiter.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            leave(name, key: key, call: call)
        }
    }

    /// A cancelled dedupe call stops waiting (if its waiter is still there: the run may have
    /// settled, or the call not registered yet, and then it sees the cancellation itself).
    private func leave(_ name: String, key: String?, call: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            if let key { return state.running[name]?.keyed[key]?.waiters.remove(call) }
            return state.shared[name]?.waiters.remove(call)
        }
        waiter?.resume(throwing: CancellationError())
    }

    private func queue(
        _ definition: TaskDefinition, _ event: TaskEvent, key: String, trigger: TaskTrigger
    ) async throws -> TaskResult {
        let name = event.name
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.running[name]?.turns[key] != nil {
                    state.running[name]!.turns[key]!.waiting.append(continuation)
                    return false
                }
                state.running[name, default: Runs()].turns[key] = Turns()
                return true
            }
            if now { continuation.resume() }
        }
        // This call holds the key's turn until its run settles (`finish` hands it on).
        return try await startOwn(definition, event, slot: .serial(key), trigger: trigger).value
    }

    private func parallel(
        _ definition: TaskDefinition, _ event: TaskEvent, trigger: TaskTrigger
    ) async throws -> TaskResult {
        try await startOwn(definition, event, slot: .own, trigger: trigger).value
    }

    private func startOwn(
        _ definition: TaskDefinition, _ event: TaskEvent, slot: Slot, trigger: TaskTrigger
    ) -> Task<TaskResult, any Error> {
        state.withLock { state in
            state.nextID &+= 1
            let id = state.nextID
            let observers = state.observers
            let run: Task<TaskResult, any Error>
            if observers.isEmpty, definition.timeLimit == nil {
                let body = definition.body
                run = Task {
                    defer { self.finish(event.name, id: id, slot: slot) }
                    return try await body(event)
                }
            } else {
                run = Task {
                    defer { self.finish(event.name, id: id, slot: slot) }
                    return try await Self.perform(definition, event, id: id, trigger: trigger, observers: observers)
                }
            }
            state.running[event.name, default: Runs()].own[id] = run
            return run
        }
    }

    // MARK: - One run

    /// Starts a shared run as an unstructured task (cancelling a caller does not cancel it) that
    /// hands its outcome to its waiters; called under the lock, so that the run is recorded before
    /// anyone can look for it.
    private func startShared(
        _ definition: TaskDefinition, _ event: TaskEvent, id: UInt64, key: String?, trigger: TaskTrigger,
        observers: [TaskRunObserver]
    ) -> Task<Void, any Error> {
        if observers.isEmpty, definition.timeLimit == nil {
            // The common case, kept as cheap as before observers and limits existed.
            let body = definition.body
            return Task {
                let outcome: Result<TaskResult, any Error>
                do { outcome = .success(try await body(event)) } catch { outcome = .failure(error) }
                self.settle(event.name, id: id, key: key, outcome)
            }
        }
        return Task {
            let outcome: Result<TaskResult, any Error>
            do {
                outcome = .success(try await Self.perform(definition, event, id: id, trigger: trigger, observers: observers))
            } catch {
                outcome = .failure(error)
            }
            self.settle(event.name, id: id, key: key, outcome)
        }
    }

    /// The run's work within its time limit, reported to the observers.
    private static func perform(
        _ definition: TaskDefinition, _ event: TaskEvent, id: UInt64, trigger: TaskTrigger, observers: [TaskRunObserver]
    ) async throws -> TaskResult {
        if observers.isEmpty { return try await execute(definition, event) }
        notify(observers, event, trigger: trigger, id: id, kind: .started)
        let clock = ContinuousClock()
        let began = clock.now
        do {
            let result = try await execute(definition, event)
            notify(observers, event, trigger: trigger, id: id, kind: .succeeded(result, duration: clock.now - began))
            return result
        } catch {
            notify(observers, event, trigger: trigger, id: id, kind: .failed(error, duration: clock.now - began))
            throw error
        }
    }

    /// The task's work, within its time limit if it has one.
    private static func execute(_ definition: TaskDefinition, _ event: TaskEvent) async throws -> TaskResult {
        guard let limit = definition.timeLimit else { return try await definition.run(event) }
        return try await withTimeLimit(limit, timeout: .timedOut(event.name, after: limit)) {
            try await definition.run(event)
        }.get()
    }

    private static func notify(
        _ observers: [TaskRunObserver], _ event: TaskEvent, trigger: TaskTrigger, id: UInt64, kind: TaskRunEvent.Kind
    ) {
        let scheduledTime = (event.context.values["scheduledTime"] as? Double).map {
            Date(timeIntervalSince1970: $0 / 1000)
        }
        let runEvent = TaskRunEvent(task: event.name, trigger: trigger, scheduledTime: scheduledTime, runID: id, kind: kind)
        for observer in observers { observer(runEvent) }
    }

    /// Forgets a settled shared run (a run past its time limit settles when the limit passes, even
    /// if its work is still unwinding) and resumes each caller still waiting, once, with its outcome.
    private func settle(_ name: String, id: UInt64, key: String?, _ outcome: Result<TaskResult, any Error>) {
        let waiters = state.withLock { state -> Waiters? in
            guard let key else {
                guard state.shared[name]?.id == id else { return nil }
                return state.shared.removeValue(forKey: name)?.waiters
            }
            guard var runs = state.running[name], runs.keyed[key]?.id == id else { return nil }
            state.running[name] = nil  // keeps `runs` uniquely referenced while it changes
            let waiters = runs.keyed.removeValue(forKey: key)?.waiters
            if !runs.isEmpty { state.running[name] = runs }
            return waiters
        }
        waiters?.resume(with: outcome)
    }

    /// Forgets a settled run of its own; for a serial run, hands the key's turn to the next call.
    private func finish(_ name: String, id: UInt64, slot: Slot) {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard var runs = state.running[name] else { return nil }
            state.running[name] = nil  // keeps `runs` uniquely referenced while it changes
            var next: CheckedContinuation<Void, Never>?
            switch slot {
            case .own:
                runs.own[id] = nil
            case .serial(let key):
                runs.own[id] = nil
                next = runs.turns[key]?.next()
                if next == nil { runs.turns[key] = nil }
            }
            if !runs.isEmpty { state.running[name] = runs }
            return next
        }
        next?.resume()
    }
}
