import NitroTasks

let sync = defineTask(
    meta: TaskMeta(description: "Sync")
) { event in
    TaskResult(result: "ok")
}
