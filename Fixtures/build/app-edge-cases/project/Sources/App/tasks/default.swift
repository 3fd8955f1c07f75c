import NitroTasks

// A keyword as a symbol, in backticks.
let `default` = defineTask { _ in TaskResult(result: "default") }
