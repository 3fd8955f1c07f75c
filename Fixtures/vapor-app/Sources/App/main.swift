import NitroTasks
import NitroTasksRoutes
import Vapor

// The registry `nitro build` generated (NitroTasks.generated.swift), installed for `runTask`.
let runner = TaskRunner.bootstrap(.generated)

var environment = try Environment.detect()   // `--env production`; development by default
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
// The schedules run while the app runs, and drain when it stops (SIGTERM, Ctrl-C).
app.lifecycle.use(SchedulerLifecycle(scheduler: TaskScheduler(runner: runner)))
// Vercel Cron Jobs call this route; it checks CRON_SECRET.
app.get("_vercel", "cron", use: VercelCronRoute(handler: VercelCronHandler(runner: runner)).respond)
// GET /_nitro/tasks and GET|POST /_nitro/tasks/NAME: in development only.
if app.environment == .development {
    app.middleware.use(TaskRoutesMiddleware(routes: TaskRoutes(runner: runner)))
}

do {
    try await app.execute()   // `serve` by default: until SIGTERM or Ctrl-C
} catch {
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()   // runs SchedulerLifecycle.shutdownAsync, then stops the server
