import NitroTasks

let ping = defineTask(
    meta: TaskMeta(description: "Answer pong")
) { event in
    TaskResult(result: "pong")
}
