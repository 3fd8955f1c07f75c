import Foundation
import NitroSync
import NitroTasks

/// The tasks dashboard of development mode, served by ``TaskRoutes`` under ``prefix``
/// (`/_nitro/tasks/~ui`): every task and schedule, a Run button with a JSON payload editor, the
/// runs in flight and the recent runs of each task, and a timeline of the last hour's scheduled
/// runs. Docs/Development-Server.md shows it.
///
/// It remembers runs by observing its runner (``TaskRunner/addObserver(_:)``), so create one per
/// runner: ``TaskRoutes/init(runner:context:remoteAddressPolicy:)`` creates one, and the built-in
/// server creates its routes once. The history is kept in memory, at most ``historyLimit`` runs
/// per task and the scheduled runs of the last hour.
///
/// `~` cannot be part of a task name (names are `:`-separated segments of ASCII letters, digits,
/// `-`, `_` and `.`, which `nitro build` checks for scanned and configured tasks alike), so no task
/// route is hidden by the dashboard's.
public final class TaskDashboard: Sendable {
    /// The path of the dashboard (`/_nitro/tasks/~ui`); its page, script, style sheet, state and
    /// run endpoint are below it.
    public static let prefix = TaskRoutes.prefix + "/~ui"

    /// The runner whose tasks it shows and runs.
    public let runner: TaskRunner
    /// How many settled runs of each task it keeps.
    public let historyLimit: Int
    let history: Locked<RunHistory>
    let clock: @Sendable () -> Date

    /// Creates the dashboard of `runner` and starts observing its runs.
    ///
    /// - Parameters:
    ///   - runner: the runner whose tasks it shows (it adds an observer to it).
    ///   - historyLimit: how many settled runs of each task to keep (20 by default; at least 1).
    ///   - clock: the current time, for run start times and the next instants of the schedules.
    public init(runner: TaskRunner, historyLimit: Int = 20, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.runner = runner
        self.historyLimit = max(1, historyLimit)
        self.clock = clock
        let history = Locked(RunHistory(limit: historyLimit))
        self.history = history
        // The observer holds the history and the clock, not the dashboard: no cycle through the runner.
        runner.addObserver { event in
            let now = clock()
            history.withLock { $0.record(event, at: now) }
        }
    }

    /// Whether `path` (percent-encoded, without query) is the dashboard or below it.
    public static func matches(path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }
}
