import NitroTestSupport
import NitroSync
@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes
import Testing

/// A task's time limit: callers get 504 promptly, even from a task that ignores cancellation, and
/// the next call starts a new run.
@Suite("Task time limits", .timeLimit(.minutes(1)))
struct TaskTimeLimitTests {
    /// A task that never finishes by itself and ignores cancellation (until the test's cleanup
    /// opens `gate`); counts its runs and whether it saw cancellation.
    final class Stubborn: Sendable {
        let gate = Gate()
        let runs = Locked(0)
        let sawCancellation = Locked(0)
        let unwound = Latch()

        init() {
            // A backstop, so that no wait is unbounded even if the limit failed to free the callers:
            // the gate opens by itself after 50 s (the tests open it long before).
            Task { [gate] in
                try? await Task.sleep(for: .seconds(50))
                gate.open()
            }
        }

        var definition: TaskDefinition {
            defineTask(timeLimit: .milliseconds(50)) { (_: TaskEvent) -> TaskResult in
                self.runs.withLock { $0 += 1 }
                await self.gate.wait()
                if Task.isCancelled { self.sawCancellation.withLock { $0 += 1 } }
                self.unwound.open()
                return TaskResult(result: "too late")
            }
        }
    }

    @Test func everyCallerOfARunThatIgnoresCancellationGetsTheTimeoutAndTheNextCallStartsAnew() async throws {
        let stubborn = Stubborn()
        let log = EventLog()
        let runner = makeTestRunner(["slow": stubborn.definition], observers: [log.observer])
        let began = ContinuousClock.now
        let outcomes = await withTaskGroup(of: TaskError?.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    do {
                        _ = try await runner.run("slow")
                        return nil
                    } catch {
                        return error as? TaskError
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - began
        #expect(outcomes.count == 100)
        #expect(
            outcomes.allSatisfy { $0?.statusCode == 504 }, "\(outcomes.compactMap { $0 }.first.map(String.init(describing:)) ?? "no error")"
        )
        #expect(outcomes.first??.message == "Task `slow` did not finish within its time limit of 0.05 seconds")
        // Far below the 50 s the stubborn run sleeps, and loose enough for a loaded machine.
        #expect(elapsed < .seconds(40), "callers waited \(elapsed)")
        // Calls that arrive after the first run timed out may start a second; most share the first.
        let firstRuns = stubborn.runs.withLock { $0 }
        #expect(firstRuns >= 1 && firstRuns < 50)
        #expect(!runner.isRunning("slow"), "the timed-out run is forgotten though it still runs")

        // The old run is still stuck; a new call starts a new run (and times out too).
        await #expect(throws: TaskError.timedOut("slow", after: .milliseconds(50))) { try await runner.run("slow") }
        #expect(stubborn.runs.withLock { $0 } == firstRuns + 1)
        #expect(log.count("started") == firstRuns + 1)
        #expect(log.count("failed") == firstRuns + 1)
        let timeouts = log.events.withLock { $0 }.compactMap { event -> Duration? in
            guard case .failed(let error as TaskError, let duration) = event.kind, error.statusCode == 504 else { return nil }
            return duration
        }
        #expect(timeouts.count == firstRuns + 1)
        #expect(timeouts.allSatisfy { $0 >= .milliseconds(50) })

        // Cleanup: let the abandoned runs unwind; they had been cancelled.
        stubborn.gate.open()
        await stubborn.unwound.wait()
    }

    @Test func aCooperativeTaskIsCancelledAtItsLimit() async {
        let cancelled = Latch()
        let task = defineTask(timeLimit: .milliseconds(50)) { (_: TaskEvent) -> TaskResult in
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch is CancellationError {
                cancelled.open()
                throw CancellationError()
            }
            return TaskResult()
        }
        let runner = makeTestRunner(["sleepy": task])
        await #expect(throws: TaskError.timedOut("sleepy", after: .milliseconds(50))) { try await runner.run("sleepy") }
        await cancelled.wait()
    }

    @Test func aRunWithinItsLimitReturnsItsResultOrError() async throws {
        struct Boom: Error, Equatable {}
        let fine = defineTask(timeLimit: .seconds(30)) { _ in TaskResult(result: "ok") }
        let failing = defineTask(timeLimit: .seconds(30)) { (_: TaskEvent) -> TaskResult in throw Boom() }
        let runner = makeTestRunner(["fine": fine, "failing": failing])
        #expect(try await runner.run("fine") == TaskResult(result: "ok"))
        await #expect(throws: Boom()) { try await runner.run("failing") }
    }

    @Test func serialAndParallelRunsHaveTheLimitToo() async {
        let serial = Stubborn()
        let parallel = Stubborn()
        let runner = makeTestRunner([
            "serial": TaskDefinition(concurrency: .serial, timeLimit: .milliseconds(50)) { event in
                try await serial.definition.run(event)
            },
            "parallel": TaskDefinition(concurrency: .parallel, timeLimit: .milliseconds(50)) { event in
                try await parallel.definition.run(event)
            },
        ])
        for name in ["serial", "parallel"] {
            let statuses = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        do { _ = try await runner.run(name); return 200 } catch { return (error as? TaskError)?.statusCode ?? 0 }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 504, count: 5), "\(name)")
        }
        // A serial queue moves on when a run times out: all five ran, one after another.
        #expect(serial.runs.withLock { $0 } == 5)
        #expect(parallel.runs.withLock { $0 } == 5)
        serial.gate.open()
        parallel.gate.open()
    }

    @Test func theDevServerRouteAnswers504() async {
        let stubborn = Stubborn()
        let routes = TaskRoutes(runner: makeTestRunner(["slow": stubborn.definition]))
        let response = await routes.respond(to: HTTPRequest(method: "POST", target: "/_nitro/tasks/slow", body: []))
        #expect(response.status == 504)
        #expect(String(decoding: response.body, as: UTF8.self).contains("did not finish within its time limit"))
        stubborn.gate.open()
    }
}
