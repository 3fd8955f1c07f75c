/// An error that carries an HTTP status, thrown by ``runTask(_:payload:context:)`` and the hosts.
///
/// The messages match Nitro's: ``Task `NAME` is not available!`` (404) and
/// ``Task `NAME` is not implemented!`` (501); a run past its time limit is 504.
public struct TaskError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status that describes the failure.
    public let statusCode: Int
    /// A message for people.
    public let message: String

    /// Creates an error.
    public init(statusCode: Int, message: String) {
        self.statusCode = statusCode
        self.message = message
    }

    /// No task of that name is registered (404).
    public static func notAvailable(_ name: String) -> TaskError {
        TaskError(statusCode: 404, message: "Task `\(name)` is not available!")
    }

    /// The task is registered without a handler (501).
    public static func notImplemented(_ name: String) -> TaskError {
        TaskError(statusCode: 501, message: "Task `\(name)` is not implemented!")
    }

    /// The run passed the task's time limit (504): it was cancelled and abandoned.
    public static func timedOut(_ name: String, after limit: Duration) -> TaskError {
        TaskError(statusCode: 504, message: "Task `\(name)` did not finish within its time limit of \(limit)")
    }

    public var description: String { message }
}
