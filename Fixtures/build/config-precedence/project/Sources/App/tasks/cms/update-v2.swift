import NitroTasks

let cmsUpdateV2 = defineTask { event in
    TaskResult(result: "ok")
}
