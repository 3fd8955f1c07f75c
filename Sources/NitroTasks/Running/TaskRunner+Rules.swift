import Foundation
import NitroSync

/// The three concurrency rules (dedupe, serial, parallel) and one run: starting it, reporting it
/// to the observers, and settling it with its callers.
extension TaskRunner {
    // MARK: - The three rules

    /// What a dedupe call did under the lock.
    enum Step {
        /// This call recorded a new run: it starts it, outside the lock.
        case start(id: UInt64, definition: TaskDefinition, observers: [TaskRunObserver])
        case joined(id: UInt64, observers: [TaskRunObserver])
        case cancelled
    }

    /// Dedupe: joins the run of `name` (and `key`) in flight, or starts one, and waits for its
    /// outcome as waiter number `call`; leaves with `CancellationError` when its task is
    /// cancelled. `definition` is read only to start a run. `slot` is the name's place in the
    /// registry, where a run without a key is kept (no hashing of the name).
    func share(
        _ name: String, slot: Int, key: String?, call: UInt64, _ payload: TaskPayload, _ context: TaskContext,
        trigger: TaskTrigger, _ definition: () -> TaskDefinition
    ) async throws -> TaskResult {
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (waiter: Waiter) in
                let step = state.withLock { state -> Step in
                    // The cancellation flag is set before the handler runs: a handler that ran
                    // before this found no waiter to resume, so this call resumes itself.
                    if Task.isCancelled { return .cancelled }
                    // (Joined in place, one lookup: a copy of the entry would share its waiters'
                    // storage, and each add would then copy all of them.)
                    if let key {
                        if let id = state.running[name]?.keyed[key]?.join(call, waiter) {
                            return .joined(id: id, observers: state.observers)
                        }
                    } else if let id = state.shared[slot]?.join(call, waiter) {
                        return .joined(id: id, observers: state.observers)
                    }
                    state.nextID &+= 1
                    let id = state.nextID
                    let inFlight = InFlight(id: id, run: nil, waiters: Waiters(call, waiter))
                    if let key {
                        state.running[name, default: Runs()].keyed[key] = inFlight
                    } else {
                        state.shared[slot] = inFlight
                    }
                    return .start(id: id, definition: definition(), observers: state.observers)
                }
                switch step {
                case .start(let id, let definition, let observers):
                    // Outside the lock: the run may settle (and take the lock) before it returns.
                    let event = TaskEvent(name: name, payload: payload, context: context)
                    let run = startShared(definition, event, slot: slot, id: id, key: key, trigger: trigger, observers: observers)
                    attach(run, to: name, slot: slot, key: key, id: id)
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
            leave(name, slot: slot, key: key, call: call)
        }
    }

    /// The run without a key of `slot` had settled when ``join(_:slot:call:)`` looked for it.
    struct RunGone: Error {}

    /// Joins the run without a key of `name` in flight, when no observer is there to tell: what
    /// ``share(_:slot:key:call:_:_:trigger:_:)`` does for such a caller, with only what joining
    /// needs. Each of thousands of waiting callers keeps this call suspended, so the less it
    /// holds, the less memory they take: inlined into `run`, it has no frame of its own, and a
    /// waiting caller's frames fit in the first block of memory its task comes with (measured by
    /// `nitro-bench dispatch`: a waiting caller takes what a bare task waiting on a gate takes).
    /// `nil` when the run settled in the meantime (then the caller starts one through `share`).
    @inline(__always)
    func join(_ name: String, slot: Int, call: UInt64) async throws -> TaskResult? {
        do {
            return try await withTaskCancellationHandler {
                try await withUnsafeThrowingContinuation { (waiter: Waiter) in
                    let joined: Bool? = state.withLock { state in
                        if Task.isCancelled { return nil }
                        return state.shared[slot]?.join(call, waiter) != nil
                    }
                    switch joined {
                    case true: break
                    case false: waiter.resume(throwing: RunGone())
                    default: waiter.resume(throwing: CancellationError())
                    }
                }
            } onCancel: {
                leave(name, slot: slot, key: nil, call: call)
            }
        } catch is RunGone {
            return nil
        }
    }

    /// A cancelled dedupe call stops waiting (if its waiter is still there: the run may have
    /// settled, or the call not registered yet, and then it sees the cancellation itself).
    func leave(_ name: String, slot: Int, key: String?, call: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            if let key { return state.running[name]?.keyed[key]?.waiters.remove(call) }
            return state.shared[slot]?.waiters.remove(call)
        }
        waiter?.resume(throwing: CancellationError())
    }

    func queue(
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

    func parallel(
        _ definition: TaskDefinition, _ event: TaskEvent, trigger: TaskTrigger
    ) async throws -> TaskResult {
        try await startOwn(definition, event, slot: .own, trigger: trigger).value
    }

    func startOwn(
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

    /// Starts a shared run, recorded under `id`, as an unstructured task (cancelling a caller does
    /// not cancel it) that hands its outcome to its waiters. Called outside the lock.
    ///
    /// The run starts at once on this thread (`Task.immediate`) and goes on there until it first
    /// suspends: `run(_:)` is nonisolated, so this is a thread of the global executor, the one
    /// the task's body would run on anyway. A run that finishes without suspending (a quick task)
    /// then resumes its first caller before that caller even suspends: no thread is woken, where
    /// `Task { … }` would queue the run on another thread and the caller's resumption after it.
    func startShared(
        _ definition: TaskDefinition, _ event: TaskEvent, slot: Int, id: UInt64, key: String?, trigger: TaskTrigger,
        observers: [TaskRunObserver]
    ) -> Task<Void, any Error> {
        if observers.isEmpty, definition.timeLimit == nil {
            // The common case, kept as cheap as before observers and limits existed.
            let body = definition.body
            return Self.startImmediately {
                let outcome: Result<TaskResult, any Error>
                do { outcome = .success(try await body(event)) } catch { outcome = .failure(error) }
                self.settle(event.name, slot: slot, id: id, key: key, outcome)
            }
        }
        return Self.startImmediately {
            let outcome: Result<TaskResult, any Error>
            do {
                outcome = .success(try await Self.perform(definition, event, id: id, trigger: trigger, observers: observers))
            } catch {
                outcome = .failure(error)
            }
            self.settle(event.name, slot: slot, id: id, key: key, outcome)
        }
    }

    /// `Task.immediate` where the toolchain and platform have it (Swift 6.2; on Apple platforms
    /// their 26 releases), `Task { … }` elsewhere.
    static func startImmediately(_ operation: sending @escaping () async throws -> Void) -> Task<Void, any Error> {
        #if compiler(>=6.2)
            if #available(macOS 26.0, iOS 26.0, tvOS 26.0, watchOS 26.0, visionOS 26.0, *) {
                return Task.immediate(operation: operation)
            }
        #endif
        return Task(operation: operation)
    }

    /// Gives the shared run `id` of `name` (and `key`) its handle, so that ``cancel(_:)`` can reach
    /// it; cancels it at once if a cancel came while it was being started. Nothing to do when the
    /// run already settled (it finished before it first suspended).
    func attach(_ run: Task<Void, any Error>, to name: String, slot: Int, key: String?, id: UInt64) {
        let cancelNow = state.withLock { state -> Bool in
            if let key {
                guard state.running[name]?.keyed[key]?.id == id else { return false }
                return state.running[name]!.keyed[key]!.attach(run)
            }
            guard state.shared[slot]?.id == id else { return false }
            return state.shared[slot]!.attach(run)
        }
        if cancelNow { run.cancel() }
    }

    /// The run's work within its time limit, reported to the observers.
    static func perform(
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
    static func execute(_ definition: TaskDefinition, _ event: TaskEvent) async throws -> TaskResult {
        guard let limit = definition.timeLimit else { return try await definition.run(event) }
        return try await withTimeLimit(limit, timeout: .timedOut(event.name, after: limit)) {
            try await definition.run(event)
        }.get()
    }

    static func notify(
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
    func settle(_ name: String, slot: Int, id: UInt64, key: String?, _ outcome: Result<TaskResult, any Error>) {
        let waiters = state.withLock { state -> Waiters? in
            guard let key else {
                guard state.shared[slot]?.id == id else { return nil }
                return state.shared[slot].take()?.waiters
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
    func finish(_ name: String, id: UInt64, slot: Slot) {
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
