import Foundation

/// The scheduler's view of time: what time it is, and a way to wait until a given instant.
///
/// The scheduler never reads the system clock itself, so tests drive it with
/// ``ManualSchedulerClock`` through a simulated year in milliseconds, and never sleep.
public protocol SchedulerClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Returns when `deadline` is reached (or passed). Throws `CancellationError` when the
    /// calling task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// The system clock. Sleeps on the monotonic clock and re-checks the wall clock on waking, so
/// an early wake-up (or a wall-clock step backwards) never fires an instant early.
public struct SystemSchedulerClock: SchedulerClock {
    /// Longest single sleep, so that a wall-clock step forwards is noticed within this time.
    public var maximumNap: Duration

    /// Creates the system clock.
    public init(maximumNap: Duration = .seconds(60)) {
        self.maximumNap = maximumNap
    }

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        while true {
            let remaining = deadline.timeIntervalSince(Date())
            if !(remaining > 0) { return }  // also a NaN deadline
            // Compared in seconds before converting: an instant centuries away (`0 0 0 1 1 * 2400`)
            // or `Date.distantFuture` would overflow a nanosecond count.
            let nap = remaining < maximumNap.timeInterval ? Duration.seconds(remaining) : maximumNap
            try await Task.sleep(for: nap, tolerance: .microseconds(200), clock: .continuous)
        }
    }
}
