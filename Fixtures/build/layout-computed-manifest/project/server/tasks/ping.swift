import NitroTasks

let ping = defineTask { _ in TaskResult(result: "pong") }
