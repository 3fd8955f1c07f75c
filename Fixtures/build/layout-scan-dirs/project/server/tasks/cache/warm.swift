import NitroTasks

let warm = defineTask(meta: TaskMeta(description: "Warm the cache")) { _ in
    TaskResult(result: "warmed")
}
