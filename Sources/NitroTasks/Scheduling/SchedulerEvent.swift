import Foundation

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
    /// Shutdown reached its grace period with work still running, which was cancelled.
    case cancelledAtShutdown(pending: Int)

    /// How much it matters.
    public var level: Level {
        switch self {
        case .fired, .succeeded, .claimedElsewhere: .debug
        case .skippedOverlap, .missed, .cancelledAtShutdown: .warning
        case .failed: .error
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
        case .cancelledAtShutdown(let pending):
            "scheduler: shutdown grace period over; cancelled \(pending) unfinished run(s)"
        }
    }

    static func iso(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return ISO8601Millis.format(milliseconds: milliseconds)
    }
}

/// UTC ISO-8601 with milliseconds (`2024-01-01T00:01:00.000Z`), without Foundation formatters.
enum ISO8601Millis {
    static func format(milliseconds: Int64) -> String {
        let millis = ((milliseconds % 1000) + 1000) % 1000
        let seconds = (milliseconds - millis) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil-from-days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }
}
