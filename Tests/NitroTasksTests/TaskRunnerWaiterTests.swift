import NitroTestSupport
import NitroSync
import NitroTasks
import Testing

/// The callers of a shared (dedupe) run wait as continuations in the run's entry, resumed once
/// when it settles; a cancelled caller leaves at once and the others still get the outcome.
@Suite("Task runner: waiting callers", .timeLimit(.minutes(1)))
struct TaskRunnerWaiterTests {
    struct Boom: Error, Equatable {
        let run: Int
    }

    /// A task held at `gate`, counting its runs; returns (or, if `failing`, throws) its run number.
    static func held(_ gate: Gate, runs: Locked<Int>, failing: Bool = false, key: Bool = false) -> TaskDefinition {
        defineTask(concurrency: key ? .dedupe(key: { $0["k"]?.stringValue ?? "" }) : .dedupe) { (_: TaskEvent) -> TaskResult in
            let run = runs.withLock {
                $0 += 1; return $0
            }
            await gate.wait()
            if failing { throw Boom(run: run) }
            return TaskResult(result: .number(Double(run)))
        }
    }

    /// `count` callers of `name`, each in a task of its own (so that each can be cancelled).
    static func call(_ runner: TaskRunner, _ name: String, _ count: Int, payload: TaskPayload = [:]) -> [Task<TaskResult, any Error>] {
        (0..<count).map { _ in Task { try await runner.run(name, payload: payload) } }
    }

    static func isCancellation(_ outcome: Result<TaskResult, any Error>) -> Bool {
        if case .failure(let error) = outcome, error is CancellationError { true } else { false }
    }

    @Test func manyJoinersAllGetTheOneRunsResultAndNothingIsLeft() async throws {
        let gate = Gate()
        let runs = Locked(0)
        let runner = makeTestRunner(["t": Self.held(gate, runs: runs)])
        let callers = Self.call(runner, "t", 5_000)
        try await waitUntil("every caller joined") { runner.callers(of: "t") == 5_000 }
        #expect(gate.arrived == 1)
        gate.open()
        for caller in callers { #expect(try await caller.value.result == 1) }
        #expect(runs.withLock { $0 } == 1)
        #expect(!runner.isRunning("t"))
        #expect(runner.callers(of: "t") == 0)
    }

    @Test func theRunsFailureReachesEveryJoiner() async throws {
        let gate = Gate()
        let runs = Locked(0)
        let runner = makeTestRunner(["f": Self.held(gate, runs: runs, failing: true)])
        let callers = Self.call(runner, "f", 1_000)
        try await waitUntil("every caller joined") { runner.callers(of: "f") == 1_000 }
        gate.open()
        for caller in callers {
            await #expect(throws: Boom(run: 1)) { try await caller.value }
        }
        #expect(!runner.isRunning("f"))
        #expect(runner.callers(of: "f") == 0)
    }

    @Test func aCancelledJoinerLeavesAtOnceAndTheOthersStillGetTheResult() async throws {
        let gate = Gate()
        let runs = Locked(0)
        let log = EventLog()
        let runner = makeTestRunner(["t": Self.held(gate, runs: runs)], observers: [log.observer])
        let first = Self.call(runner, "t", 1)
        try await waitUntil("the run is held at the gate") { gate.arrived == 1 }
        let joiners = Self.call(runner, "t", 10)
        try await waitUntil("the joiners joined") { runner.callers(of: "t") == 11 }

        // A joiner, and the caller that started the run: each stops waiting with
        // CancellationError while the run is still held at the gate.
        joiners[3].cancel()
        #expect(Self.isCancellation(await joiners[3].result))
        #expect(runner.callers(of: "t") == 10)
        first[0].cancel()
        #expect(Self.isCancellation(await first[0].result))
        #expect(runner.callers(of: "t") == 9)
        #expect(runner.isRunning("t"), "cancelling callers does not cancel the run")
        #expect(!gate.isOpen)

        gate.open()
        for (index, joiner) in joiners.enumerated() where index != 3 {
            #expect(try await joiner.value.result == 1)
        }
        #expect(runs.withLock { $0 } == 1)
        #expect(!runner.isRunning("t"))
        #expect(runner.callers(of: "t") == 0)
        // Observers see the run as before: one start, ten joins (the cancelled one joined too), one success.
        try await waitUntil("the run reported its success") { log.count("succeeded") == 1 }
        #expect(log.count("started") == 1)
        #expect(log.count("joined") == 10)
    }

    @Test func aCallerAlreadyCancelledStartsNothing() async throws {
        let gate = Gate()
        let runs = Locked(0)
        let runner = makeTestRunner(["t": Self.held(gate, runs: runs)])
        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await runner.run("t")
        }
        #expect(Self.isCancellation(await call.result))
        #expect(runs.withLock { $0 } == 0)
        #expect(!runner.isRunning("t"))
        gate.open()
    }

    @Test func everyJoinerOfAKeyedRunCanLeave() async throws {
        let gate = Gate()
        let runs = Locked(0)
        let runner = makeTestRunner(["k": Self.held(gate, runs: runs, key: true)])
        let callers = Self.call(runner, "k", 2_000, payload: ["k": "a"])
        let other = Self.call(runner, "k", 1, payload: ["k": "b"])
        try await waitUntil("every caller joined") { runner.callers(of: "k") == 2_001 }
        for caller in callers { caller.cancel() }
        for caller in callers { #expect(Self.isCancellation(await caller.result)) }
        #expect(runner.callers(of: "k") == 1)
        #expect(runner.isRunning("k"))
        gate.open()
        #expect(try await other[0].value.result != nil)
        // Both runs settle, the one nobody waits for any more included.
        try await waitUntil("both runs settled") { !runner.isRunning("k") }
        #expect(runs.withLock { $0 } == 2)
        #expect(runner.callers(of: "k") == 0)
    }

    /// Cancellations racing registration and the run's end: every caller ends exactly once, with
    /// the result or CancellationError, and the runner keeps no entry.
    @Test func cancellationsRacingTheRunsEndLoseNoCallerAndLeakNoEntry() async throws {
        for round in 0..<20 {
            let gate = Gate()
            let runs = Locked(0)
            let runner = makeTestRunner(["r": Self.held(gate, runs: runs)])
            let callers = Self.call(runner, "r", 400)
            // Cancel every other caller while calls still arrive, and open the gate meanwhile.
            for (index, caller) in callers.enumerated() where index % 2 == 1 {
                caller.cancel()
                if index == 201 { gate.open() }
            }
            var results = 0
            var cancelled = 0
            for caller in callers {
                switch await caller.result {
                case .success(let result):
                    #expect(result.result != nil)
                    results += 1
                case .failure(let error):
                    #expect(error is CancellationError, "round \(round): \(error)")
                    cancelled += 1
                }
            }
            #expect(results + cancelled == 400)
            #expect(results >= 200, "round \(round): callers never cancelled all get a result")
            try await waitUntil("the runs settled") { !runner.isRunning("r") }
            #expect(runner.callers(of: "r") == 0)
        }
    }
}
