#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import NitroSync
import NitroTasks
import Testing

/// A shared (dedupe) run starts on its first caller's thread (`Task.immediate`): a task that
/// finishes without suspending costs no thread hop. The run is recorded before it starts and gets
/// its handle after, so a cancel in between must not be lost.
@Suite("Task runner: starting a run", .timeLimit(.minutes(1)))
struct TaskRunnerStartTests {
    /// The calling thread, as a number that can cross tasks.
    static func thread() -> UInt { UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(bitPattern: UInt(pthread_self())))) }

    @Test(arguments: [false, true])
    func theFirstCallerStartsTheRunOnItsOwnThread(keyed: Bool) async throws {
        // (`Task.immediate` needs the 26 releases on Apple platforms; before them a run is queued.)
        guard #available(macOS 26.0, *) else { return }
        let seen = Locked<UInt?>(nil)
        let task = defineTask(concurrency: keyed ? .dedupe(key: { _ in "k" }) : .dedupe) { _ in
            seen.withLock { $0 = Self.thread() }
            return TaskResult(result: "done")
        }
        let runner = makeTestRunner(["quick": task])
        // Many calls, so that a design that queues the run elsewhere cannot pass by chance.
        for _ in 0..<200 {
            let caller = Self.thread()
            #expect(try await runner.run("quick").result == "done")
            #expect(seen.withLock { $0 } == caller)
            #expect(!runner.isRunning("quick"))
        }
    }

    @Test(arguments: [false, true])
    func aCancelThatComesWhileTheRunIsStartingStillReachesIt(keyed: Bool) async throws {
        // The run cancels its own name before its first suspension: its entry exists, its handle
        // does not yet. It must see the cancellation at its next suspension all the same.
        let runner = Locked<TaskRunner?>(nil)
        let task = defineTask(concurrency: keyed ? .dedupe(key: { _ in "k" }) : .dedupe) { _ in
            runner.withLock { $0 }?.cancel("self")
            try await Task.sleep(for: .seconds(10))  // returns, and the test fails, if the cancel was lost
            return TaskResult(result: "not cancelled")
        }
        let made = makeTestRunner(["self": task])
        runner.withLock { $0 = made }
        defer { runner.withLock { $0 = nil } }  // the task holds the box that holds the runner: break the cycle
        await #expect(throws: CancellationError.self) { try await made.run("self") }
        #expect(!made.isRunning("self"))
        #expect(made.callers(of: "self") == 0)
    }

    @Test func aRunMayRunAnotherTaskBeforeItFirstSuspends() async throws {
        // Both start inline, one inside the other; each settles on its own.
        let inner = defineTask { _ in TaskResult(result: "inner") }
        let runner = Locked<TaskRunner?>(nil)
        let outer = defineTask { _ in
            let result = try await runner.withLock { $0 }!.run("inner")
            return TaskResult(result: .string("outer(\(result.result?.stringValue ?? "-"))"))
        }
        let made = makeTestRunner(["inner": inner, "outer": outer])
        runner.withLock { $0 = made }
        defer { runner.withLock { $0 = nil } }  // the task holds the box that holds the runner: break the cycle
        #expect(try await made.run("outer").result == "outer(inner)")
        #expect(!made.isRunning("outer"))
        #expect(!made.isRunning("inner"))
    }
}
