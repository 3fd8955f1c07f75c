import NitroSync

/// Keeps track of work a host started (scheduled runs, `waitUntil` work), so that its shutdown can
/// wait for it, or cancel it. Used by the scheduler and the development server.
package final class WorkTracker: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var work: [UInt64: Task<Void, Never>] = [:]
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Locked(State())

    package init() {}

    /// Starts `body` as tracked work. (Work registered while shutdown drains is tracked too:
    /// `waitUntil` calls of runs still in flight must be waited for.)
    func start(_ body: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            state.nextID += 1
            let id = state.nextID
            let task = Task {
                await body()
                self.finish(id)
            }
            state.work[id] = task
        }
    }

    /// The `waitUntil` function handed to tasks: the work is tracked.
    package var waitUntil: WaitUntil {
        { [self] work in start(work) }
    }

    /// How much work is in flight.
    var count: Int { state.withLock { $0.work.count } }

    /// Returns when no work is in flight.
    func drained() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.work.isEmpty { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Waits until no work is in flight, or `duration` passed; returns whether all finished.
    @discardableResult
    package func waitForAll(within duration: Duration) async -> Bool {
        await firstOf(
            {
                await self.drained(); return true
            },
            {
                try? await Task.sleep(for: duration); return false
            })
    }

    /// Cancels everything in flight; returns how many were cancelled.
    func cancelAll() -> Int {
        let tasks = state.withLock { Array($0.work.values) }
        for task in tasks { task.cancel() }
        return tasks.count
    }

    private func finish(_ id: UInt64) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.work[id] = nil
            guard state.work.isEmpty else { return [] }
            defer { state.drainWaiters.removeAll() }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// The value of whichever of two operations finishes first; the other keeps running unobserved
/// (unlike a task group, which would wait for it).
func firstOf<Value: Sendable>(
    _ first: @escaping @Sendable () async -> Value, _ second: @escaping @Sendable () async -> Value
) async -> Value {
    let resumed = Locked(false)
    return await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
        let resume: @Sendable (Value) -> Void = { value in
            let already = resumed.withLock { done in
                defer { done = true }
                return done
            }
            if !already { continuation.resume(returning: value) }
        }
        Task { resume(await first()) }
        Task { resume(await second()) }
    }
}
