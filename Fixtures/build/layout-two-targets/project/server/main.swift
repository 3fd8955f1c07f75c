import NitroTasks

// list     the generated registry: one task per line, then the schedules
// run-all  run every task through it, one line each (a task without a handler prints its error)
let runner = TaskRunner.bootstrap(.generated)
switch CommandLine.arguments.dropFirst().first {
case "list":
    for entry in runner.registry.entries {
        print("\(entry.name) | \(entry.description ?? "-")")
    }
    for schedule in runner.registry.scheduledTasks {
        print("\(schedule.cron) -> \(schedule.tasks.joined(separator: ", "))")
    }
case "run-all":
    for name in runner.registry.names {
        do {
            let outcome = try await runTask(name)
            print("\(name) \(JSONWriter.compact(outcome.json))")
        } catch {
            print("\(name) error \(error)")
        }
    }
default:
    print("usage: list | run-all")
}
