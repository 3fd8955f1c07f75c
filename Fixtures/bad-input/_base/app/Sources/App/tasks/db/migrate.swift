import NitroTasks

let migrate = defineTask(
    meta: TaskMeta(name: "db:migrate", description: "Run database migrations")
) { _ in
    TaskResult(result: "Success")
}
