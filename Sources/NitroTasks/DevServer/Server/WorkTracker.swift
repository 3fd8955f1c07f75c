import Synchronization

/// The work handed to `context.waitUntil` during requests, which the server waits for at shutdown.
final class WorkTracker: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var running: [UInt64: Task<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// The `waitUntil` function handed to tasks.
    var waitUntil: WaitUntil {
        { [self] work in start(work) }
    }

    private func start(_ work: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.running[id] = Task {
                await work()
                self.finish(id)
            }
        }
    }

    private func finish(_ id: UInt64) {
        _ = state.withLock { $0.running.removeValue(forKey: id) }
    }

    /// The number of pieces of work still running.
    var runningCount: Int { state.withLock { $0.running.count } }

    /// Waits until no work is running (including work started meanwhile) or `duration` passed.
    /// - Returns: whether everything finished in time.
    @discardableResult
    func waitForAll(within duration: Duration) async -> Bool {
        let deadline = ContinuousClock.now + duration
        while true {
            let pending = state.withLock { Array($0.running.values) }
            if pending.isEmpty { return true }
            let finished = await firstOf(
                { for task in pending { await task.value }; return true },
                { try? await Task.sleep(until: deadline, clock: .continuous); return false })
            if !finished { return false }
        }
    }
}

/// The value of whichever of two operations finishes first; the other keeps running unobserved
/// (unlike a task group, which would wait for it).
func firstOf<Value: Sendable>(
    _ first: @escaping @Sendable () async -> Value, _ second: @escaping @Sendable () async -> Value
) async -> Value {
    let resumed = Mutex(false)
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
