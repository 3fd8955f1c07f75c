import NitroTasks

// Named like a member of `TaskRegistry` (`schedulerEnabled`).
let schedulerEnabled = defineTask { _ in TaskResult(result: "schedulerEnabled") }
