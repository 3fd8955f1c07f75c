import NitroTestSupport
import Foundation
import NitroSync
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// The long-running calls have the shape of a service's `run()`: they run until their task is
/// cancelled, then shut down gracefully and return (no signal handler, no `exit`).
@Suite("Lifecycles")
struct LifecycleTests {
    @Test func untilCancelledReturnsOnCancellationAndAtOnceWhenAlreadyCancelled() async {
        let waiting = Task { await untilCancelled() }
        waiting.cancel()
        await waiting.value
        let late = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await untilCancelled()
            return Task.isCancelled
        }
        #expect(await late.value)
    }

    @Test func schedulerRunReturnsAfterCancellationWithTheRunInFlightDrained() async throws {
        let started = Gate()
        let release = Gate()
        let finished = Locked(0)
        let slow = defineTask { _ in
            started.open()
            await release.wait()
            finished.withLock { $0 += 1 }
        }
        let clock = ManualSchedulerClock(now: try Date("2024-05-01T10:00:30Z", strategy: .iso8601))
        let scheduler = TaskScheduler(
            runner: TaskRunner(
                registry: TaskRegistry(
                    tasks: [.init("slow", definition: { slow })], scheduledTasks: [.init(cron: "* * * * *", tasks: ["slow"])])),
            options: .init(gracePeriod: .seconds(30)), clock: clock)
        let running = Task { try await scheduler.run(environment: [:]) }
        await clock.waitForSleepers(1)
        clock.advance(by: 30)  // 10:01:00: the tick starts `slow`
        await started.wait()
        running.cancel()
        // Shutdown waits for the run in flight (within the grace period of the manual clock).
        await clock.waitForSleepers(1)  // the grace-period timer, and no schedule timer any more
        #expect(finished.withLock { $0 } == 0)
        release.open()
        try await running.value
        #expect(finished.withLock { $0 } == 1)
        #expect(clock.sleeperCount == 0)  // no timer left behind
        #expect(throws: SchedulerError.self) { try scheduler.start(environment: [:]) }  // it ran and stopped
    }

    @Test func schedulerRunThrowsBeforeRunningWhenStartFails() async {
        let scheduler = TaskScheduler(
            runner: TaskRunner(registry: TaskRegistry(tasks: [], scheduledTasks: [], timeZone: "Mars/Olympus_Mons")))
        await #expect(throws: SchedulerError.self) { try await scheduler.run(environment: [:]) }
    }

    @Test func devServerRunReturnsAfterCancellationAndClosesItsPort() async throws {
        let server = DevServer(runner: TaskRunner(registry: devServerTestRegistry()), configuration: .init(infoFile: nil))
        let running = Task { try await server.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while server.port == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(2)) }
        let port = try #require(server.port)
        let response = try await offThread { try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks/db:migrate") }
        #expect(response.status == 200)
        running.cancel()
        try await running.value
        #expect(throws: TestSocketFailure.self) { _ = try connectedLoopbackSocket(port: port) }
    }

    @Test func aSecondBootstrapIsRefusedAndKeepsTheFirstRunner() throws {
        let slot = RunnerSlot()
        let first = TaskRunner(registry: TaskRegistry(tasks: []))
        try slot.install(first)
        let error = try #require(throws: RunnerSlot.AlreadyInstalled.self) {
            try slot.install(TaskRunner(registry: TaskRegistry(tasks: [])))
        }
        #expect(error.message.hasPrefix("TaskRunner.bootstrap was called twice"))
        #expect(error.message.contains("keep the runner it returns"))
        #expect(slot.runner === first)
    }

    @Test func runTaskWithoutAnInstalledRunnerIs500() async {
        let error = await #expect(throws: TaskError.self) {
            try await RunnerSlot().run("db:migrate", payload: [:], context: TaskContext())
        }
        #expect(error?.statusCode == 500)
        #expect(error?.message.contains("TaskRunner.bootstrap(.generated)") == true)
    }
}

/// The requirement of swift-service-lifecycle's `Service` (this package does not depend on it):
/// both long-running types conform in one line, with nothing to write.
protocol ServiceShape: Sendable {
    func run() async throws
}

extension TaskScheduler: ServiceShape {}
extension DevServer: ServiceShape {}
