import NitroTasks

let cmsReport = defineTask { event in
    TaskResult(result: "ok")
}
