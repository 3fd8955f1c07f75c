import NitroTasks

let legacyWeekly = defineTask { event in
    TaskResult(result: "ok")
}
