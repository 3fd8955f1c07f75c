import NitroTasks

let warm = defineTask { event in
    TaskResult(result: "ok")
}
