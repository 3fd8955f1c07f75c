import NitroTestSupport
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import NitroSync
import Synchronization
import Testing

/// One running instance per task name under 10,000 concurrent callers across eight names.
/// Meant to run under ThreadSanitizer too (`Tests/Scripts/sanitizers.sh`).
@Suite("Stress: one running instance", .timeLimit(.minutes(3)))
struct StressTaskRunnerTests {
    static let names = (0..<8).map { "stress:\($0)" }
    static let callers = 10_000

    /// Per name: runs started, runs in flight now, the most ever in flight at once.
    final class Tally: Sendable {
        let started = Atomic<Int>(0)
        let inFlight = Atomic<Int>(0)
        let mostInFlight = Atomic<Int>(0)

        func enter() -> Int {
            let now = inFlight.add(1, ordering: .sequentiallyConsistent).newValue
            var most = mostInFlight.load(ordering: .sequentiallyConsistent)
            while now > most {
                let (exchanged, original) = mostInFlight.compareExchange(
                    expected: most, desired: now, ordering: .sequentiallyConsistent)
                if exchanged { break }
                most = original
            }
            return started.add(1, ordering: .sequentiallyConsistent).newValue
        }

        func leave() { inFlight.subtract(1, ordering: .sequentiallyConsistent) }
    }

    /// How many callers have started.
    final class Arrivals: Sendable {
        let count = Atomic<Int>(0)
    }

    struct Failure: Error, Equatable {
        let run: Int
    }

    /// A registry of eight tasks that record their concurrency, wait at `gate` (if any), yield a
    /// few times and return (or, for the last name, throw) their run number.
    static func registry(_ tallies: [String: Tally], gate: Gate?) -> TaskRegistry {
        TaskRegistry(
            tasks: names.map { name in
                let tally = tallies[name]!
                let failing = name == names.last
                let definition = defineTask { (_: TaskEvent) -> TaskResult in
                    let run = tally.enter()
                    defer { tally.leave() }
                    if let gate { await gate.wait() }
                    for _ in 0..<3 { await Task.yield() }
                    if failing { throw Failure(run: run) }
                    return TaskResult(result: .number(Double(run)))
                }
                return .init(name, definition: { definition })
            })
    }

    /// Every caller's name and outcome (the run number it got, negative for an error's run).
    static func callAll(_ runner: TaskRunner, arrived: Arrivals? = nil) async -> [(String, Int)] {
        await withTaskGroup(of: (String, Int).self) { group in
            for index in 0..<callers {
                let name = names[index % names.count]
                group.addTask {
                    arrived?.count.add(1, ordering: .sequentiallyConsistent)
                    do {
                        let result = try await runner.run(name)
                        return (name, result.result?.intValue ?? 0)
                    } catch let failure as Failure {
                        return (name, -failure.run)
                    } catch {
                        return (name, 0)
                    }
                }
            }
            var outcomes: [(String, Int)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }

    @Test func tenThousandCallersHeldAtAGateShareOneRunPerName() async {
        let tallies = Dictionary(uniqueKeysWithValues: Self.names.map { ($0, Tally()) })
        let gate = Gate()
        let runner = TaskRunner(registry: Self.registry(tallies, gate: gate))
        let arrived = Arrivals()
        async let outcomes = Self.callAll(runner, arrived: arrived)
        // Open the gate once every caller has started and every name has a run in flight.
        while arrived.count.load(ordering: .sequentiallyConsistent) < Self.callers || !Self.names.allSatisfy(runner.isRunning) {
            await Task.yield()
        }
        for _ in 0..<100 { await Task.yield() }
        gate.open()
        let results = await outcomes

        #expect(results.count == Self.callers)
        for name in Self.names {
            let tally = tallies[name]!
            #expect(tally.mostInFlight.load(ordering: .sequentiallyConsistent) == 1, "\(name) ran concurrently")
            let got = Set(results.filter { $0.0 == name }.map(\.1))
            let runs = tally.started.load(ordering: .sequentiallyConsistent)
            #expect(!got.contains(0), "\(name): a caller got neither a result nor the task's error")
            #expect(got.count <= runs, "\(name): \(got.count) distinct outcomes from \(runs) runs")
            // Callers that arrived after the run settled start another one; with the gate, few do.
            #expect(runs < Self.callers / Self.names.count / 10, "\(name): \(runs) runs for 1,250 callers")
        }
        #expect(!Self.names.contains(where: runner.isRunning))
    }

    @Test func tenThousandCallersWithoutAGateNeverOverlapRunsOfOneName() async {
        let tallies = Dictionary(uniqueKeysWithValues: Self.names.map { ($0, Tally()) })
        let runner = TaskRunner(registry: Self.registry(tallies, gate: nil))
        let results = await Self.callAll(runner)
        #expect(results.count == Self.callers)
        #expect(!results.contains { $0.1 == 0 })
        for name in Self.names {
            #expect(tallies[name]!.mostInFlight.load(ordering: .sequentiallyConsistent) == 1, "\(name) ran concurrently")
            let sharing = results.filter { $0.0 == name }.count
            let runs = tallies[name]!.started.load(ordering: .sequentiallyConsistent)
            #expect(runs >= 1 && runs <= sharing)
        }
    }
}
