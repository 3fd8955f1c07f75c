import NitroTasks
import NitroTasksRoutes
import ServiceLifecycle

/// The NitroTasks scheduler as a swift-service-lifecycle `Service`. `TaskScheduler.run()` runs
/// until its task is cancelled, then shuts down gracefully (runs in flight get the grace period);
/// `cancelWhenGracefulShutdown` turns the group's graceful shutdown into that cancellation.
struct SchedulerService: Service {
    let scheduler: TaskScheduler

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await scheduler.run() }
    }
}

/// Returns when the supervising `nitro dev` has gone away (or on the group's graceful shutdown);
/// the group is configured to shut down gracefully when it returns.
struct ParentProcessService: Service {
    let dev: NitroDevEnvironment

    func run() async {
        await cancelWhenGracefulShutdown { await dev.waitUntilParentExits() }
    }
}
