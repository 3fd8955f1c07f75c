import NitroTasks

let ignored = defineTask { event in
    TaskResult(result: "ok")
}
