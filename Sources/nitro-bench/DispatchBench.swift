import Foundation
import NitroSync
import NitroTasks

/// `nitro-bench dispatch`: what `runTask` costs over calling the task's closure directly.
enum DispatchBench {
    static func run(_ options: BenchOptions) async throws {
        let calls = options.int("--calls", default: 200_000)
        let concurrent = options.int("--concurrent", default: 10_000)
        let noop = defineTask { _ in TaskResult() }
        let slow = defineTask { _ in
            try await Task.sleep(for: .milliseconds(5))
            return TaskResult(result: "done")
        }
        let runner = TaskRunner(
            registry: TaskRegistry(tasks: [
                .init("noop", definition: { noop }),
                .init("slow", definition: { slow }),
            ]))

        // Baseline: the task's closure called directly, no registry, no lock, no child task.
        // Second baseline: spawning and awaiting one unstructured task, the floor of any design
        // where late callers can join a run that outlives its first caller. The three are timed
        // in turn, round after round.
        let medians = try await Measure.alternatedMedians(
            repeats: 7,
            [
                { for _ in 0..<calls { Measure.blackHole(try await noop.run(TaskEvent(name: "noop"))) } },
                { for _ in 0..<calls { Measure.blackHole(try await runner.run("noop")) } },
                {
                    for _ in 0..<calls {
                        Measure.blackHole(try await Task { try await noop.run(TaskEvent(name: "noop")) }.value)
                    }
                },
            ])
        let (direct, dispatched, spawned) = (medians[0], medians[1], medians[2])
        let spawnPerCall = spawned / Double(calls)
        let directPerCall = direct / Double(calls)
        let perCall = dispatched / Double(calls)
        Measure.report("direct call of a no-op task (baseline)", "\(Measure.format(directPerCall)) ns/call")
        Measure.report("runTask of a no-op task, single caller", "\(Measure.format(perCall)) ns/call")
        Measure.report(
            "dispatch overhead (runTask - direct)",
            "\(Measure.format(perCall - directPerCall)) ns/call (target < 2000 ns)")
        Measure.report("spawn + await one Task (baseline)", "\(Measure.format(spawnPerCall)) ns/call")
        Measure.report("ratio runTask / spawn-and-await", "\(Measure.format(perCall / max(spawnPerCall, 1), digits: 2))x")

        // Same-name concurrency: N callers join one run of a task that takes 5 ms.
        let start = Measure.now()
        let results = try await withThrowingTaskGroup(of: TaskResult.self) { group in
            for _ in 0..<concurrent { group.addTask { try await runner.run("slow") } }
            var collected: [TaskResult] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        let elapsed = Double(Measure.now() - start)
        guard results.count == concurrent else { throw BenchError("lost callers") }
        Measure.report(
            "\(concurrent) concurrent same-name calls",
            "\(Measure.format(elapsed / 1e6)) ms total, \(Measure.format(Double(concurrent) / (elapsed / 1e9), digits: 0)) calls/s")

        try await scaling(options)
    }

    /// Same-name scaling: N callers join one run that a gate holds until all of them joined; the
    /// time from the first call to the last caller's result, for N and 10 N, interleaved in one
    /// run. The callers are the children of a task group (as an app would write it; a group whose
    /// children finish in reverse order costs quadratic time in the runtime, so this also checks
    /// that callers are resumed in arrival order) and, separately, unstructured tasks; the floor is
    /// N tasks suspended on the gate itself and resumed at once, no runner.
    static func scaling(_ options: BenchOptions) async throws {
        let small = options.int("--joiners", default: 10_000)
        let large = small * 10
        let repeats = options.int("--scaling-repeats", default: 9)
        let limit = options.int("--scaling-deadline", default: 120)
        // A hang must fail the bench, not hold it: the watchdog runs on a dispatch thread, outside
        // the cooperative pool that the callers fill, and every poll below has the same deadline.
        let watchdog = DispatchWorkItem {
            FileHandle.standardError.write(
                Data("nitro-bench dispatch: the same-name scaling measurement did not finish within \(limit) s\n".utf8))
            exit(1)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(limit), execute: watchdog)
        defer { watchdog.cancel() }
        let deadline = ContinuousClock.now + .seconds(limit)

        let gate = BenchGate()
        let held = defineTask { _ in
            await gate.wait()
            return TaskResult(result: "held")
        }
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("held", definition: { held })]))
        var grouped: [Int: [Double]] = [small: [], large: []]
        var unstructured: [Int: [Double]] = [small: [], large: []]
        var floor: [Int: [Double]] = [small: [], large: []]
        // One untimed round first (the heap grows to its size), then interleaved rounds, so that a
        // burst of load on the shared machine hits every size and shape alike.
        _ = try await joinAll(large, runner, gate, grouped: true, deadline: deadline)
        _ = try await suspendAll(large, gate, deadline: deadline)
        // What each waiting caller holds: the heap in use once all of them wait, over the heap
        // before, against the same for bare tasks waiting at the gate.
        let callerHeap = Locked(0)
        let taskHeap = Locked(0)
        _ = try await joinAll(large, runner, gate, grouped: false, deadline: deadline, heap: callerHeap)
        _ = try await suspendAll(large, gate, deadline: deadline, heap: taskHeap)
        for _ in 0..<repeats {
            for callers in [small, large] {
                grouped[callers]!.append(try await joinAll(callers, runner, gate, grouped: true, deadline: deadline))
                unstructured[callers]!.append(try await joinAll(callers, runner, gate, grouped: false, deadline: deadline))
                floor[callers]!.append(try await suspendAll(callers, gate, deadline: deadline))
            }
        }
        func figure(_ values: [Double]) -> String {
            "\(Measure.format(median(values) / 1e6)) ms (\(Measure.format(values.min()! / 1e6))–\(Measure.format(values.max()! / 1e6)))"
        }
        func ratio(_ samples: [Int: [Double]]) -> Double { median(samples[large]!) / median(samples[small]!) }
        print("  same-name callers of one run held by a gate until all joined (median of \(repeats), range)")
        for callers in [small, large] {
            Measure.report("\(callers) callers, task group", figure(grouped[callers]!))
            Measure.report("\(callers) callers, unstructured tasks", figure(unstructured[callers]!))
            Measure.report("\(callers) tasks resumed from one gate (floor)", figure(floor[callers]!))
        }
        let verdict = { (value: Double) in "\(Measure.format(value))x (target ≤ 12x: \(value <= 12 ? "met" : "NOT met"))" }
        Measure.report("ratio \(large) / \(small), task group", verdict(ratio(grouped)))
        Measure.report("ratio \(large) / \(small), unstructured", verdict(ratio(unstructured)))
        Measure.report("ratio \(large) / \(small), floor", "\(Measure.format(ratio(floor)))x")
        let perCaller = Double(callerHeap.withLock { $0 }) / Double(large)
        let perTask = Double(taskHeap.withLock { $0 }) / Double(large)
        Measure.report("heap per waiting caller (unstructured)", "\(Measure.format(perCaller, digits: 0)) B")
        Measure.report("heap per task waiting at the gate (floor)", "\(Measure.format(perTask, digits: 0)) B")
        Measure.report("ratio caller / floor", "\(Measure.format(perCaller / max(perTask, 1), digits: 2))x")
    }

    /// `callers` concurrent calls of `held`, the children of a task group or unstructured tasks
    /// that report to a countdown; opens the gate once all of them joined the run; returns the
    /// nanoseconds from the first call to the last result.
    private static func joinAll(
        _ callers: Int, _ runner: TaskRunner, _ gate: BenchGate, grouped: Bool, deadline: ContinuousClock.Instant,
        heap: Locked<Int>? = nil
    ) async throws -> Double {
        gate.close()
        let joined = { runner.callers(of: "held") >= callers }
        let heapBefore = Measure.heapInUse()
        let start = Measure.now()
        if grouped {
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<callers { group.addTask { try await runner.run("held").result == "held" } }
                try await poll("\(callers) callers to join the gated run", deadline: deadline, joined)
                gate.open()
                // (Bounded by the watchdog: a caller never resumed would hold this loop.)
                var ok = 0
                for try await result in group where result { ok += 1 }
                return ok
            }
            guard results == callers else { throw BenchError("\(callers - results) of \(callers) callers got no result") }
        } else {
            let done = Countdown(callers)
            for _ in 0..<callers {
                Task {
                    let result = try? await runner.run("held")
                    done.arrive(ok: result?.result == "held")
                }
            }
            try await poll("\(callers) callers to join the gated run", deadline: deadline, joined)
            heap?.withLock { $0 = Measure.heapInUse() - heapBefore }
            gate.open()
            try await poll("\(callers) callers to get the result", deadline: deadline) { done.finished }
            guard done.failures == 0 else { throw BenchError("\(done.failures) of \(callers) callers got no result") }
        }
        let elapsed = Double(Measure.now() - start)
        guard !runner.isRunning("held"), runner.callers(of: "held") == 0 else {
            throw BenchError("the run was not forgotten after it settled")
        }
        return elapsed
    }

    /// The floor of `joinAll`: `callers` tasks wait at the gate itself, then it opens.
    private static func suspendAll(
        _ callers: Int, _ gate: BenchGate, deadline: ContinuousClock.Instant, heap: Locked<Int>? = nil
    ) async throws -> Double {
        gate.close()
        let done = Countdown(callers)
        let heapBefore = Measure.heapInUse()
        let start = Measure.now()
        for _ in 0..<callers {
            Task {
                await gate.wait()
                done.arrive(ok: true)
            }
        }
        try await poll("\(callers) tasks to reach the gate", deadline: deadline) { gate.waiting >= callers }
        heap?.withLock { $0 = Measure.heapInUse() - heapBefore }
        gate.open()
        try await poll("\(callers) tasks to pass the gate", deadline: deadline) { done.finished }
        return Double(Measure.now() - start)
    }

    /// Waits until `condition` holds, checking between yields, then between 100 µs naps; throws
    /// past the deadline.
    private static func poll(_ what: String, deadline: ContinuousClock.Instant, _ condition: () -> Bool) async throws {
        var checks = 0
        while !condition() {
            guard ContinuousClock.now < deadline else { throw BenchError("timed out waiting for \(what)") }
            checks += 1
            if checks < 100 { await Task.yield() } else { try await Task.sleep(for: .microseconds(100)) }
        }
    }

    private static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }
}

/// Counts callers that finished, and those that got no result.
private final class Countdown: Sendable {
    private let state: Locked<(left: Int, failures: Int)>

    init(_ count: Int) { state = Locked((count, 0)) }

    func arrive(ok: Bool) {
        state.withLock {
            $0.left -= 1
            if !ok { $0.failures += 1 }
        }
    }

    var finished: Bool { state.withLock { $0.left <= 0 } }
    var failures: Int { state.withLock { $0.failures } }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The gate of one round: a fresh ``Latch`` each time it closes.
private final class BenchGate: Sendable {
    private let latch = Locked(Latch())

    private var current: Latch { latch.withLock { $0 } }
    var waiting: Int { current.waiting }
    func wait() async { await current.wait() }
    func open() { current.open() }
    func close() { latch.withLock { $0 = Latch() } }
}
