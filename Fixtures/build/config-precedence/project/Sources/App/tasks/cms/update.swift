import NitroTasks

let cmsUpdate = defineTask(
    meta: TaskMeta(description: "Old update")
) { event in
    TaskResult(result: "ok")
}
