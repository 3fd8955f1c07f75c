import NitroTasks

let greet = defineTask(meta: TaskMeta(description: "Greets someone (every second on schedule)")) { event in
    let name = event.payload.string("name") ?? "world"
    if let scheduledTime = event.payload.double("scheduledTime") {
        print("greet: scheduled run at \(Int(scheduledTime))")
    }
    return TaskResult(result: "Hello, \(name)!")
}
