import NitroTasks

let deep = defineTask { _ in TaskResult(result: "deep") }
