import NitroTasks

let cafe = defineTask(meta: TaskMeta(description: "café")) { _ in }
