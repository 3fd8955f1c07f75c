import NitroTasks

// Named like a member of `TaskRegistry` (`index`).
let index = defineTask { _ in TaskResult(result: "index") }
