import NitroTasks

let schedulerEnabled = defineTask(meta: TaskMeta(description: "named like a member")) { _ in }
