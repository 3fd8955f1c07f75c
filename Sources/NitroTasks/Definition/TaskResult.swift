/// What a task returns: an optional JSON `result`, as in Nitro's `{ result?: RT }`.
///
/// Anything with a JSON form goes in as it is, variables and literals alike:
/// ```swift
/// return TaskResult(result: "Success")
/// return TaskResult(result: count)                          // Int, Double, Bool, Date, String…
/// return TaskResult(result: ["user": name, "count": count]) // an object
/// return TaskResult(result: [first, second])                // an array
/// return try TaskResult(encoding: report)                   // any Encodable value
/// ```
/// A `nil` optional gives no result (`{}`), like ``init()``. A `Date` is ISO 8601 text
/// (`2026-01-31T09:30:00.000Z`).
public struct TaskResult: Sendable, Hashable {
    /// The value the task produced, if any.
    public var result: JSONValue?

    /// A result without a value: `{}`.
    public init() {
        self.result = nil
    }

    /// Creates a result holding a JSON value (or none).
    public init(result: JSONValue?) {
        self.result = result
    }

    /// Creates a result holding the JSON form of a value (none for `nil`).
    public init<Value: JSONValueConvertible>(result: Value?) {
        self.result = result?.jsonValue
    }

    /// Creates a result holding an object: `TaskResult(result: ["user": name, "count": count])`.
    public init(result: TaskPayload) {
        self.result = .object(result.members)
    }

    /// Creates a result holding an array of values of different types: `[name, count]`.
    public init(result: [any JSONValueConvertible]) {
        self.result = .array(result.map(\.jsonValue))
    }

    /// Creates a result holding the JSON form of any `Encodable` value (dates as ISO 8601 text).
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
