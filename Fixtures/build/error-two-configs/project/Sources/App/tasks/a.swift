import NitroTasks

let a = defineTask { event in
    TaskResult(result: "ok")
}
