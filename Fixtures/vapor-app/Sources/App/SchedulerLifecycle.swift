import NitroTasks
import Synchronization
import Vapor

/// Runs the NitroTasks scheduler for as long as the Vapor application runs: started once the app
/// has booted, cancelled (a graceful shutdown: runs in flight finish within the grace period) when
/// the app shuts down.
final class SchedulerLifecycle: LifecycleHandler {
    let scheduler: TaskScheduler
    private let running = Mutex<Task<Void, any Error>?>(nil)

    init(scheduler: TaskScheduler) {
        self.scheduler = scheduler
    }

    func didBootAsync(_ application: Application) async throws {
        let scheduler = self.scheduler
        running.withLock { $0 = Task { try await scheduler.run() } }
    }

    func shutdownAsync(_ application: Application) async {
        guard let task = running.withLock({ $0.take() }) else { return }
        task.cancel()
        do {
            try await task.value
        } catch {
            application.logger.report(error: error)
        }
    }
}
