import NitroTasks

let migrate = defineTask { event in
    TaskResult(result: "ok")
}
