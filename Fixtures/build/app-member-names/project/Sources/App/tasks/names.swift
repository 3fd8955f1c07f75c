import NitroTasks

// Named like a member of `TaskRegistry` (`names`).
let names = defineTask { _ in TaskResult(result: "names") }
