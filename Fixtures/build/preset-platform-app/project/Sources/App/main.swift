import Foundation
import NitroTasks

// App cloudflare CRON SCHEDULED-TIME-MS   what the Worker's scheduled(controller) forwards
// App vercel SCHEDULE [SECRET [NOW-MS]]   a GET of the cron route with x-vercel-cron-schedule
let runner = TaskRunner(registry: .generated)
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "cloudflare" where arguments.count == 3:
    let outcome = await CloudflareScheduled.handle(
        cron: arguments[1], scheduledTime: Double(arguments[2]) ?? 0, runner: runner,
        log: { print("log: \($0)") })
    print("matched=\(outcome.matched) tasks=\(outcome.tasks.joined(separator: ",")) failures=\(outcome.failures.count)")
case "vercel" where arguments.count >= 2:
    let handler = VercelCronHandler(runner: runner, environment: ["CRON_SECRET": "correct-horse-battery"])
    var headers = ["x-vercel-cron-schedule": arguments[1]]
    headers["Authorization"] = "Bearer " + (arguments.count > 2 ? arguments[2] : "correct-horse-battery")
    let now = arguments.count > 3 ? Date(timeIntervalSince1970: (Double(arguments[3]) ?? 0) / 1000) : Date()
    let response = await handler.handle(method: "GET", headers: headers, now: now)
    print("\(response.status) \(JSONWriter.compact(response.body))")
default:
    FileHandle.standardError.write(Data("usage: App cloudflare CRON MS | App vercel SCHEDULE [SECRET [NOW-MS]]\n".utf8))
    exit(64)
}
