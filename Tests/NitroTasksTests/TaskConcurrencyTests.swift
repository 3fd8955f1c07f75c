import NitroTestSupport
import NitroSync
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import Testing

/// The three concurrency rules under 10,000 concurrent callers, and key functions.
@Suite("Task concurrency modes", .timeLimit(.minutes(1)))
struct TaskConcurrencyTests {
    static let callers = 10_000

    /// `count` concurrent calls of `name`, call `i` with payload `["i": i]` and, if given, a key
    /// member; returns each caller's result.
    static func callAll(
        _ runner: TaskRunner, _ name: String, count: Int = callers, key: (@Sendable (Int) -> String)? = nil
    ) async -> [Int: TaskResult] {
        await withTaskGroup(of: (Int, TaskResult?).self) { group in
            for index in 0..<count {
                group.addTask {
                    var payload: TaskPayload = ["i": .number(Double(index))]
                    if let key { payload["tenant"] = .string(key(index)) }
                    return (index, try? await runner.run(name, payload: payload))
                }
            }
            var results: [Int: TaskResult] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    @Test func dedupeRunsOnceForTenThousandCallersWhoAllGetItsResult() async {
        let gate = Gate()
        let runs = Locked(0)
        let joined = Locked(0)
        let task = defineTask(concurrency: .dedupe) { event in
            let run = runs.withLock {
                $0 += 1; return $0
            }
            await gate.wait()
            return TaskResult(result: ["run": .number(Double(run)), "i": event.payload["i"] ?? .null])
        }
        // Opens the gate once every other caller joined: the run is shared by all, by construction.
        let runner = makeTestRunner(
            ["d": task],
            observers: [
                { event in
                    if case .joined = event.kind,
                        joined.withLock({
                            $0 += 1; return $0
                        }) == Self.callers - 1
                    {
                        gate.open()
                    }
                }
            ])
        let results = await Self.callAll(runner, "d")
        #expect(results.count == Self.callers)
        #expect(runs.withLock { $0 } == 1)
        #expect(Set(results.values).count == 1, "every caller gets the one run's result")
        #expect(!runner.isRunning("d"))
    }

    @Test func serialRunsEachOfTenThousandCallsWithoutOverlap() async {
        let overlap = Overlap()
        let task = defineTask(concurrency: .serial) { event in
            let index = event.payload["i"]?.intValue ?? -1
            let start = overlap.enter()
            await Task.yield()
            overlap.leave(index, start: start)
            return TaskResult(result: .number(Double(index)))
        }
        let runner = makeTestRunner(["s": task])
        let results = await Self.callAll(runner, "s")
        #expect(results.count == Self.callers)
        #expect(results.allSatisfy { $0.value.result?.intValue == $0.key }, "each caller gets its own run's result")
        #expect(overlap.most == 1)
        let spans = overlap.spans
        #expect(spans.count == Self.callers)
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.end < $1.start }, "a run starts after the previous ended")
        #expect(!runner.isRunning("s"))
    }

    @Test func serialRunsCallsInArrivalOrder() async throws {
        let gate = Gate()
        let order = Locked<[Int]>([])
        let task = defineTask(concurrency: .serial) { event in
            let index = event.payload["i"]?.intValue ?? -1
            if index == 0 { await gate.wait() }
            order.withLock { $0.append(index) }
        }
        let runner = makeTestRunner(["s": task])
        let count = 200
        // One deadline for the whole test; the waits also end when the test is cancelled.
        let deadline = ContinuousClock.now + .seconds(30)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask { _ = try await runner.run("s", payload: ["i": .number(Double(index))]) }
                // The next call arrives only once this one is queued (or running).
                while runner.callers(of: "s") < index + 1, ContinuousClock.now < deadline, !Task.isCancelled {
                    await Task.yield()
                }
            }
            gate.open()
            try await group.waitForAll()
        }
        #expect(order.withLock { $0 } == Array(0..<count))
    }

    @Test func parallelRunsTenThousandCallsAtOnce() async {
        // Opens only once every run is in flight at the same time.
        let gate = Gate(threshold: Self.callers)
        let overlap = Overlap()
        let task = defineTask(concurrency: .parallel) { event in
            let start = overlap.enter()
            await gate.wait()
            overlap.leave(event.payload["i"]?.intValue ?? -1, start: start)
            return TaskResult(result: event.payload["i"])
        }
        let runner = makeTestRunner(["p": task])
        let results = await Self.callAll(runner, "p")
        #expect(results.count == Self.callers)
        #expect(results.allSatisfy { $0.value.result?.intValue == $0.key })
        #expect(overlap.most == Self.callers)
        #expect(!runner.isRunning("p"))
    }

    @Test func dedupeWithAKeySharesRunsPerKeyOnly() async {
        let tenants = 10
        // Every run waits until all callers are in: one per key started a run, every other one
        // joined it. So the runs of the ten keys overlap, and each key has exactly one run.
        let gate = Gate()
        let runs = Locked<[String: Int]>([:])
        let joined = Locked(0)
        let task = defineTask(concurrency: .dedupe(key: { $0["tenant"]?.stringValue ?? "" })) { event in
            let tenant = event.payload["tenant"]?.stringValue ?? "?"
            runs.withLock { $0[tenant, default: 0] += 1 }
            await gate.wait()
            return TaskResult(result: .string(tenant))
        }
        let runner = makeTestRunner(
            ["k": task],
            observers: [
                { event in
                    if case .joined = event.kind,
                        joined.withLock({
                            $0 += 1; return $0
                        }) == Self.callers - tenants
                    {
                        gate.open()
                    }
                }
            ])
        let results = await Self.callAll(runner, "k", key: { "t\($0 % tenants)" })
        #expect(results.count == Self.callers)
        #expect(results.allSatisfy { $0.value.result?.stringValue == "t\($0.key % tenants)" })
        let counts = runs.withLock { $0 }
        #expect(counts == Dictionary(uniqueKeysWithValues: (0..<tenants).map { ("t\($0)", 1) }), "\(counts)")
        #expect(!runner.isRunning("k"))
    }

    @Test func serialWithAKeyQueuesPerKeyOnly() async {
        let tenants = 4
        let overlapByTenant = (0..<tenants).map { _ in Overlap() }
        let all = Overlap()
        // The first run of every tenant waits until each tenant has one in flight.
        let gate = Gate(threshold: tenants)
        let firsts = Locked<Set<Int>>([])
        let task = defineTask(concurrency: .serial(key: { $0["tenant"]?.stringValue ?? "" })) { event in
            let index = event.payload["i"]?.intValue ?? 0
            let tenant = index % tenants
            let start = overlapByTenant[tenant].enter()
            let allStart = all.enter()
            if firsts.withLock({ $0.insert(tenant).inserted }) { await gate.wait() }
            await Task.yield()
            all.leave(index, start: allStart)
            overlapByTenant[tenant].leave(index, start: start)
            return TaskResult(result: .number(Double(index)))
        }
        let runner = makeTestRunner(["sk": task])
        let results = await Self.callAll(runner, "sk", count: 2_000, key: { "t\($0 % tenants)" })
        #expect(results.count == 2_000)
        #expect(results.allSatisfy { $0.value.result?.intValue == $0.key })
        for overlap in overlapByTenant {
            #expect(overlap.most == 1)
            #expect(overlap.spans.count == 2_000 / tenants)
        }
        #expect(all.most >= tenants, "different keys run concurrently")
    }

    @Test func theDefaultIsDedupeAndExistingCallSitesKeepTheirMeaning() async throws {
        let task = defineTask(meta: TaskMeta(description: "x")) { _ in TaskResult(result: "ok") }
        #expect(task.timeLimit == nil)
        let runner = makeTestRunner(["x": task])
        #expect(try await runner.run("x") == TaskResult(result: "ok"))
    }
}
