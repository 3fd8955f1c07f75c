import Foundation

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

    /// The schedules whose platform string (or, failing that, whose own expression) is `cron`.
    static func schedules(matching cron: String, platform: String, in registry: TaskRegistry) -> [TaskRegistry.Schedule] {
        let exact = registry.scheduledTasks.filter { $0.platformCrons[platform] == cron }
        if !exact.isEmpty { return exact }
        return registry.scheduledTasks.filter { $0.cron == cron }
    }

    /// The tasks of those schedules, each once, in order.
    static func tasks(of schedules: [TaskRegistry.Schedule]) -> [String] {
        var seen = Set<String>()
        return schedules.flatMap(\.tasks).filter { seen.insert($0).inserted }
    }
}
