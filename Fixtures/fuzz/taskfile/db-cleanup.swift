import NitroTasks

/// Removes sessions older than `days` (default 30).
let cleanup = defineTask(
    meta: TaskMeta(description: "Delete expired sessions")
) { event in
    let days = event.payload["days"]?.intValue ?? 30
    let cutoff = Database.shared.cutoff(daysAgo: days)
    return TaskResult(result: ["olderThanDays": .number(Double(days)), "cutoff": .string(cutoff)])
}
