import NitroTasks

#if os(Linux)
    let platform = defineTask(meta: TaskMeta(description: "Which platform")) { _ in TaskResult(result: "linux") }
#else
    let platform = defineTask(meta: TaskMeta(description: "Which platform")) { _ in TaskResult(result: "other") }
#endif
