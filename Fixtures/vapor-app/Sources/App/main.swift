import NitroTasks
import NitroTasksRoutes
import Vapor

// The registry `nitro build` generated (NitroTasks.generated.swift), installed for `runTask`.
let runner = TaskRunner.bootstrap(.generated)
// Under `nitro dev` (NITRO_DEV=1): listen where it says, serve the task routes, write .nitro/dev.json.
let dev = try NitroDevEnvironment()

var environment = try Environment.detect()   // `--env production`; development by default
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
if dev.isEnabled {
    app.http.server.configuration.hostname = dev.host
    app.http.server.configuration.port = dev.port
}
// The schedules run while the app runs, and drain when it stops (SIGTERM, Ctrl-C).
app.lifecycle.use(SchedulerLifecycle(scheduler: TaskScheduler(runner: runner)))
// Vercel Cron Jobs call this route; it checks CRON_SECRET.
app.get("_vercel", "cron", use: VercelCronRoute(handler: VercelCronHandler(runner: runner)).respond)
// GET /_nitro/tasks and GET|POST /_nitro/tasks/NAME: in development only.
if app.environment == .development || dev.isEnabled {
    app.middleware.use(TaskRoutesMiddleware(routes: TaskRoutes(runner: runner)))
}

do {
    try await app.startup()   // boots, then runs the command: `serve` by default, which listens
    if dev.isEnabled, let port = app.http.server.shared.localAddress?.port {
        try dev.writeInfoFile(port: port)   // what `nitro dev` waits for, and how `nitro task` finds this server
        Task {   // when the supervising `nitro dev` goes away, stop as on SIGTERM
            await dev.waitUntilParentExits()
            app.running?.stop()
        }
    }
    try await app.running?.onStop.get()   // until SIGTERM or Ctrl-C (what `app.execute()` does)
} catch {
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()   // runs SchedulerLifecycle.shutdownAsync, then stops the server
if dev.isEnabled { dev.removeInfoFile() }
