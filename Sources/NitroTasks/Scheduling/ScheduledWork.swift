import Synchronization

/// Keeps the scheduler's runs and `waitUntil` work, so shutdown can wait for them or cancel them.
final class ScheduledWork: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var work: [UInt64: Task<Void, Never>] = [:]
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

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
