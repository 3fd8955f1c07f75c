import NitroTasks

let b = defineTask(
    meta: TaskMeta(description: "Second (added after the last build)")
) { event in
    TaskResult(result: "ok")
}
