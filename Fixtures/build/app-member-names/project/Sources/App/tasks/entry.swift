import NitroTasks

// Named like a member of `TaskRegistry` (`Entry`).
let Entry = defineTask { _ in TaskResult(result: "Entry") }
