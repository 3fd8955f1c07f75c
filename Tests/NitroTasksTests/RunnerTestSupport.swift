import NitroTestSupport
import NitroSync
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes

/// Records how many runs are in flight, the most at once, and each run's start and end order.
final class Overlap: Sendable {
    private struct State {
        var inFlight = 0
        var most = 0
        var tick = 0
        /// Per run: its label, the tick it started at and the tick it ended at.
        var spans: [(label: Int, start: Int, end: Int)] = []
    }

    private let state = Locked(State())

    /// Marks a run as started; returns its start tick.
    func enter() -> Int {
        state.withLock { state in
            state.inFlight += 1
            state.most = max(state.most, state.inFlight)
            state.tick += 1
            return state.tick
        }
    }

    /// Marks the run labelled `label`, started at `start`, as ended.
    func leave(_ label: Int, start: Int) {
        state.withLock { state in
            state.inFlight -= 1
            state.tick += 1
            state.spans.append((label, start, state.tick))
        }
    }

    var most: Int { state.withLock { $0.most } }
    var spans: [(label: Int, start: Int, end: Int)] { state.withLock { $0.spans } }
}

/// Collects a runner's events.
final class EventLog: Sendable {
    let events = Locked<[TaskRunEvent]>([])

    var observer: TaskRunObserver { { event in self.events.withLock { $0.append(event) } } }

    /// The events as `(task, kind, trigger)` strings, for simple comparisons.
    func summary(_ task: String? = nil) -> [String] {
        events.withLock { $0 }.filter { task == nil || $0.task == task }.map { event in
            "\(event.task) \(event.kindName) \(event.trigger)"
        }
    }

    func count(_ kindName: String) -> Int {
        events.withLock { $0 }.filter { $0.kindName == kindName }.count
    }
}

extension TaskRunEvent {
    var kindName: String {
        switch kind {
        case .started: "started"
        case .joined: "joined"
        case .succeeded: "succeeded"
        case .failed: "failed"
        }
    }
}

/// A runner over the given tasks, with observers.
func makeTestRunner(_ tasks: [String: TaskDefinition], observers: [TaskRunObserver] = []) -> TaskRunner {
    TaskRunner(
        registry: TaskRegistry(tasks: tasks.map { name, definition in .init(name, definition: { definition }) }),
        observers: observers)
}
