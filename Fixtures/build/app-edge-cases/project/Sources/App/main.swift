import Foundation
import NitroTasks

// App list              print the generated registry
// App run NAME…         run tasks through the registry, one JSON result per line
let runner = TaskRunner.bootstrap(.generated)
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "list":
    for entry in runner.registry.entries {
        let handler = entry.definition == nil ? "no handler" : "handler"
        print("\(entry.name) | \(entry.description ?? "-") | \(handler)")
    }
    for schedule in runner.registry.scheduledTasks {
        print("\(schedule.cron) -> \(schedule.tasks.joined(separator: ", "))")
    }
    print("timeZone \(runner.registry.timeZone)")
case "run":
    for name in arguments.dropFirst() {
        do {
            let outcome = try await runTask(name)
            print("\(name) \(JSONWriter.compact(outcome.json))")
        } catch let error as TaskError {
            print("\(name) error \(error.statusCode): \(error.message)")
        }
    }
default:
    print("usage: App list | App run NAME…")
}
