import NitroTasks

// Named like a member of `TaskRegistry` (`generated`).
let generated = defineTask { _ in TaskResult(result: "generated") }
