import NitroTasks

// list     the generated registry: one task per line, then the schedules
// run-all  run every task through it, one line each
let runner = TaskRunner.bootstrap(.generated)
switch CommandLine.arguments.dropFirst().first {
case "list":
    for entry in runner.registry.entries {
        print("\(entry.name) | \(entry.description ?? "-")")
    }
case "run-all":
    for name in runner.registry.names {
        let outcome = try await runTask(name)
        print("\(name) \(JSONWriter.compact(outcome.json))")
    }
default:
    print("usage: list | run-all")
}
