import NitroTasks

let echoPayload = defineTask(
    meta: TaskMeta(name: "echo:payload", description: "Returns the provided payload")
) { event in
    print("Running echo task...")
    return TaskResult(result: event.payload)
}
