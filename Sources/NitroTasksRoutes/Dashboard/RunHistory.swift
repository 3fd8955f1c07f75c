import Foundation
import NitroTasks

/// What the dashboard remembers of a runner's runs, fed by its ``TaskRunEvent``s: the runs in
/// flight with the calls that joined them, the last runs of each task (at most `limit` each, the
/// newest first), and the scheduled runs of the last hour (at most ``timelineLimit``) for the
/// timeline. Kept in memory only; a value, so that tests feed it events directly.
package struct RunHistory: Sendable {
    /// One run, in flight or settled.
    package struct Run: Sendable, Equatable {
        package var id: UInt64
        package var task: String
        package var trigger: TaskTrigger
        package var started: Date
        /// The instant a scheduled run was due.
        package var scheduledTime: Date?
        /// The trigger of each call that joined the run, in the order they joined.
        package var joiners: [TaskTrigger] = []
        /// `nil` while in flight.
        package var outcome: Outcome?
        /// How long it took; `nil` while in flight.
        package var duration: Duration?
    }

    /// How a run ended.
    package enum Outcome: Sendable, Equatable {
        case succeeded
        /// The HTTP status the routes answer with (the ``TaskError``'s, else 500) and the message.
        case failed(status: Int, message: String)
    }

    /// How many runs of each task are kept.
    package let limit: Int
    /// How many scheduled runs the timeline keeps at most (those of the last hour).
    package static let timelineLimit = 1000
    /// How many joins of runs not started yet are kept (a joiner's event may come first).
    static let pendingLimit = 1000

    package private(set) var inFlight: [UInt64: Run] = [:]
    /// Per task, the settled runs, the newest first.
    package private(set) var recent: [String: [Run]] = [:]
    /// Settled scheduled runs, the oldest first.
    package private(set) var scheduled: [Run] = []
    private var pendingJoins: [UInt64: [TaskTrigger]] = [:]

    /// An empty history keeping `limit` runs per task (at least 1).
    package init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes in `event`, which happened at `now`.
    package mutating func record(_ event: TaskRunEvent, at now: Date) {
        switch event.kind {
        case .started:
            inFlight[event.runID] = Run(
                id: event.runID, task: event.task, trigger: event.trigger, started: now, scheduledTime: event.scheduledTime,
                joiners: pendingJoins.removeValue(forKey: event.runID) ?? [])
        case .joined:
            if inFlight[event.runID] != nil {
                inFlight[event.runID]!.joiners.append(event.trigger)
            } else if let index = recent[event.task]?.firstIndex(where: { $0.id == event.runID }) {
                recent[event.task]![index].joiners.append(event.trigger)
            } else if pendingJoins.count < Self.pendingLimit || pendingJoins[event.runID] != nil {
                pendingJoins[event.runID, default: []].append(event.trigger)
            }
        case .succeeded(_, let duration):
            settle(event, .succeeded, duration, now)
        case .failed(let error, let duration):
            let status = (error as? TaskError).map { (400...599).contains($0.statusCode) ? $0.statusCode : 500 } ?? 500
            let message = (error as? TaskError)?.message ?? String(describing: error)
            settle(event, .failed(status: status, message: message), duration, now)
        }
    }

    private mutating func settle(_ event: TaskRunEvent, _ outcome: Outcome, _ duration: Duration, _ now: Date) {
        var run =
            inFlight.removeValue(forKey: event.runID)
            ?? Run(
                id: event.runID, task: event.task, trigger: event.trigger, started: now - duration.timeInterval,
                scheduledTime: event.scheduledTime)
        run.outcome = outcome
        run.duration = duration
        var runs = recent.removeValue(forKey: event.task) ?? []
        runs.insert(run, at: 0)
        if runs.count > limit { runs.removeLast(runs.count - limit) }
        recent[event.task] = runs
        if run.trigger == .schedule {
            scheduled.append(run)
            prune(now: now)
        }
    }

    /// Drops the scheduled runs older than an hour before `now`, and the oldest beyond the limit.
    package mutating func prune(now: Date) {
        let hourAgo = now.addingTimeInterval(-3600)
        if let keep = scheduled.firstIndex(where: { ($0.scheduledTime ?? $0.started) >= hourAgo }) {
            scheduled.removeFirst(keep)
        } else {
            scheduled.removeAll()
        }
        if scheduled.count > Self.timelineLimit { scheduled.removeFirst(scheduled.count - Self.timelineLimit) }
    }
}

extension Duration {
    /// The duration in milliseconds, to a tenth of a millisecond.
    var milliseconds: Double {
        (timeInterval * 10_000).rounded() / 10
    }
}
