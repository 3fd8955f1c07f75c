import NitroTasks

let dailyV2 = defineTask { event in
    TaskResult(result: "ok")
}
