import NitroTasks

let drain = defineTask(meta: TaskMeta(description: "Drain the job queue")) { _ in
    TaskResult(result: "drained")
}
