import NitroTasks

let update = defineTask(meta: TaskMeta(description: "Refresh the CMS cache")) { _ in
    TaskResult(result: "updated")
}
