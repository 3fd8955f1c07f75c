import NitroTasks

let report = defineTask(meta: TaskMeta(description: "Weekly report")) { event in
    TaskResult(result: .string("report at \(event.payload["scheduledTime"]?.intValue ?? -1)"))
}
