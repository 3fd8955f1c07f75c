import NitroTasks

// Named like a member of `TaskRegistry` (`timeZone`).
let timeZone = defineTask { _ in TaskResult(result: "timeZone") }
