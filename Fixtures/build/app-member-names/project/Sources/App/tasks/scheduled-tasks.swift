import NitroTasks

// Named like a member of `TaskRegistry` (`scheduledTasks`).
let scheduledTasks = defineTask { _ in TaskResult(result: "scheduledTasks") }
