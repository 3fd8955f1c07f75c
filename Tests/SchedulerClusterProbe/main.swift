// A small app for the run-once tests: runs a scheduler with an every-second task and a tick
// claim, for a given number of seconds. Each run appends "PID SCHEDULED-MS" to a log file.
//
//   SchedulerClusterProbe CLAIM-DIR LOG-FILE SECONDS
//   SchedulerClusterProbe CLAIM-DIR LOG-FILE signal    run until SIGINT/SIGTERM (TaskScheduler.runUntilSignal)
//   SchedulerClusterProbe redis://… LOG-FILE SECONDS   claims on Redis (exit 2 if it cannot log in)
import Foundation
import NitroTasks
import NitroTasksRedis

#if canImport(Glibc)
    import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count == 4, arguments[3] == "signal" || Double(arguments[3]) != nil else {
    FileHandle.standardError.write(Data("usage: SchedulerClusterProbe CLAIM-DIR LOG-FILE SECONDS\n".utf8))
    exit(64)
}
let logFile = arguments[2]

let tick = defineTask { event in
    let line = "\(getpid()) \(Int64(event.payload["scheduledTime"]?.doubleValue ?? -1))\n"
    let descriptor = open(logFile, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    guard descriptor >= 0 else { throw TaskError(statusCode: 500, message: "cannot open \(logFile)") }
    defer { close(descriptor) }
    _ = line.withCString { write(descriptor, $0, strlen($0)) }
}

let runner = TaskRunner(
    registry: TaskRegistry(
        tasks: [.init("tick", definition: { tick })],
        scheduledTasks: [.init(cron: "* * * * * *", tasks: ["tick"])]))
let claim: any TickClaim
if arguments[1].hasPrefix("redis://") {
    do {
        claim = try await RedisTickClaim.connect(url: try RedisURL(arguments[1]), keyPrefix: "probe:")
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(2)
    }
} else {
    claim = FileTickClaim(directory: arguments[1])
}
let scheduler = TaskScheduler(runner: runner, options: .init(claim: claim))
if let seconds = Double(arguments[3]) {
    try scheduler.start(environment: [:])
    try await Task.sleep(for: .seconds(seconds))
    await scheduler.shutdown()
} else {
    try await scheduler.runUntilSignal(environment: [:])
    FileHandle.standardError.write(Data("stopped\n".utf8))
}
