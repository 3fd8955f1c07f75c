import NitroTasks

let nightly = defineTask(
    meta: TaskMeta(description: "Nightly maintenance")
) { event in
    TaskResult(result: "ok")
}
