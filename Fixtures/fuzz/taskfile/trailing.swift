import NitroTasks
let report = defineTask { _ in }
#if os(Linux)
let other = defineTask(meta: TaskMeta(description: "two"), run: { _ in TaskResult() })
#elseif canImport(Darwin)
var third = TaskDefinition(meta: nil) { _ in TaskResult() }
#else
#endif
