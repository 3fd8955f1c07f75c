import NitroTasks

// Named like a member of `TaskRegistry` (`entries`).
let entries = defineTask { _ in TaskResult(result: "entries") }
