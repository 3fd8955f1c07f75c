import NitroTasks

let migrate = defineTask(meta: TaskMeta(description: "Run database migrations")) { _ in
    TaskResult(result: "migrated")
}
