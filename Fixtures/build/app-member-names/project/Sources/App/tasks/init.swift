import NitroTasks

// Named like a member of `TaskRegistry` (`init`).
let `init` = defineTask { _ in TaskResult(result: "init") }
