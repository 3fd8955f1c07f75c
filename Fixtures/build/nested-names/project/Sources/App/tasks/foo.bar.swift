import NitroTasks

let fooBar = defineTask(
    meta: TaskMeta(description: "Only the last extension goes")
) { event in
    TaskResult(result: "ok")
}
