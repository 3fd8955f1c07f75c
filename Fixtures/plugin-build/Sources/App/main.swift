import NitroTasks

// Lists the registry the build plugin generated: one line per task, then the schedules.
// `App run NAME` runs a task and prints its result.
let registry = TaskRegistry.generated
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "run", let name = arguments.dropFirst().first {
    TaskRunner.bootstrap(registry)
    do {
        let result = try await runTask(name)
        print(JSONWriter.compact(result.json))
    } catch {
        print("error \(error)")
    }
} else {
    for entry in registry.entries {
        print("\(entry.name) | \(entry.description ?? "-")")
    }
    for schedule in registry.scheduledTasks {
        print("\(schedule.cron) -> \(schedule.tasks.joined(separator: ", "))")
    }
}
