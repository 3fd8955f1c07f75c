import NitroTasks

// `let sync` would clash with nothing here: VendorTasks.sync lives in another module.
let v12Sync = defineTask(meta: TaskMeta(description: "Dotted folder")) { _ in TaskResult(result: "v1.2") }
