/// What a task returns: an optional JSON `result`, as in Nitro's `{ result?: RT }`.
///
/// ```swift
/// return TaskResult(result: "Success")
/// return TaskResult(result: ["migrated": 3])
/// return try TaskResult(encoding: report)   // any Encodable value
/// ```
public struct TaskResult: Sendable, Hashable {
    /// The value the task produced, if any.
    public var result: JSONValue?

    /// Creates a result holding a JSON value (or none).
    public init(result: JSONValue? = nil) {
        self.result = result
    }

    /// Creates a result holding a payload-shaped object.
    public init(result: TaskPayload) {
        self.result = .object(result)
    }

    /// Creates a result holding the JSON form of any `Encodable` value.
    ///
    /// - Throws: `EncodingError` when the value has no JSON form (a non-finite number, …).
    public init<T: Encodable>(encoding value: T) throws {
        self.result = try JSONValue(encoding: value)
    }

    /// The whole result as a JSON object, as the development server sends it: `{"result": …}`
    /// (`{}` when there is no result).
    public var json: JSONValue {
        guard let result else { return .object([:]) }
        return .object(["result": result])
    }
}
