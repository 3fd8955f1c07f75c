import NitroTasks

let purge = defineTask { event in
    TaskResult(result: "ok")
}
