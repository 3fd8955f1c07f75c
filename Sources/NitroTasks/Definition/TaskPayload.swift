/// The data passed to a task: a JSON object.
///
/// Write it as a dictionary literal whose values are anything with a JSON form (variables
/// included, no wrapping):
/// ```swift
/// let user = "ada", dryRun = true
/// let payload: TaskPayload = ["user": user, "dryRun": dryRun, "limit": 10]
/// ```
/// Read a member as a ``JSONValue`` with the subscript (`payload["user"]?.stringValue`), with a
/// reader that also accepts the text a query string gives (``bool(_:)``, ``int(_:)``,
/// ``double(_:)``, ``string(_:)``, ``date(_:)``), or decode the whole payload into a struct
/// (``decode(_:)``, a 400 ``TaskError`` naming the key when it does not fit).
///
/// A nested object whose values have different types is written as a `JSONValue`:
/// `["options": .object(["limit": 10, "mode": "fast"])]`.
public struct TaskPayload: Sendable, Hashable {
    /// The members.
    public var members: [String: JSONValue]

    /// A payload with these members (`TaskPayload(json.objectValue ?? [:])`).
    public init(_ members: [String: JSONValue] = [:]) {
        self.members = members
    }

    /// The member named `key`; setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    /// Whether the payload has no member.
    public var isEmpty: Bool { members.isEmpty }

    /// How many members the payload has.
    public var count: Int { members.count }

    /// The members' names.
    public var keys: Dictionary<String, JSONValue>.Keys { members.keys }

    /// The payload as a JSON object.
    public var json: JSONValue { .object(members) }

    /// Adds the members of `other`; for a name in both, `combine` gives the value.
    public mutating func merge(
        _ other: [String: JSONValue], uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows {
        try members.merge(other, uniquingKeysWith: combine)
    }

    /// Adds the members of `other`; for a name in both, `combine` gives the value.
    public mutating func merge(
        _ other: TaskPayload, uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows {
        try members.merge(other.members, uniquingKeysWith: combine)
    }
}

extension TaskPayload: ExpressibleByDictionaryLiteral {
    /// A payload from a literal; when a key repeats, the last value wins (as in `JSON.parse`).
    @inlinable
    public init(dictionaryLiteral elements: (String, any JSONValueConvertible)...) {
        guard !elements.isEmpty else {
            self.members = [:]
            return
        }
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(elements.count)
        for (key, value) in elements { members[key] = value.jsonValue }
        self.members = members
    }
}

extension TaskPayload: Sequence {
    /// The members, in no particular order.
    public func makeIterator() -> Dictionary<String, JSONValue>.Iterator {
        members.makeIterator()
    }
}

extension TaskPayload: JSONValueConvertible {
    public var jsonValue: JSONValue { .object(members) }
}

extension TaskPayload: Codable {
    public init(from decoder: any Decoder) throws {
        self.members = try [String: JSONValue](from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try members.encode(to: encoder)
    }
}

extension TaskPayload: CustomStringConvertible {
    /// The payload as compact JSON with sorted keys.
    public var description: String { JSONWriter.compact(.object(members)) }
}
