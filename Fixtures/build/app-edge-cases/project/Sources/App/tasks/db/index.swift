import NitroTasks

// `index` is not special: this is db:index.
let dbIndex = defineTask { _ in TaskResult(result: "db:index") }
