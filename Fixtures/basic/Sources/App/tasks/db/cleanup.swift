import NitroTasks

/// Removes sessions older than `days` (default 30; `?days=7` works as well as `{"days": 7}`).
let cleanup = defineTask(
    meta: TaskMeta(description: "Delete expired sessions")
) { event in
    let days = event.payload.int("days") ?? 30
    let cutoff = Database.shared.cutoff(daysAgo: days)
    return TaskResult(result: ["olderThanDays": days, "cutoff": cutoff])
}
