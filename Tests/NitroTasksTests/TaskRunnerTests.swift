import NitroTestSupport
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import NitroSync
import Synchronization
import Testing

/// A shared counter that closures can capture.
private final class Counter: Sendable {
    private let storage = Atomic<Int>(0)
    func increment() { storage.add(1, ordering: .sequentiallyConsistent) }
    var value: Int { storage.load(ordering: .sequentiallyConsistent) }
}

private struct Boom: Error, Equatable {
    let code: Int
}

@Suite(.timeLimit(.minutes(3))) struct TaskRunnerTests {
    @Test func unknownTaskIs404WithNitrosMessage() async {
        let runner = TaskRunner(registry: TaskRegistry(tasks: []))
        await #expect(throws: TaskError(statusCode: 404, message: "Task `db:nope` is not available!")) {
            try await runner.run("db:nope")
        }
    }

    @Test func taskWithoutHandlerIs501WithNitrosMessage() async {
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("db:seed", description: "Seed", definition: nil)]))
        do {
            _ = try await runner.run("db:seed")
            Issue.record("expected an error")
        } catch let error as TaskError {
            #expect(error.statusCode == 501)
            #expect(error.message == "Task `db:seed` is not implemented!")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func taskErrorsReachTheCallerUnchanged() async {
        let failing = defineTask { (_: TaskEvent) -> TaskResult in throw Boom(code: 7) }
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("fail", definition: { failing })]))
        await #expect(throws: Boom(code: 7)) { try await runner.run("fail") }
    }

    @Test func payloadAndContextReachTheTask() async throws {
        let seen = Locked<(String, TaskPayload, String?)?>(nil)
        let probe = defineTask { event in
            seen.withLock { $0 = (event.name, event.payload, event.context.values["host"] as? String) }
            return TaskResult(result: event.payload["k"])
        }
        let waited = Atomic<Int>(0)
        let context = TaskContext(waitUntil: { _ in waited.add(1, ordering: .relaxed) }, values: ["host": "test"])
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("probe", definition: { probe })]))
        let result = try await runner.run("probe", payload: ["k": "v", "n": 1], context: context)
        #expect(result.result == "v")
        let recorded = try #require(seen.withLock { $0 })
        #expect(recorded.0 == "probe")
        #expect(recorded.1 == ["k": "v", "n": 1])
        #expect(recorded.2 == "test")

        let usesWaitUntil = defineTask { event in
            event.context.waitUntil?({})
            return TaskResult()
        }
        let second = TaskRunner(registry: TaskRegistry(tasks: [.init("w", definition: { usesWaitUntil })]))
        _ = try await second.run("w", context: context)
        #expect(waited.load(ordering: .relaxed) == 1)
    }

    @Test func thousandConcurrentCallersShareOneRun() async throws {
        let gate = Gate()
        let executions = Atomic<Int>(0)
        let task = defineTask { _ in
            let count = executions.add(1, ordering: .sequentiallyConsistent).newValue
            await gate.wait()
            return TaskResult(result: .number(Double(count)))
        }
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("once", definition: { task })]))
        let callers = 1_000
        let arrived = Counter()
        let results = try await withThrowingTaskGroup(of: TaskResult.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    arrived.increment()
                    return try await runner.run("once")
                }
            }
            // Release only once every caller has joined the run in flight.
            try await waitUntil("every caller joined the run") { runner.callers(of: "once") >= callers }
            #expect(arrived.value == callers)
            gate.open()
            var all: [TaskResult] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == callers)
        #expect(executions.load(ordering: .sequentiallyConsistent) == 1)
        #expect(Set(results.map(\.result)) == [.number(1)])
    }

    @Test func thousandConcurrentCallersShareOneFailure() async throws {
        let gate = Gate()
        let executions = Atomic<Int>(0)
        let task = defineTask { (_: TaskEvent) -> TaskResult in
            let count = executions.add(1, ordering: .sequentiallyConsistent).newValue
            await gate.wait()
            throw Boom(code: count)
        }
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("fails", definition: { task })]))
        let arrived = Counter()
        let errors = await withTaskGroup(of: (any Error)?.self) { group in
            for _ in 0..<1_000 {
                group.addTask {
                    arrived.increment()
                    do {
                        _ = try await runner.run("fails")
                        return nil
                    } catch { return error }
                }
            }
            try? await waitUntil("a thousand callers joined") { runner.callers(of: "fails") >= 1_000 }
            #expect(arrived.value == 1_000)
            gate.open()
            var all: [(any Error)?] = []
            for await error in group { all.append(error) }
            return all
        }
        #expect(errors.count == 1_000)
        #expect(errors.allSatisfy { ($0 as? Boom) == Boom(code: 1) })
        #expect(executions.load(ordering: .sequentiallyConsistent) == 1)
    }

    @Test func aCallAfterCompletionRunsAgain() async throws {
        let count = Atomic<Int>(0)
        let task = defineTask { _ in
            TaskResult(result: .number(Double(count.add(1, ordering: .relaxed).newValue)))
        }
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("again", definition: { task })]))
        #expect(try await runner.run("again").result == 1)
        #expect(try await runner.run("again").result == 2)
        #expect(runner.isRunning("again") == false)
    }

    @Test func aCallAfterAFailureRunsAgain() async throws {
        let count = Atomic<Int>(0)
        let task = defineTask { _ in
            if count.add(1, ordering: .relaxed).newValue == 1 { throw Boom(code: 1) }
            return TaskResult(result: "recovered")
        }
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("flaky", definition: { task })]))
        await #expect(throws: Boom(code: 1)) { try await runner.run("flaky") }
        #expect(try await runner.run("flaky").result == "recovered")
    }

    @Test func differentTasksOverlapInTime() async throws {
        // Each task waits until the other has started: this completes only if they overlap.
        let started = Atomic<Int>(0)
        let waitForBoth = defineTask { event in
            started.add(1, ordering: .sequentiallyConsistent)
            try await waitUntil("both runs started") { started.load(ordering: .sequentiallyConsistent) >= 2 }
            return TaskResult(result: .string(event.name))
        }
        let runner = TaskRunner(
            registry: TaskRegistry(tasks: [
                .init("a", definition: { waitForBoth }), .init("b", definition: { waitForBoth }),
            ]))
        async let first = runner.run("a")
        async let second = runner.run("b")
        let (a, b) = try await (first, second)
        #expect(a.result == "a")
        #expect(b.result == "b")
    }

    @Test func manyNamesManyCallersEachRunOncePerName() async throws {
        let gate = Gate()
        let executions = Atomic<Int>(0)
        let perName = Locked<[String: Int]>([:])
        let task = defineTask { event in
            perName.withLock { $0[event.name, default: 0] += 1 }
            executions.add(1, ordering: .sequentiallyConsistent)
            await gate.wait()
            return TaskResult(result: .string(event.name))
        }
        let names = (0..<10).map { "job:\($0)" }
        let runner = TaskRunner(registry: TaskRegistry(tasks: names.map { .init($0, definition: { task }) }))
        let results = try await withThrowingTaskGroup(of: (String, TaskResult).self) { group in
            for index in 0..<2_000 {
                let name = names[index % names.count]
                group.addTask { (name, try await runner.run(name)) }
            }
            // Release only once all 2,000 callers have joined the 10 runs in flight.
            try await waitUntil("two thousand callers joined") { names.map({ runner.callers(of: $0) }).reduce(0, +) >= 2_000 }
            gate.open()
            var all: [(String, TaskResult)] = []
            for try await pair in group { all.append(pair) }
            return all
        }
        #expect(results.allSatisfy { $0.1.result == .string($0.0) })
        #expect(perName.withLock { $0 } == Dictionary(uniqueKeysWithValues: names.map { ($0, 1) }))
    }

    @Test func globalRunTaskUsesTheBootstrappedRegistry() async throws {
        let hello = defineTask { _ in "hi" }
        TaskRunner.bootstrap(TaskRegistry(tasks: [.init("hello", definition: { hello })]))
        #expect(try await runTask("hello").result == "hi")
        await #expect(throws: TaskError.notAvailable("missing")) { try await runTask("missing") }
    }

    @Test func registryKeepsTheLastEntryOfARepeatedName() {
        let registry = TaskRegistry(tasks: [
            .init("a", description: "first", definition: nil), .init("a", description: "second", definition: nil),
        ])
        #expect(registry.names == ["a"])
        #expect(registry["a"]?.description == "second")
    }
}
