import NitroTasks

let report = defineTask(meta: TaskMeta(description: "Weekly report")) { event in
    TaskResult(result: "report at \(event.payload.int("scheduledTime") ?? -1)")
}
