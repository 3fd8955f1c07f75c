import NitroTasks

let live = defineTask(
    meta: TaskMeta(description: "Live task")
) { event in
    TaskResult(result: "ok")
}
