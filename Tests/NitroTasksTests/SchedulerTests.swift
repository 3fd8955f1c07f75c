import NitroTestSupport
import Foundation
@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes
import NitroSync
import Testing

/// Records what tasks saw and what the scheduler logged.
private final class Recorder: Sendable {
    let runs = Locked<[(task: String, scheduledTime: Double)]>([])
    let events = Locked<[SchedulerEvent]>([])

    var log: @Sendable (SchedulerEvent) -> Void { { event in self.events.withLock { $0.append(event) } } }

    func record(_ event: TaskEvent) {
        let time = event.payload["scheduledTime"]?.doubleValue ?? -1
        runs.withLock { $0.append((event.name, time)) }
    }

    func times(of task: String) -> [Double] {
        runs.withLock { $0.filter { $0.task == task }.map(\.scheduledTime) }.sorted()
    }

    func failures() -> [String] {
        events.withLock { events in
            events.compactMap { if case .failed(let task, _, _, _) = $0 { return task } else { return nil } }
        }
    }
}

private func date(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

private func millis(_ text: String) -> Double {
    date(text).timeIntervalSince1970 * 1000
}

/// Advances the clock from deadline to deadline until `end`, waiting each time until all
/// `loops` timers sleep again and the runs they started have finished (so that consecutive ticks
/// never overlap in real time). Deterministic: no wall-clock sleep.
private func drive(_ clock: ManualSchedulerClock, _ schedulers: [TaskScheduler], loops: Int, until end: Date) async {
    while true {
        await clock.waitForSleepers(loops)
        for scheduler in schedulers { await scheduler.waitUntilIdle() }
        guard let deadline = clock.nextDeadline, deadline <= end else { return }
        clock.advance(to: deadline)
    }
}

private func runner(_ tasks: [String: TaskDefinition], schedules: [TaskRegistry.Schedule], zone: String = "UTC")
    -> TaskRunner
{
    TaskRunner(
        registry: TaskRegistry(
            tasks: tasks.map { name, definition in .init(name, definition: { definition }) },
            scheduledTasks: schedules, timeZone: zone))
}

@Suite(.timeLimit(.minutes(3))) struct SchedulerTests {
    @Test func simulatedYearFiresEveryInstantAcrossBothDSTChanges() async throws {
        let recorder = Recorder()
        let record = defineTask { event in recorder.record(event) }
        let start = date("2024-01-01T00:00:00Z")
        let end = date("2025-01-01T00:00:00Z")
        let clock = ManualSchedulerClock(now: start)

        let berlin = TaskScheduler(
            runner: runner(["berlin:0230": record], schedules: [.init(cron: "30 2 * * *", tasks: ["berlin:0230"])], zone: "Europe/Berlin"),
            options: .init(log: recorder.log), clock: clock)
        let newYork = TaskScheduler(
            runner: runner(
                ["ny:0230": record, "ny:0130": record],
                schedules: [
                    .init(cron: "30 2 * * *", tasks: ["ny:0230"]), .init(cron: "30 1 * * *", tasks: ["ny:0130"]),
                ], zone: "America/New_York"),
            options: .init(log: recorder.log), clock: clock)
        let utc = TaskScheduler(
            runner: runner(["utc:hourly": record], schedules: [.init(cron: "0 * * * *", tasks: ["utc:hourly"])]),
            options: .init(log: recorder.log), clock: clock)
        for scheduler in [berlin, newYork, utc] { try scheduler.start(environment: [:]) }

        await drive(clock, [berlin, newYork, utc], loops: 4, until: end)
        for scheduler in [berlin, newYork, utc] { await scheduler.shutdown() }

        // Hourly in UTC: every hour of the leap year, each exactly once.
        let hourly = recorder.times(of: "utc:hourly")
        #expect(hourly.count == 366 * 24)
        #expect(hourly.first == millis("2024-01-01T01:00:00Z"))
        #expect(hourly.last == millis("2025-01-01T00:00:00Z"))
        #expect(zip(hourly, hourly.dropFirst()).allSatisfy { $1 - $0 == 3_600_000 })

        // Daily 02:30 in Berlin: once a day; the spring-forward gap maps to 01:30Z (03:30 CEST),
        // and the repeated 02:30 at fall-back fires once, at the first (summer-time) instant.
        let berlinTimes = recorder.times(of: "berlin:0230")
        #expect(berlinTimes.count == 366)
        #expect(berlinTimes.contains(millis("2024-01-15T01:30:00Z")))
        #expect(berlinTimes.contains(millis("2024-03-30T01:30:00Z")))
        #expect(berlinTimes.contains(millis("2024-03-31T01:30:00Z")))
        #expect(berlinTimes.contains(millis("2024-04-01T00:30:00Z")))
        #expect(berlinTimes.contains(millis("2024-10-27T00:30:00Z")))
        #expect(!berlinTimes.contains(millis("2024-10-27T01:30:00Z")))
        #expect(berlinTimes.contains(millis("2024-10-28T01:30:00Z")))

        // New York: 02:30 on 2024-03-10 does not exist → 07:30Z; 01:30 on 2024-11-03 repeats → once, 05:30Z.
        let ny0230 = recorder.times(of: "ny:0230")
        #expect(ny0230.count == 366)
        #expect(ny0230.contains(millis("2024-03-09T07:30:00Z")))
        #expect(ny0230.contains(millis("2024-03-10T07:30:00Z")))
        #expect(ny0230.contains(millis("2024-03-11T06:30:00Z")))
        let ny0130 = recorder.times(of: "ny:0130")
        #expect(ny0130.count == 366)
        #expect(ny0130.contains(millis("2024-11-03T05:30:00Z")))
        #expect(!ny0130.contains(millis("2024-11-03T06:30:00Z")))
        #expect(ny0130.contains(millis("2024-11-04T06:30:00Z")))
        for times in [berlinTimes, ny0230, ny0130] {
            #expect(Set(times).count == times.count)
        }
        #expect(recorder.failures().isEmpty)
    }

    @Test func aOneShotDateFiresOnce() async throws {
        let recorder = Recorder()
        let record = defineTask { event in recorder.record(event) }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        let scheduler = TaskScheduler(
            runner: runner(
                ["absolute": record, "local": record, "past": record],
                schedules: [
                    .init(cron: "2024-05-01T10:05:00Z", tasks: ["absolute"]),
                    // A wall-clock time in the registry's zone: 12:30 in Berlin is 10:30Z.
                    .init(cron: "2024-05-01T12:30:00", tasks: ["local"]),
                    .init(cron: "2024-04-30T12:00:00Z", tasks: ["past"]),
                ], zone: "Europe/Berlin"),
            options: .init(log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await clock.waitForSleepers(2)  // the past date never sleeps
        for (task, runs) in [("absolute", 1), ("local", 1)] {
            clock.advanceToNextDeadline()
            try await waitUntil("\(task) ran") { recorder.times(of: task).count == runs }
            await scheduler.waitUntilIdle()
        }
        // Both timers ended after their one instant: nothing sleeps any more.
        #expect(clock.nextDeadline == nil)
        clock.advance(to: date("2030-01-01T00:00:00Z"))
        await scheduler.shutdown()
        #expect(recorder.times(of: "absolute") == [millis("2024-05-01T10:05:00Z")])
        #expect(recorder.times(of: "local") == [millis("2024-05-01T10:30:00Z")])
        #expect(recorder.times(of: "past").isEmpty)
    }

    @Test func tasksOfOneExpressionRunInParallel() async throws {
        let started = Locked(0)
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:30Z"))
        let recorder = Recorder()
        // Each waits until the other has started: this only finishes if they run in parallel.
        let waitsForOther = defineTask { event in
            started.withLock { $0 += 1 }
            try await waitUntil("both tasks started") { started.withLock({ $0 }) >= 2 }
            recorder.record(event)
        }
        let scheduler = TaskScheduler(
            runner: runner(["a": waitsForOther, "b": waitsForOther], schedules: [.init(cron: "* * * * *", tasks: ["a", "b"])]),
            options: .init(log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await drive(clock, [scheduler], loops: 1, until: date("2024-05-01T10:01:00Z"))
        await scheduler.shutdown()
        #expect(recorder.times(of: "a") == [millis("2024-05-01T10:01:00Z")])
        #expect(recorder.times(of: "b") == [millis("2024-05-01T10:01:00Z")])
    }

    @Test func aFailingTaskIsLoggedAndStopsNothing() async throws {
        struct Broken: Error {}
        let recorder = Recorder()
        let fails = defineTask { (_: TaskEvent) -> TaskResult in throw Broken() }
        let works = defineTask { event in recorder.record(event) }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        let scheduler = TaskScheduler(
            runner: runner(["bad": fails, "good": works], schedules: [.init(cron: "*/5 * * * *", tasks: ["bad", "good"])]),
            options: .init(log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await drive(clock, [scheduler], loops: 1, until: date("2024-05-01T10:20:00Z"))
        await scheduler.shutdown()
        #expect(recorder.times(of: "good").count == 4)
        #expect(recorder.failures() == ["bad", "bad", "bad", "bad"])
        let message = recorder.events.withLock { $0.first { $0.level == .error }?.description } ?? ""
        #expect(message.contains("task 'bad'"))
        #expect(message.contains("*/5 * * * *"))
    }

    @Test func overlappingTickJoinsTheRunInFlightByDefault() async throws {
        let (executions, events) = try await overlapScenario(.join)
        #expect(executions == 1)
        #expect(!events.contains { if case .skippedOverlap = $0 { true } else { false } })
    }

    @Test func overlappingTickIsSkippedAndLoggedWhenAsked() async throws {
        let (executions, events) = try await overlapScenario(.skip)
        #expect(executions == 1)
        #expect(events.contains { if case .skippedOverlap(task: "slow", _, _) = $0 { true } else { false } })
    }

    /// A task that runs across the next tick: returns how often it executed, and the log.
    private func overlapScenario(_ overlap: TaskScheduler.Overlap) async throws -> (Int, [SchedulerEvent]) {
        let recorder = Recorder()
        let executions = Locked(0)
        let release = AsyncStream<Void>.makeStream()
        let slow = defineTask { _ in
            executions.withLock { $0 += 1 }
            for await _ in release.stream { break }
        }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        let taskRunner = runner(["slow": slow], schedules: [.init(cron: "* * * * *", tasks: ["slow"])])
        let scheduler = TaskScheduler(runner: taskRunner, options: .init(overlap: overlap, log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await clock.waitForSleepers(1)
        clock.advanceToNextDeadline()
        try await waitUntil("the slow run started") { taskRunner.isRunning("slow") }
        await clock.waitForSleepers(1)
        clock.advanceToNextDeadline()  // the second tick, while the first run is in flight
        await clock.waitForSleepers(1)
        for _ in 0..<200 { await Task.yield() }
        release.continuation.yield()
        release.continuation.finish()
        await scheduler.shutdown()
        return (executions.withLock { $0 }, recorder.events.withLock { $0 })
    }

    @Test func shutdownWaitsForRunsAndWaitUntilWorkThenNoMoreTicks() async throws {
        let recorder = Recorder()
        let finished = Locked<[String]>([])
        let gate = AsyncStream<Void>.makeStream()
        let task = defineTask { event in
            event.context.waitUntil?({
                for await _ in gate.stream { break }
                finished.withLock { $0.append("waitUntil") }
            })
            recorder.record(event)
            finished.withLock { $0.append("run") }
        }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        let scheduler = TaskScheduler(
            runner: runner(["t": task], schedules: [.init(cron: "* * * * *", tasks: ["t"])]),
            options: .init(log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await clock.waitForSleepers(1)
        clock.advanceToNextDeadline()
        try await waitUntil("the run finished") { finished.withLock({ $0 }) == ["run"] }

        let shutdown = Task { await scheduler.shutdown() }
        // The grace-period timer (30 s) sleeps on the same clock; the waitUntil work holds shutdown open.
        let graceEnd = date("2024-05-01T10:01:30Z")
        try await waitUntil("shutdown sleeps until the end of its grace period") {
            clock.sleeperCount == 1 && clock.nextDeadline == graceEnd
        }
        #expect(finished.withLock { $0 } == ["run"])
        gate.continuation.yield()
        await shutdown.value
        #expect(finished.withLock { $0 } == ["run", "waitUntil"])

        // No timer is left, and moving time on fires nothing.
        #expect(clock.sleeperCount == 0)
        clock.advance(by: 3600)
        for _ in 0..<100 { await Task.yield() }
        #expect(recorder.times(of: "t").count == 1)
    }

    @Test func shutdownCancelsWorkThatOutlivesTheGracePeriod() async throws {
        let recorder = Recorder()
        let cancelled = Locked(false)
        let task = defineTask { _ in
            do { try await Task.sleep(for: .seconds(3600)) } catch { cancelled.withLock { $0 = true } }
        }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        let tasks = runner(["t": task], schedules: [.init(cron: "* * * * *", tasks: ["t"])])
        let scheduler = TaskScheduler(
            runner: tasks, options: .init(gracePeriod: .seconds(10), log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await clock.waitForSleepers(1)
        clock.advanceToNextDeadline()
        // Shut down only once the tick's run is in flight (a shutdown before the timer fires
        // cancels the tick, and then there is nothing to wait for).
        try await waitUntil("the tick's run started") { tasks.isRunning("t") }
        let shutdown = Task { await scheduler.shutdown() }
        // Wait until the only sleeper is the grace-period timer (the minute timer is gone).
        let graceEnd = date("2024-05-01T10:01:10Z")
        try await waitUntil("shutdown sleeps until the end of its grace period") {
            clock.sleeperCount == 1 && clock.nextDeadline == graceEnd
        }
        clock.advance(to: graceEnd)
        await shutdown.value
        #expect(cancelled.withLock { $0 })
        #expect(recorder.events.withLock { $0 }.contains { if case .cancelledAtShutdown(1) = $0 { true } else { false } })
    }

    @Test func missedInstantsRunTheLatestOnceOrAreSkipped() async throws {
        for policy in [TaskScheduler.MissedRuns.runLatest, .skip] {
            let recorder = Recorder()
            let task = defineTask { event in recorder.record(event) }
            let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:10Z"))
            let scheduler = TaskScheduler(
                runner: runner(["t": task], schedules: [.init(cron: "* * * * *", tasks: ["t"])]),
                options: .init(missedRuns: policy, log: recorder.log), clock: clock)
            try scheduler.start(environment: [:])
            await clock.waitForSleepers(1)
            // The process was suspended for ten minutes: it wakes at 10:10:30.
            clock.advance(to: date("2024-05-01T10:10:30Z"))
            await clock.waitForSleepers(1)
            // Let the 10:10 run finish: a 10:11 tick during it would join it (overlap: join).
            await scheduler.waitUntilIdle()
            #expect(clock.nextDeadline == date("2024-05-01T10:11:00Z"))
            clock.advanceToNextDeadline()
            await clock.waitForSleepers(1)
            await scheduler.shutdown()
            let expected: [Double] =
                policy == .runLatest
                ? [millis("2024-05-01T10:10:00Z"), millis("2024-05-01T10:11:00Z")] : [millis("2024-05-01T10:11:00Z")]
            #expect(recorder.times(of: "t") == expected)
            let missed = recorder.events.withLock { $0 }.compactMap { event -> Int? in
                if case .missed(_, let count, _) = event { return count } else { return nil }
            }
            #expect(missed == [policy == .runLatest ? 9 : 10])
        }
    }

    @Test func earlyWakeUpsNeitherRepeatNorSkip() async throws {
        let recorder = Recorder()
        let task = defineTask { event in recorder.record(event) }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        let scheduler = TaskScheduler(
            runner: runner(["t": task], schedules: [.init(cron: "* * * * *", tasks: ["t"])]),
            options: .init(log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        // Nudging time forward by less than the next instant wakes no one and fires nothing.
        await clock.waitForSleepers(1)
        clock.advance(to: date("2024-05-01T10:00:59.999Z"))
        #expect(clock.sleeperCount == 1)
        await drive(clock, [scheduler], loops: 1, until: date("2024-05-01T10:03:00Z"))
        await scheduler.shutdown()
        #expect(
            recorder.times(of: "t") == [
                millis("2024-05-01T10:01:00Z"), millis("2024-05-01T10:02:00Z"), millis("2024-05-01T10:03:00Z"),
            ])
    }

    @Test func doesNothingWhenDisabledOrWithoutSchedules() throws {
        let task = defineTask { _ in }
        let clock = ManualSchedulerClock(now: Date(timeIntervalSince1970: 0))
        let scheduled = TaskScheduler(
            runner: runner(["t": task], schedules: [.init(cron: "* * * * *", tasks: ["t"])]), clock: clock)
        #expect(try scheduled.start(environment: ["NITRO_SCHEDULER": "off"]) == 0)
        let configuredOff = TaskScheduler(
            runner: TaskRunner(
                registry: TaskRegistry(
                    tasks: [.init("t", definition: { task })], scheduledTasks: [.init(cron: "* * * * *", tasks: ["t"])],
                    schedulerEnabled: false)), clock: clock)
        #expect(try configuredOff.start(environment: [:]) == 0)
        let empty = TaskScheduler(runner: runner(["t": task], schedules: []), clock: clock)
        #expect(try empty.start(environment: [:]) == 0)
        #expect(clock.sleeperCount == 0)
    }

    @Test func rejectsAnUnknownTimeZoneAndAnInvalidExpression() {
        let task = defineTask { _ in }
        let badZone = TaskScheduler(
            runner: runner(["t": task], schedules: [.init(cron: "* * * * *", tasks: ["t"])], zone: "Mars/Olympus"))
        #expect(throws: SchedulerError.self) { try badZone.start(environment: [:]) }
        let badCron = TaskScheduler(runner: runner(["t": task], schedules: [.init(cron: "61 * * * *", tasks: ["t"])]))
        #expect(throws: SchedulerError.self) { try badCron.start(environment: [:]) }
    }

    @Test func fileClaimLetsExactlyOneClaimantWin() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-claims-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let claim = FileTickClaim(directory: directory)
        let instant = date("2024-05-01T10:00:00Z")
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { try await claim.claim(task: "db:cleanup", scheduledTime: instant) } }
            var count = 0
            for try await won in group where won { count += 1 }
            return count
        }
        #expect(wins == 1)
        #expect(try await claim.claim(task: "db:cleanup", scheduledTime: instant.addingTimeInterval(60)))
        #expect(try await claim.claim(task: "cms:update", scheduledTime: instant))
    }
}

/// Shutdown and the system clock at their limits (issue 13).
@Suite(.timeLimit(.minutes(3))) struct SchedulerShutdownLimitTests {
    @Test(.timeLimit(.minutes(1)))
    func shutdownReturnsAndReportsRunsThatIgnoreCancellation() async throws {
        let recorder = Recorder()
        let release = Latch()
        let started = Locked(false)
        // A task that ignores cancellation: it waits on a latch that only the test opens.
        let stubborn = defineTask { _ in
            started.withLock { $0 = true }
            await release.wait()
        }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        let scheduler = TaskScheduler(
            runner: runner(["stubborn": stubborn], schedules: [.init(cron: "* * * * *", tasks: ["stubborn"])]),
            options: .init(gracePeriod: .seconds(10), cancellationGrace: .seconds(2), log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await clock.waitForSleepers(1)
        clock.advanceToNextDeadline()
        // Shut down only once the tick's run has started: advancing the clock only resumes the
        // timer, and a shutdown that cancels it before it runs cancels the tick (nothing to abandon).
        try await waitUntil("the tick's run started") { started.withLock { $0 } }
        let shutdown = Task { await scheduler.shutdown() }
        // The grace-period timer, then (after cancelling) the cancellation-grace timer.
        let graceEnd = date("2024-05-01T10:01:10Z")
        let abandonAt = date("2024-05-01T10:01:12Z")
        try await waitUntil("shutdown sleeps until the end of its grace period") {
            clock.sleeperCount == 1 && clock.nextDeadline == graceEnd
        }
        clock.advance(to: graceEnd)
        try await waitUntil("shutdown sleeps until it abandons the run") { clock.sleeperCount == 1 && clock.nextDeadline == abandonAt }
        clock.advance(to: abandonAt)
        await shutdown.value
        let events = recorder.events.withLock { $0 }
        #expect(events.contains { if case .cancelledAtShutdown(1) = $0 { true } else { false } })
        let abandoned = events.compactMap { event -> [String]? in
            if case .abandonedAtShutdown(let tasks, 1) = event { tasks } else { nil }
        }
        #expect(abandoned == [["stubborn"]], "\(events)")
        #expect(clock.sleeperCount == 0)
        release.open()
    }

    @Test(.timeLimit(.minutes(1)))
    func theSystemClockSleepsTowardsAnInstantCenturiesAwayWithoutTrapping() async throws {
        // `0 0 0 1 1 * 2400` is valid: its next instant is ~374 years away, more nanoseconds
        // than an Int64 holds. The clock must nap towards it (and be cancellable), not trap.
        let napping = Latch()
        let clock = ObservedClock(inner: SystemSchedulerClock(), sleeping: napping)
        let task = defineTask { _ in }
        let scheduler = TaskScheduler(
            runner: runner(["t": task], schedules: [.init(cron: "0 0 0 1 1 * 2400", tasks: ["t"])]),
            options: .init(log: { _ in }), clock: clock)
        #expect(try scheduler.start(environment: [:]) == 1)
        await napping.wait()
        await scheduler.shutdown()

        for far in [Date(timeIntervalSince1970: 13_000_000_000), .distantFuture] {
            let sleeper = Task { try await SystemSchedulerClock().sleep(until: far) }
            sleeper.cancel()
            await #expect(throws: CancellationError.self) { try await sleeper.value }
        }
    }
}

/// A clock that opens a latch when someone starts sleeping on it.
private struct ObservedClock: SchedulerClock {
    let inner: SystemSchedulerClock
    let sleeping: Latch
    func now() -> Date { inner.now() }
    func sleep(until deadline: Date) async throws {
        sleeping.open()
        try await inner.sleep(until: deadline)
    }
}

/// A tick claim that fails or answers as scripted, then wins.
private struct ScriptedClaim: TickClaim {
    struct Unreachable: Error {}
    let answers: Locked<[Bool?]>  // nil: throw
    func claim(task: String, scheduledTime: Date) async throws -> Bool {
        let next = answers.withLock { $0.isEmpty ? true : $0.removeFirst() }
        guard let next else { throw Unreachable() }
        return next
    }
}

@Suite(.timeLimit(.minutes(3))) struct SchedulerClaimOutageTests {
    @Test(.timeLimit(.minutes(1)))
    func anOutageIsReportedOnceAndItsEndEvenWhenAnotherProcessWinsTheNextTick() async throws {
        let recorder = Recorder()
        let task = defineTask { event in recorder.record(event) }
        let clock = ManualSchedulerClock(now: date("2024-05-01T10:00:00Z"))
        // Three ticks the claim cannot answer, then two that another process wins.
        let claim = ScriptedClaim(answers: Locked([nil, nil, nil, false, false]))
        let scheduler = TaskScheduler(
            runner: runner(["t": task], schedules: [.init(cron: "* * * * * *", tasks: ["t"])]),
            options: .init(claim: claim, log: recorder.log), clock: clock)
        try scheduler.start(environment: [:])
        await drive(clock, [scheduler], loops: 1, until: date("2024-05-01T10:00:05Z"))
        await scheduler.shutdown()

        let events = recorder.events.withLock { $0 }
        let unavailable = events.filter { if case .claimUnavailable = $0 { true } else { false } }
        let notClaimed = events.filter { if case .notClaimed = $0 { true } else { false } }
        let restored = events.compactMap { event -> (Date, Int)? in
            if case .claimRestored(let since, let unrun) = event { (since, unrun) } else { nil }
        }
        #expect(unavailable.count == 1)
        #expect(unavailable.first?.level == .error)
        #expect(notClaimed.count == 2 && notClaimed.allSatisfy { $0.level == .debug })
        // The fourth tick was won by another process: the outage is over all the same (a replica
        // that keeps losing the race must still say that claims work again).
        #expect(restored.count == 1)
        #expect(restored.first?.0 == date("2024-05-01T10:00:01Z") && restored.first?.1 == 3)
        #expect(events.filter { if case .claimedElsewhere = $0 { true } else { false } }.count == 2)
        #expect(recorder.times(of: "t") == [])
    }
}
