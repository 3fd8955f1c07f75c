import NitroTasks

let migrate = defineTask(
    meta: TaskMeta(description: "Run database migrations")
) { event in
    TaskResult(result: "ok")
}
