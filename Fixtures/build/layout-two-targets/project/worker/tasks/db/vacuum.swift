import NitroTasks

let vacuum = defineTask { _ in
    TaskResult(result: "vacuumed")
}
