/// What a task's `run` closure receives.
public struct TaskEvent: Sendable {
    /// The name the task runs under (`db:migrate`).
    public var name: String
    /// The data passed by the caller; scheduled runs get `scheduledTime` (milliseconds since 1970).
    public var payload: TaskPayload
    /// Host facilities such as ``TaskContext/waitUntil``.
    public var context: TaskContext

    /// Creates an event.
    public init(name: String, payload: TaskPayload = [:], context: TaskContext = TaskContext()) {
        self.name = name
        self.payload = payload
        self.context = context
    }
}
