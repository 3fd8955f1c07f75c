/// Every task and schedule of an app. `nitro build` generates one as `TaskRegistry.generated`.
public struct TaskRegistry: Sendable {
    /// One registered task.
    public struct Entry: Sendable {
        /// The name it runs under (`db:migrate`).
        public let name: String
        /// What to show for it: its `meta.description`, else the config's `description`.
        public let description: String?
        /// Produces the definition on first use (a reference to a global, which Swift initialises
        /// lazily); `nil` for a task registered in the config without a handler (runs fail with 501).
        public let definition: (@Sendable () -> TaskDefinition)?

        /// Creates an entry.
        public init(
            _ name: String, description: String? = nil, definition: (@Sendable () -> TaskDefinition)?
        ) {
            self.name = name
            self.description = description
            self.definition = definition
        }
    }

    /// One cron expression and the tasks it runs, in parallel, at each of its instants.
    public struct Schedule: Sendable, Hashable {
        /// The expression as written in the config (croner syntax).
        public let cron: String
        /// The tasks to run.
        public let tasks: [String]
        /// The IANA time zone the expression is read in; `nil` means the registry's ``TaskRegistry/timeZone``.
        public let timeZone: String?
        /// The exact strings each platform sends back for this schedule, keyed by platform
        /// (`"cloudflare"`: `controller.cron`, `"vercel"`: the `x-vercel-cron-schedule` header).
        /// Several when the platform reads cron in UTC and the schedule's zone changes its offset
        /// (`0 9 * * MON` in Europe/Berlin is `0 7,8 * * MON` on Cloudflare); the app runs the
        /// tasks only at the invocations that are instants of ``cron`` in the zone.
        public let platformCrons: [String: [String]]

        /// Creates a schedule.
        public init(cron: String, tasks: [String], timeZone: String? = nil, platformCrons: [String: [String]] = [:]) {
            self.cron = cron
            self.tasks = tasks
            self.timeZone = timeZone
            self.platformCrons = platformCrons
        }

        /// Creates a schedule with one string per platform.
        public init(cron: String, tasks: [String], timeZone: String? = nil, platformCrons: [String: String]) {
            self.init(cron: cron, tasks: tasks, timeZone: timeZone, platformCrons: platformCrons.mapValues { [$0] })
        }
    }

    /// The tasks in name order.
    public let entries: [Entry]
    /// The schedules in config order.
    public let scheduledTasks: [Schedule]
    /// The IANA time zone schedules are evaluated in (`"UTC"` by default).
    public let timeZone: String
    /// Whether the in-process scheduler runs the schedules (config `scheduler.enabled`).
    public let schedulerEnabled: Bool
    /// The place of each name in ``entries`` (the runner keeps a task's runs at the same place).
    let index: [String: Int]

    /// Creates a registry. When a name repeats, the last entry wins.
    public init(
        tasks: [Entry], scheduledTasks: [Schedule] = [], timeZone: String = "UTC", schedulerEnabled: Bool = true
    ) {
        var index: [String: Int] = [:]
        var entries: [Entry] = []
        for entry in tasks {
            if let existing = index[entry.name] {
                entries[existing] = entry
            } else {
                index[entry.name] = entries.count
                entries.append(entry)
            }
        }
        self.entries = entries
        self.index = index
        self.scheduledTasks = scheduledTasks
        self.timeZone = timeZone
        self.schedulerEnabled = schedulerEnabled
    }

    /// The entry registered under `name`.
    @_disfavoredOverload
    public subscript(name: String) -> Entry? {
        index[name].map { entries[$0] }
    }

    /// The names of every task, in registration order.
    public var names: [String] { entries.map(\.name) }
}
