import NitroTasks

let myTask = defineTask { event in
    TaskResult(result: "ok")
}
