/// The data passed to a task: a JSON object.
///
/// Read members with a subscript, which gives a ``JSONValue`` or `nil`:
/// ```swift
/// let user = event.payload["user"]?.stringValue ?? "everyone"
/// ```
/// Write it as a dictionary literal: `["user": "ada", "force": true]`.
public typealias TaskPayload = [String: JSONValue]

extension Dictionary where Key == String, Value == JSONValue {
    /// Decodes the whole payload into a `Decodable` type.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONValue.object(self).decode(T.self)
    }
}
