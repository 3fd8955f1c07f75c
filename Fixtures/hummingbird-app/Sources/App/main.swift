import Hummingbird
import NitroTasks
import NitroTasksRoutes
import ServiceLifecycle

// The registry `nitro build` generated (NitroTasks.generated.swift), installed for `runTask`.
let runner = TaskRunner.bootstrap(.generated)
// Under `nitro dev` (NITRO_DEV=1): listen where it says, serve the task routes, write .nitro/dev.json.
let dev = try NitroDevEnvironment()
let environment = Environment()

let router = Router(context: AppRequestContext.self)
router.get("/") { _, _ in "hummingbird-app\n" }
// Vercel Cron Jobs call this route; it checks CRON_SECRET.
router.get("/_vercel/cron", use: VercelCronRoute(handler: VercelCronHandler(runner: runner)).respond)
// GET /_nitro/tasks and GET|POST /_nitro/tasks/NAME: in development only.
if dev.isEnabled || environment.get("APP_ENV") == "development" {
    router.addMiddleware { TaskRoutesMiddleware(routes: TaskRoutes(runner: runner)) }
}

let host = dev.isEnabled ? dev.host : environment.get("HOST") ?? "127.0.0.1"
let port = dev.isEnabled ? dev.port : environment.get("PORT").flatMap { Int($0) } ?? 8080
let app = Application(
    router: router,
    configuration: .init(address: .hostname(host, port: port)),
    onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? port
        print("hummingbird-app: listening on http://\(host):\(bound)")
        if dev.isEnabled {   // what `nitro dev` waits for, and how `nitro task` finds this server
            do { try dev.writeInfoFile(port: bound) } catch { print("hummingbird-app: cannot write \(dev.infoFile): \(error)") }
        }
    }
)

// The scheduler and the server in one ServiceGroup: SIGTERM or Ctrl-C shuts both down gracefully
// (the scheduler first: its runs in flight get their grace period; then the server finishes the
// requests in flight).
var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
    .init(service: app),
    .init(service: SchedulerService(scheduler: TaskScheduler(runner: runner))),
]
if dev.isEnabled {
    // When the supervising `nitro dev` goes away, shut the group down too.
    services.append(.init(service: ParentProcessService(dev: dev), successTerminationBehavior: .gracefullyShutdownGroup))
}
let group = ServiceGroup(
    configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: app.logger))
try await group.run()
if dev.isEnabled { dev.removeInfoFile() }
