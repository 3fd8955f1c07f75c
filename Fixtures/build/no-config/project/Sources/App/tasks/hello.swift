import NitroTasks

let hello = defineTask(
    meta: TaskMeta(description: "Say hello")
) { event in
    TaskResult(result: "ok")
}
