import Foundation
import NitroCron

/// Something the scheduler reports. The default ``TaskScheduler/Options/log`` prints warnings and
/// errors on stderr; pass your own to route them to your logger.
public enum SchedulerEvent: Sendable, CustomStringConvertible {
    /// A schedule's instant arrived and its tasks were started.
    case fired(cron: String, tasks: [String], scheduledTime: Date)
    /// A task finished; its result (debug level).
    case succeeded(task: String, cron: String, scheduledTime: Date, result: TaskResult)
    /// A task failed; the others and the scheduler go on.
    case failed(task: String, cron: String, scheduledTime: Date, error: any Error)
    /// The task was still running from an earlier tick and ``TaskScheduler/Overlap/skip`` is set.
    case skippedOverlap(task: String, cron: String, scheduledTime: Date)
    /// Instants passed while the process could not run (suspended, overloaded); how many were
    /// dropped and which one, if any, was run in their place.
    case missed(cron: String, count: Int, ranLatest: Date?)
    /// Another process claimed this tick of this task (run-once lock).
    case claimedElsewhere(task: String, cron: String, scheduledTime: Date)
    /// The tick claim (``TaskScheduler/Options/claim``) failed, so this process did not run the
    /// tick (never twice rather than maybe twice). Reported once, when an outage begins.
    case claimUnavailable(task: String, cron: String, scheduledTime: Date, error: any Error)
    /// A further tick not run during the same claim outage (debug level).
    case notClaimed(task: String, cron: String, scheduledTime: Date, error: any Error)
    /// Claims work again after an outage that began at `since`; `unrun` ticks were not run here.
    case claimRestored(since: Date, unrun: Int)
    /// Shutdown reached its grace period with work still running, which was cancelled.
    case cancelledAtShutdown(pending: Int)
    /// Work still ran after it was cancelled and the cancellation grace ended: shutdown returned
    /// without it. `tasks` are the scheduled tasks still running (sorted); `pending` counts them
    /// and their `waitUntil` work.
    case abandonedAtShutdown(tasks: [String], pending: Int)

    /// How much it matters.
    public var level: Level {
        switch self {
        case .fired, .succeeded, .claimedElsewhere, .notClaimed: .debug
        case .skippedOverlap, .missed, .cancelledAtShutdown, .claimRestored: .warning
        case .failed, .abandonedAtShutdown, .claimUnavailable: .error
        }
    }

    /// Severity of an event.
    public enum Level: Int, Sendable, Comparable {
        case debug, warning, error
        public static func < (left: Level, right: Level) -> Bool { left.rawValue < right.rawValue }
    }

    public var description: String {
        switch self {
        case .fired(let cron, let tasks, let time):
            "scheduler: '\(cron)' fired at \(Self.iso(time)): \(tasks.joined(separator: ", "))"
        case .succeeded(let task, let cron, let time, let result):
            "scheduler: task '\(task)' ('\(cron)' at \(Self.iso(time))) succeeded: \(JSONWriter.compact(result.json))"
        case .failed(let task, let cron, let time, let error):
            "scheduler: task '\(task)' ('\(cron)' at \(Self.iso(time))) failed: \(error)"
        case .skippedOverlap(let task, let cron, let time):
            "scheduler: task '\(task)' ('\(cron)' at \(Self.iso(time))) skipped: its previous run is still in flight"
        case .missed(let cron, let count, let latest):
            "scheduler: '\(cron)' missed \(count) instant(s)"
                + (latest.map { "; ran the latest, \(Self.iso($0)), once" } ?? "; skipped them")
        case .claimedElsewhere(let task, let cron, let time):
            "scheduler: task '\(task)' ('\(cron)' at \(Self.iso(time))) runs in another process"
        case .claimUnavailable(let task, let cron, let time, let error):
            "scheduler: cannot claim task '\(task)' ('\(cron)' at \(Self.iso(time))), so this process does not run it: \(error); "
                + "ticks are not run here until claims work again (reported once)"
        case .notClaimed(let task, let cron, let time, let error):
            "scheduler: task '\(task)' ('\(cron)' at \(Self.iso(time))) not run: the claim is still unavailable (\(error))"
        case .claimRestored(let since, let unrun):
            "scheduler: tick claims work again; \(unrun) tick(s) since \(Self.iso(since)) were not run by this process"
        case .cancelledAtShutdown(let pending):
            "scheduler: shutdown grace period over; cancelled \(pending) unfinished run(s)"
        case .abandonedAtShutdown(let tasks, let pending):
            "scheduler: shutdown gave up on \(pending) run(s) that ignored cancellation"
                + (tasks.isEmpty ? "" : " (\(tasks.map { "'\($0)'" }.joined(separator: ", ")))")
                + "; they end with the process. Check `Task.isCancelled` in long loops of these tasks"
        }
    }

    static func iso(_ date: Date) -> String { CronTimestamp.format(date) }
}
