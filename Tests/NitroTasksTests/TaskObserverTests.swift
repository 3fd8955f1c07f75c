import NitroTestSupport
import Foundation
import NitroSync
@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes
import Testing

/// Observers see every run with its trigger, whatever started it.
@Suite("Task run observers", .timeLimit(.minutes(1)))
struct TaskObserverTests {
    struct Boom: Error, Equatable {}

    @Test func aRunFromCodeReportsStartedAndSucceededWithDurationAndResultSize() async throws {
        let log = EventLog()
        let runner = makeTestRunner(["ok": defineTask { _ in TaskResult(result: "ok") }])
        runner.addObserver(log.observer)
        _ = try await runner.run("ok")
        #expect(log.summary() == ["ok started code", "ok succeeded code"])
        let events = log.events.withLock { $0 }
        #expect(events[1].resultByteCount == #"{"result":"ok"}"#.utf8.count)
        #expect(events[1].duration != nil)
        #expect(events[0].runID == events[1].runID)
        #expect(events.allSatisfy { $0.scheduledTime == nil })
    }

    @Test func aFailingRunReportsItsError() async {
        let log = EventLog()
        let runner = makeTestRunner(
            ["bad": defineTask { (_: TaskEvent) -> TaskResult in throw Boom() }], observers: [log.observer])
        await #expect(throws: Boom()) { try await runner.run("bad", trigger: .http) }
        #expect(log.summary() == ["bad started http", "bad failed http"])
        guard case .failed(let error, _) = log.events.withLock({ $0 })[1].kind else { return }
        #expect(error is Boom)
    }

    @Test func aJoiningCallReportsJoinedWithItsOwnTrigger() async throws {
        let gate = Gate()
        let log = EventLog()
        let task = defineTask { _ in
            await gate.wait()
            return TaskResult(result: "shared")
        }
        let runner = makeTestRunner(["j": task])
        runner.addObserver(log.observer)
        runner.addObserver { event in if case .joined = event.kind { gate.open() } }
        async let first = runner.run("j")
        try await waitUntil("the first run started") { runner.isRunning("j") }
        let second = try await runner.run("j", trigger: .http)
        #expect(try await first == second)
        let summary = log.summary()
        #expect(summary.count == 3)
        #expect(Set(summary) == ["j started code", "j joined http", "j succeeded code"])
        #expect(Set(log.events.withLock { $0 }.map(\.runID)).count == 1)
    }

    @Test func anObserverAddedMidRunSeesOnlyLaterRuns() async throws {
        let log = EventLog()
        let runner = makeTestRunner(["a": defineTask { _ in TaskResult() }])
        _ = try await runner.run("a")
        runner.addObserver(log.observer)
        _ = try await runner.run("a")
        #expect(log.summary() == ["a started code", "a succeeded code"])
    }

    @Test func serialAndParallelRunsAreObservedToo() async throws {
        let log = EventLog()
        let runner = makeTestRunner(
            [
                "s": defineTask(concurrency: .serial) { _ in TaskResult() },
                "p": defineTask(concurrency: .parallel) { _ in TaskResult() },
            ], observers: [log.observer])
        _ = try await runner.run("s")
        _ = try await runner.run("p", trigger: .vercel)
        #expect(log.summary() == ["s started code", "s succeeded code", "p started vercel", "p succeeded vercel"])
    }

    @Test func theSchedulerReportsTriggerScheduleAndTheScheduledTime() async throws {
        let log = EventLog()
        let runner = TaskRunner(
            registry: TaskRegistry(
                tasks: [.init("tick", definition: { defineTask { _ in TaskResult(result: 1) } })],
                scheduledTasks: [.init(cron: "* * * * *", tasks: ["tick"])]),
            observers: [log.observer])
        let start = try Date("2024-05-01T10:00:30Z", strategy: .iso8601)
        let instant = try Date("2024-05-01T10:01:00Z", strategy: .iso8601)
        let clock = ManualSchedulerClock(now: start)
        let scheduler = TaskScheduler(runner: runner, options: .init(log: { _ in }), clock: clock)
        try scheduler.start(environment: [:])
        await clock.waitForSleepers(1)
        clock.advance(to: instant)
        await clock.waitForSleepers(1)
        await scheduler.waitUntilIdle()
        await scheduler.shutdown()
        #expect(log.summary() == ["tick started schedule", "tick succeeded schedule"])
        #expect(log.events.withLock { $0 }.allSatisfy { $0.scheduledTime == instant })
    }

    static func platformRunner(_ log: EventLog) -> TaskRunner {
        TaskRunner(
            registry: TaskRegistry(
                tasks: [
                    .init("ok", definition: { defineTask { _ in TaskResult() } }),
                    .init("bad", definition: { defineTask { (_: TaskEvent) -> TaskResult in throw Boom() } }),
                ],
                scheduledTasks: [
                    .init(cron: "0 9 * * MON", tasks: ["ok", "bad"], platformCrons: ["cloudflare": "0 9 * * 2", "vercel": "0 9 * * 1"])
                ]),
            observers: [log.observer])
    }

    @Test func cloudflareRunsReportTriggerCloudflare() async {
        let log = EventLog()
        _ = await CloudflareScheduled.handle(
            cron: "0 9 * * 2", scheduledTime: 1_717_405_200_000, runner: Self.platformRunner(log), log: { _ in })
        #expect(
            Set(log.summary()) == ["ok started cloudflare", "ok succeeded cloudflare", "bad started cloudflare", "bad failed cloudflare"])
        #expect(log.events.withLock { $0 }.allSatisfy { $0.scheduledTime == Date(timeIntervalSince1970: 1_717_405_200) })
    }

    @Test func vercelRunsReportTriggerVercel() async throws {
        let log = EventLog()
        let handler = VercelCronHandler(
            runner: Self.platformRunner(log), environment: ["CRON_SECRET": "s3cr3t-value-16+chars"], warn: { _ in })
        let now = try Date("2024-06-03T09:00:07Z", strategy: .iso8601)
        let response = await handler.handle(
            method: "GET", headers: ["Authorization": "Bearer s3cr3t-value-16+chars", "X-Vercel-Cron-Schedule": "0 9 * * 1"], now: now)
        #expect(response.status == 500)
        #expect(Set(log.summary()) == ["ok started vercel", "ok succeeded vercel", "bad started vercel", "bad failed vercel"])
        let minute = try Date("2024-06-03T09:00:00Z", strategy: .iso8601)
        #expect(log.events.withLock { $0 }.allSatisfy { $0.scheduledTime == minute })
    }

    @Test func theDevServerRouteReportsTriggerHTTP() async {
        let log = EventLog()
        let routes = TaskRoutes(runner: makeTestRunner(["ok": defineTask { _ in TaskResult() }], observers: [log.observer]))
        let response = await routes.respond(to: HTTPRequest(method: "GET", target: "/_nitro/tasks/ok"))
        #expect(response.status == 200)
        #expect(log.summary() == ["ok started http", "ok succeeded http"])
    }

    @Test func runTaskReportsTriggerCode() async throws {
        // `runTask` goes through the installed runner; `run` without a trigger is `.code`.
        let log = EventLog()
        let runner = makeTestRunner(["ok": defineTask { _ in TaskResult() }], observers: [log.observer])
        _ = try await runner.run("ok", payload: [:], context: TaskContext())
        #expect(log.summary() == ["ok started code", "ok succeeded code"])
    }
}
