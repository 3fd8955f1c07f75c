import NitroTasks

/// A task of another module, whose name is also a nested type of `TaskRegistry`.
public let sync = defineTask(meta: TaskMeta(description: "Sync")) { _ in TaskResult(result: "synced") }
