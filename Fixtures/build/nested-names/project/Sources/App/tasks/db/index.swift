import NitroTasks

let dbIndex = defineTask(
    meta: TaskMeta(description: "`index` is not special: this is db:index")
) { event in
    TaskResult(result: "ok")
}
