import Foundation
import NitroTasks

// The app's entry point.
//   App run NAME [PAYLOAD-JSON]   run one task through the generated registry and print its result
//   App dev                       development mode: serve the tasks over HTTP and run the
//                                 schedules until Ctrl-C (`nitro dev` starts the app with
//                                 NITRO_DEV=1, which does the same)
//   App serve                     production mode: run the schedules until SIGTERM
// Set NITRO_SCHEDULER=off to keep the schedules from running (tests do).
let runner = TaskRunner.bootstrap(.generated)
var arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "dev" || ProcessInfo.processInfo.environment["NITRO_DEV"] == "1" {
    let scheduler = TaskScheduler(runner: runner)
    do {
        try scheduler.start()
        try await DevServer.serve(runner: runner)
        await scheduler.shutdown()
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
}

switch arguments.first {
case "serve":
    do {
        try await TaskScheduler(runner: runner).run()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
case "run":
    guard arguments.count >= 2 else {
        FileHandle.standardError.write(Data("usage: App run NAME [PAYLOAD-JSON]\n".utf8))
        exit(64)
    }
    var payload: TaskPayload = [:]
    if arguments.count >= 3 {
        payload = TaskPayload((try? JSONReader.parse(arguments[2]))?.objectValue ?? [:])
    }
    do {
        let outcome = try await runTask(arguments[1], payload: payload)
        print(JSONWriter.compact(outcome.json))
    } catch let error as TaskError {
        FileHandle.standardError.write(Data("error \(error.statusCode): \(error.message)\n".utf8))
        exit(1)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
default:
    print("tasks: \(runner.registry.names.joined(separator: ", "))")
}
