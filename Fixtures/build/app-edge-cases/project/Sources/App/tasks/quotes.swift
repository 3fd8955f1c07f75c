import NitroTasks

let quotes = defineTask(
    meta: TaskMeta(description: "Say \"hi\" \\ back\tslash \u{E9}t\u{E9} 🚀")
) { _ in
    TaskResult(result: "quotes")
}
