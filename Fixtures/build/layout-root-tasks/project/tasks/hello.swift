import NitroTasks

let hello = defineTask(meta: TaskMeta(description: "Say hello")) { _ in TaskResult(result: "hello") }
