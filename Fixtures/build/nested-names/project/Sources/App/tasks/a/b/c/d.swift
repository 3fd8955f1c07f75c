import NitroTasks

let deep = defineTask(
    meta: TaskMeta(description: "Four levels deep")
) { event in
    TaskResult(result: "ok")
}
