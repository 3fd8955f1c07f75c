import NitroTasks

let ping = defineTask(meta: TaskMeta(description: "Ping")) { _ in
    TaskResult(result: "pong")
}
