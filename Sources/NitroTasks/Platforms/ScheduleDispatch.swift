import Foundation
import NitroCron

/// Runs the tasks of one schedule in parallel, for the platform entry points.
enum ScheduleDispatch {
    /// One task's outcome.
    struct Outcome: Sendable {
        let task: String
        let result: Result<TaskResult, any Error>
    }

    /// Runs every task with payload `scheduledTime` (milliseconds since 1970) and the context,
    /// reporting `trigger` to the runner's observers; returns the outcomes in the schedule's task
    /// order.
    static func run(
        _ tasks: [String], runner: TaskRunner, scheduledTime: Double, context: TaskContext, trigger: TaskTrigger
    ) async -> [Outcome] {
        await withTaskGroup(of: (Int, Outcome).self) { group in
            for (index, name) in tasks.enumerated() {
                group.addTask {
                    do {
                        let result = try await runner.run(
                            name, payload: ["scheduledTime": .number(scheduledTime)], context: context, trigger: trigger)
                        return (index, Outcome(task: name, result: .success(result)))
                    } catch {
                        return (index, Outcome(task: name, result: .failure(error)))
                    }
                }
            }
            var outcomes: [(Int, Outcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The schedules that list `cron` among their platform strings (or, failing that, whose own
    /// expression is `cron`).
    static func schedules(matching cron: String, platform: String, in registry: TaskRegistry) -> [TaskRegistry.Schedule] {
        let exact = registry.scheduledTasks.filter { $0.platformCrons[platform]?.contains(cron) == true }
        if !exact.isEmpty { return exact }
        return registry.scheduledTasks.filter { $0.cron == cron }
    }

    /// Splits matched schedules into those due at the platform's invocation `instant` (an instant
    /// of their own expression in their zone, taken to the minute) and those not due: a UTC cron
    /// that covers a zone's several offsets fires at the other offsets' times too.
    ///
    /// A schedule whose expression this runtime cannot read (a registry from another version) is
    /// due, as before filtering existed, and reported through `log`.
    static func due(
        _ schedules: [TaskRegistry.Schedule], at instant: Date, registry: TaskRegistry, log: (String) -> Void
    ) -> (due: [TaskRegistry.Schedule], skipped: [TaskRegistry.Schedule]) {
        var due: [TaskRegistry.Schedule] = []
        var skipped: [TaskRegistry.Schedule] = []
        for schedule in schedules {
            let zoneName = schedule.timeZone ?? registry.timeZone
            guard let zone = TimeZone(identifier: zoneName), let expression = try? CronExpression(schedule.cron, timeZone: zone)
            else {
                log("schedule '\(schedule.cron)' in '\(zoneName)' cannot be read by this runtime; running its tasks at every invocation")
                due.append(schedule)
                continue
            }
            if expression.firesAt(platformInstant: instant) { due.append(schedule) } else { skipped.append(schedule) }
        }
        return (due, skipped)
    }

    /// Why an invocation ran nothing, for the debug log.
    static func skippedMessage(
        _ skipped: [TaskRegistry.Schedule], cron: String, at instant: Date, registry: TaskRegistry
    ) -> String {
        let list = skipped.map { "'\($0.cron)' in \($0.timeZone ?? registry.timeZone)" }.joined(separator: ", ")
        return
            "cron '\(cron)' at \(CronTimestamp.format(instant)) is not an instant of \(list); nothing to run (the platform cron covers the zone's other UTC offsets)"
    }

    /// The tasks of those schedules, each once, in order.
    static func tasks(of schedules: [TaskRegistry.Schedule]) -> [String] {
        var seen = Set<String>()
        return schedules.flatMap(\.tasks).filter { seen.insert($0).inserted }
    }
}
