import NitroTasks

let migrate = defineTask(
    meta: TaskMeta(name: "db:migrate", description: "Run database migrations")
) { event in
    print("Running DB migration task...")
    return TaskResult(result: "Success")
}
