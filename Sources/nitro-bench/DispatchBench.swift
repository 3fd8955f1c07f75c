import Foundation
import NitroTasks

/// `nitro-bench dispatch`: what `runTask` costs over calling the task's closure directly.
enum DispatchBench {
    static func run(_ arguments: [String]) async throws {
        let calls = Measure.intOption("--calls", in: arguments, default: 200_000)
        let concurrent = Measure.intOption("--concurrent", in: arguments, default: 10_000)
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
        let direct = try await Measure.median(repeats: 5) {
            for _ in 0..<calls { Measure.blackHole(try await noop.run(TaskEvent(name: "noop"))) }
        }
        let dispatched = try await Measure.median(repeats: 5) {
            for _ in 0..<calls { Measure.blackHole(try await runner.run("noop")) }
        }
        // Second baseline: spawning and awaiting one unstructured task, the floor of any design
        // where late callers can join a run that outlives its first caller.
        let spawned = try await Measure.median(repeats: 5) {
            for _ in 0..<calls {
                Measure.blackHole(try await Task { try await noop.run(TaskEvent(name: "noop")) }.value)
            }
        }
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
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
