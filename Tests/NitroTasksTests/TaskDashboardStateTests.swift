import Foundation
import NitroJSON
import NitroSync
import NitroTestSupport
import Testing

@testable import NitroTasks
@testable import NitroTasksRoutes

/// What the dashboard's `state.json` says: tasks, schedules from an injected "now", the runs in
/// flight with their joiners and the bounded history, fed by the runner's observers.
@Suite(.timeLimit(.minutes(2)))
struct TaskDashboardStateTests {
    /// Monday 5 January 2026, 08:00 UTC.
    static let monday = Date(timeIntervalSince1970: 1_767_600_000)

    final class Clock: Sendable {
        let now = Locked(TaskDashboardStateTests.monday)
        var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
    }

    static let migrateLine = #line + 1
    static let migrate = defineTask(meta: TaskMeta(description: "Run database migrations")) { _ in TaskResult(result: "Success") }
    static let teapot = defineTask { _ -> TaskResult in throw TaskError(statusCode: 418, message: "short and stout") }

    static func registry(slow: TaskDefinition = migrate) -> TaskRegistry {
        TaskRegistry(
            tasks: [
                .init("db:migrate", description: "Run database migrations", definition: { migrate }),
                .init("db:seed", description: "Seed the database", definition: nil),
                .init("tea:pot", definition: { teapot }),
                .init("slow", definition: { slow }),
            ],
            scheduledTasks: [
                .init(cron: "0 9 * * 1", tasks: ["db:migrate", "tea:pot"]),
                .init(cron: "0 0 L * *", tasks: ["db:migrate"]),
                .init(cron: "*/30 * * * * *", tasks: ["tea:pot"]),
                .init(cron: "0 9 * * MON", tasks: ["db:migrate"], timeZone: "Europe/Berlin"),
                .init(cron: "2026-03-01T09:00:00Z", tasks: ["db:migrate"]),
            ])
    }

    @Test func listsTasksWithWhereTheyAreDefined() throws {
        let dashboard = TaskDashboard(runner: TaskRunner(registry: Self.registry()), clock: Clock().read)
        let state = dashboard.state(now: Self.monday)
        #expect(state["now"] == "2026-01-05T08:00:00.000Z")
        #expect(state["timeZone"] == "UTC")
        #expect(state["schedulerEnabled"] == true)
        let tasks = try #require(state["tasks"]?.arrayValue)
        #expect(tasks.map { $0["name"] } == ["db:migrate", "db:seed", "tea:pot", "slow"])
        #expect(tasks[0]["description"] == "Run database migrations")
        #expect(tasks[0]["definedAt"] == .string("NitroTasksTests/TaskDashboardStateTests.swift:\(Self.migrateLine)"))
        #expect(tasks[0]["hasHandler"] == true)
        #expect(tasks[0]["schedules"] == ["0 9 * * 1", "0 0 L * *", "0 9 * * MON", "2026-03-01T09:00:00Z"])
        #expect(tasks[1]["definedAt"] == .null && tasks[1]["hasHandler"] == false)
        #expect(tasks[2]["description"] == .null)
        #expect(tasks.allSatisfy { $0["running"] == [] && $0["recent"] == [] && $0["callers"] == 0 })
    }

    @Test func describesSchedulesWithTheirNextInstantsAndPlatformCrons() throws {
        let dashboard = TaskDashboard(runner: TaskRunner(registry: Self.registry()), clock: Clock().read)
        let schedules = try #require(dashboard.state(now: Self.monday)["schedules"]?.arrayValue)
        #expect(schedules.count == 5)
        let weekly = schedules[0]
        #expect(weekly["cron"] == "0 9 * * 1" && weekly["tasks"] == ["db:migrate", "tea:pot"])
        #expect(weekly["words"] == "At 09:00 on Monday")
        #expect(weekly["zone"] == "UTC")
        #expect(
            weekly["next"] == [
                "2026-01-05T09:00:00.000Z", "2026-01-12T09:00:00.000Z", "2026-01-19T09:00:00.000Z",
                "2026-01-26T09:00:00.000Z", "2026-02-02T09:00:00.000Z",
            ])
        #expect(
            weekly["platforms"] == [
                [
                    "platform": "cloudflare", "name": "Cloudflare", "presets": ["cloudflare_module", "cloudflare_durable"],
                    "crons": ["0 9 * * MON"], "exact": true,
                ],
                ["platform": "vercel", "name": "Vercel", "presets": ["vercel"], "crons": ["0 9 * * 1"], "exact": true],
            ])
        // `L` exists in Cloudflare's dialect, not in Vercel's: the error text says so.
        let last = schedules[1]
        #expect(last["words"] == "At 00:00 on the last day of the month")
        #expect(last["next"]?[0] == "2026-01-31T00:00:00.000Z")
        #expect(last["platforms"]?[0]?["crons"] == ["0 0 L * *"])
        #expect(last["platforms"]?[1]?["crons"] == nil)
        #expect(last["platforms"]?[1]?["error"]?.stringValue?.isEmpty == false)
        // Seconds: no platform can fire them.
        let seconds = schedules[2]
        #expect(seconds["next"]?.arrayValue?.first == "2026-01-05T08:00:30.000Z")
        #expect(seconds["platforms"]?.arrayValue?.allSatisfy { $0["error"] != nil && $0["crons"] == nil } == true)
        // A schedule's own zone: its instants in that zone, and UTC platforms need a cron per offset.
        let berlin = schedules[3]
        #expect(berlin["zone"] == "Europe/Berlin" && berlin["words"] == "At 09:00 on Monday")
        // 08:00 UTC is 09:00 in Berlin: the next instant is strictly after now, a week later.
        #expect(berlin["next"]?[0] == "2026-01-12T08:00:00.000Z")
        #expect(berlin["platforms"]?[0]?["crons"] == ["0 7,8 * * MON"] && berlin["platforms"]?[0]?["exact"] == false)
        // A one-shot date: once, and no platform cron.
        let once = schedules[4]
        #expect(once["words"] == "Once, at 2026-03-01T09:00:00Z")
        #expect(once["next"] == ["2026-03-01T09:00:00.000Z"])
        #expect(once["platforms"]?.arrayValue?.allSatisfy { $0["error"] != nil } == true)
    }

    @Test func aZoneTheSystemDoesNotKnowIsAnErrorOfTheSchedule() throws {
        let registry = TaskRegistry(tasks: [], scheduledTasks: [.init(cron: "0 9 * * *", tasks: [])], timeZone: "Mars/Olympus")
        let state = TaskDashboard(runner: TaskRunner(registry: registry)).state(now: Self.monday)
        #expect(state["schedules"]?[0]?["error"] == "`Mars/Olympus` is not a time zone this system knows")
        #expect(state["schedules"]?[0]?["next"] == nil)
    }

    @Test func keepsTheLastRunsOfEachTaskUpToTheLimit() async throws {
        let clock = Clock()
        let runner = TaskRunner(registry: Self.registry())
        let dashboard = TaskDashboard(runner: runner, historyLimit: 3, clock: clock.read)
        for (index, trigger) in [TaskTrigger.http, .manual, .code, .schedule, .http].enumerated() {
            clock.now.withLock { $0 = Self.monday.addingTimeInterval(Double(index) * 60) }
            _ = try await runner.run("db:migrate", trigger: trigger)
        }
        await #expect(throws: TaskError.self) { try await runner.run("tea:pot", trigger: .manual) }
        let tasks = try #require(dashboard.state(now: Self.monday.addingTimeInterval(600))["tasks"]?.arrayValue)
        let recent = try #require(tasks[0]["recent"]?.arrayValue)
        #expect(recent.map { $0["trigger"] } == ["http", "schedule", "code"])
        #expect(recent.map { $0["started"] } == ["2026-01-05T08:04:00.000Z", "2026-01-05T08:03:00.000Z", "2026-01-05T08:02:00.000Z"])
        #expect(recent.allSatisfy { $0["outcome"] == "succeeded" && $0["durationMs"]?.doubleValue != nil })
        let failed = try #require(tasks[2]["recent"]?[0])
        #expect(failed["outcome"] == "failed" && failed["status"] == 418 && failed["message"] == "short and stout")
        #expect(failed["trigger"] == "manual")
    }

    @Test func showsRunsInFlightWithTheCallersThatJoinedThem() async throws {
        let gate = Gate()
        let slow = defineTask { _ in
            await gate.wait()
            return TaskResult(result: "done")
        }
        let runner = TaskRunner(registry: Self.registry(slow: slow))
        let dashboard = TaskDashboard(runner: runner, clock: Clock().read)
        func slowTask() -> JSONValue? { dashboard.state(now: Self.monday)["tasks"]?[3] }
        let first = Task { try await runner.run("slow", trigger: .manual) }
        try await waitUntil("the run started") { gate.arrived == 1 && slowTask()?["running"]?.arrayValue?.count == 1 }
        let joiners = [Task { try await runner.run("slow", trigger: .http) }, Task { try await runner.run("slow", trigger: .schedule) }]
        try await waitUntil("two calls joined") { slowTask()?["running"]?[0]?["joiners"]?.arrayValue?.count == 2 }
        let running = try #require(slowTask()?["running"]?[0])
        #expect(running["outcome"] == "running" && running["trigger"] == "manual" && running["durationMs"] == .null)
        #expect(Set(running["joiners"]?.arrayValue ?? []) == ["http", "schedule"])
        #expect(running["started"] == "2026-01-05T08:00:00.000Z")
        #expect(slowTask()?["callers"] == 3)
        gate.open()
        _ = try await first.value
        for joiner in joiners { _ = try await joiner.value }
        let settled = try #require(slowTask())
        #expect(settled["running"] == [] && settled["callers"] == 0)
        #expect(settled["recent"]?.arrayValue?.count == 1)
        #expect(settled["recent"]?[0]?["joiners"]?.arrayValue?.count == 2)
        #expect(settled["recent"]?[0]?["outcome"] == "succeeded")
    }

    @Test func theTimelineKeepsTheScheduledRunsOfTheLastHour() async throws {
        let clock = Clock()
        let runner = TaskRunner(registry: Self.registry())
        let dashboard = TaskDashboard(runner: runner, clock: clock.read)
        for minutes in [0.0, 30, 70] {
            let due = Self.monday.addingTimeInterval(minutes * 60)
            clock.now.withLock { $0 = due }
            let context = TaskContext(values: ["scheduledTime": due.timeIntervalSince1970 * 1000])
            _ = try await runner.run("db:migrate", context: context, trigger: .schedule)
        }
        _ = try await runner.run("db:migrate", trigger: .http)
        let timeline = try #require(dashboard.state(now: Self.monday.addingTimeInterval(80 * 60))["timeline"])
        #expect(timeline["from"] == "2026-01-05T08:20:00.000Z" && timeline["to"] == "2026-01-05T09:20:00.000Z")
        #expect(timeline["runs"]?.arrayValue?.map { $0["scheduledTime"] } == ["2026-01-05T08:30:00.000Z", "2026-01-05T09:10:00.000Z"])
        #expect(timeline["runs"]?.arrayValue?.allSatisfy { $0["trigger"] == "schedule" && $0["task"] == "db:migrate" } == true)
    }
}

/// ``RunHistory`` fed events directly, in orders a runner may deliver them.
struct RunHistoryTests {
    static let start = Date(timeIntervalSince1970: 1_767_600_000)

    static func event(_ id: UInt64, _ kind: TaskRunEvent.Kind, trigger: TaskTrigger = .http, task: String = "t") -> TaskRunEvent {
        TaskRunEvent(task: task, trigger: trigger, scheduledTime: nil, runID: id, kind: kind)
    }

    @Test func aJoinReportedBeforeItsRunStartedIsKept() {
        var history = RunHistory(limit: 5)
        history.record(Self.event(7, .joined, trigger: .manual), at: Self.start)
        history.record(Self.event(7, .started), at: Self.start)
        #expect(history.inFlight[7]?.joiners == [.manual])
        history.record(Self.event(7, .succeeded(TaskResult(), duration: .milliseconds(250))), at: Self.start)
        history.record(Self.event(7, .joined, trigger: .schedule), at: Self.start)
        #expect(history.inFlight.isEmpty)
        #expect(history.recent["t"]?.first?.joiners == [.manual, .schedule])
        #expect(history.recent["t"]?.first?.duration == .milliseconds(250))
    }

    @Test func theLimitIsAtLeastOneAndDropsTheOldest() {
        var history = RunHistory(limit: 0)
        for id in 1...3 as ClosedRange<UInt64> {
            history.record(Self.event(id, .started), at: Self.start)
            history.record(Self.event(id, .failed(CancellationError(), duration: .zero)), at: Self.start)
        }
        #expect(history.limit == 1)
        #expect(history.recent["t"]?.map(\.id) == [3])
        #expect(history.recent["t"]?.first?.outcome == .failed(status: 500, message: "CancellationError()"))
    }

    @Test func theTimelineIsBoundedInCount() {
        var history = RunHistory(limit: 1)
        for id in 1...(UInt64(RunHistory.timelineLimit) + 10) {
            history.record(Self.event(id, .started, trigger: .schedule), at: Self.start)
            history.record(Self.event(id, .succeeded(TaskResult(), duration: .zero), trigger: .schedule), at: Self.start)
        }
        #expect(history.scheduled.count == RunHistory.timelineLimit)
        #expect(history.scheduled.first?.id == 11)
        history.prune(now: Self.start.addingTimeInterval(3601))
        #expect(history.scheduled.isEmpty)
    }
}
