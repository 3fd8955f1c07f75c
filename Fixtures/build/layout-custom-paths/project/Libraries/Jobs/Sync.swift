import NitroTasks

public let sync = defineTask { _ in TaskResult(result: "synced") }
