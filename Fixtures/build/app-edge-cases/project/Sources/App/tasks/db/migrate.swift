import NitroTasks

let migrate = defineTask(
    meta: TaskMeta(name: "db:migrate", description: "Run database migrations")
) { event in
    return TaskResult(result: "Success")
}
