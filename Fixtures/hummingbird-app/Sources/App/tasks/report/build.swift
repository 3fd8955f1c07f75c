import NitroTasks

let buildReport = defineTask(meta: TaskMeta(description: "Builds a report (takes ~2 s)")) { event in
    let milliseconds = event.payload.int("ms") ?? 2000
    print("report:build: started (\(milliseconds) ms)")
    try await Task.sleep(for: .milliseconds(milliseconds))
    print("report:build: finished")
    return TaskResult(result: ["rows": 42, "ms": milliseconds])
}
