import NitroTasks

let report = defineTask(
    meta: TaskMeta(description: "Daily report")
) { event in
    TaskResult(result: "ok")
}
