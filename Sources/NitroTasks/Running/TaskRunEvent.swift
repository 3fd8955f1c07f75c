import Foundation
import NitroJSON

/// What a ``TaskRunner`` tells its observers: one call or run of a task started, joined, ended.
///
/// Every run reports ``Kind-swift.enum/started`` and then exactly one of
/// ``Kind-swift.enum/succeeded(_:duration:)`` or ``Kind-swift.enum/failed(_:duration:)`` (a run
/// past its time limit fails with ``TaskError/timedOut(_:after:)``); a call that shares a run in
/// flight reports ``Kind-swift.enum/joined``. Events of one run carry the same ``runID``.
public struct TaskRunEvent: Sendable {
    /// What happened.
    public enum Kind: Sendable {
        /// The run began.
        case started
        /// A call joined the run in flight instead of starting one (``TaskConcurrency/dedupe``).
        case joined
        /// The run returned `result` after `duration`.
        case succeeded(TaskResult, duration: Duration)
        /// The run threw `error` (the task's own, unchanged, or the time limit's) after `duration`.
        case failed(any Error, duration: Duration)
    }

    /// The task's registered name.
    public let task: String
    /// What started the call: for `started`, `succeeded` and `failed` the call that started the
    /// run; for `joined` the call that joined.
    public let trigger: TaskTrigger
    /// The instant a scheduled call was due (the context's `scheduledTime`), `nil` for others.
    public let scheduledTime: Date?
    /// Identifies the run, the same for all its events (unique within one runner).
    public let runID: UInt64
    /// What happened.
    public let kind: Kind

    /// Creates an event.
    public init(task: String, trigger: TaskTrigger, scheduledTime: Date?, runID: UInt64, kind: Kind) {
        self.task = task
        self.trigger = trigger
        self.scheduledTime = scheduledTime
        self.runID = runID
        self.kind = kind
    }

    /// For `succeeded`, the size in bytes of the result's JSON as the development server sends it
    /// (`{"result": …}`, compact); `nil` otherwise. Computed on each read: it encodes the result.
    public var resultByteCount: Int? {
        guard case .succeeded(let result, _) = kind else { return nil }
        return JSONWriter.compact(result.json).utf8.count
    }

    /// For `succeeded` and `failed`, how long the run took.
    public var duration: Duration? {
        switch kind {
        case .succeeded(_, let duration), .failed(_, let duration): duration
        case .started, .joined: nil
        }
    }
}

/// Receives every ``TaskRunEvent`` of a runner. It is called synchronously on the thread of the
/// run or call, outside the runner's lock: it must return quickly and never block (hand slow work
/// such as network I/O to a queue or a `Task`).
public typealias TaskRunObserver = @Sendable (TaskRunEvent) -> Void
