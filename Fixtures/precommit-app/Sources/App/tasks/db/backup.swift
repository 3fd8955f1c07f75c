import NitroTasks

let backup = defineTask(meta: TaskMeta(description: "Back up the database")) { _ in
    TaskResult(result: "backed up")
}
