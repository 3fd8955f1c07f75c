import NitroTasks

let a = defineTask(
    meta: TaskMeta(description: "First")
) { event in
    TaskResult(result: "ok")
}
