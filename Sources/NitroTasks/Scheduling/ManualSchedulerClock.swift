import Foundation
import NitroSync

/// A clock that moves only when told to: for tests of code that schedules.
///
/// ```swift
/// let clock = ManualSchedulerClock(now: start)
/// let scheduler = TaskScheduler(runner: runner, clock: clock)
/// try scheduler.start()
/// await clock.waitForSleepers(1)        // the scheduler is waiting for its first instant
/// await clock.advanceToNextDeadline()   // fire it
/// ```
public final class ManualSchedulerClock: SchedulerClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state: Locked<State>

    /// Creates a clock that reads `now` until advanced.
    public init(now: Date) {
        state = Locked(State(now: now))
    }

    public func now() -> Date { state.withLock { $0.now } }

    public func sleep(until deadline: Date) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { state in
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    Self.notifyWatchers(&state)
                    return false
                }
                if resumeNow {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume()
                    }
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// How many callers are sleeping now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline anyone sleeps until.
    public var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    /// Returns once at least `count` callers are sleeping.
    public func waitForSleepers(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.sleepers.count >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Moves the clock to `instant` (never backwards) and wakes every sleeper whose deadline is due.
    public func advance(to instant: Date) {
        let due = state.withLock { state -> [Sleeper] in
            if instant > state.now { state.now = instant }
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Moves the clock forward by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        advance(to: now().addingTimeInterval(interval))
    }

    /// Moves the clock to the earliest sleeper's deadline; returns it, or `nil` if nobody sleeps.
    @discardableResult
    public func advanceToNextDeadline() -> Date? {
        guard let deadline = nextDeadline else { return nil }
        advance(to: deadline)
        return deadline
    }

    private static func notifyWatchers(_ state: inout State) {
        let count = state.sleepers.count
        var remaining: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        for watcher in state.watchers {
            if count >= watcher.count {
                watcher.continuation.resume()
            } else {
                remaining.append(watcher)
            }
        }
        state.watchers = remaining
    }
}
