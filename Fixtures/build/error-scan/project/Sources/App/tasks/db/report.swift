import NitroTasks

let dbReport = defineTask { event in
    TaskResult(result: "ok")
}
