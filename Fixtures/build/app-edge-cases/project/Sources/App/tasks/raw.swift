import NitroTasks

let raw = defineTask(meta: TaskMeta(description: #"Raw "quoted" \n stays, \#t is a tab"#)) { _ in
    TaskResult(result: "raw")
}
