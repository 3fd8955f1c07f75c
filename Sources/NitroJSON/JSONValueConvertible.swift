/// A value with a JSON form: what task payloads and results accept without wrapping.
///
/// `String`, `Substring`, `Bool`, every integer type, `Double`, `Float`, `Date` (ISO 8601 text),
/// `JSONValue`, and optionals, arrays and `String`-keyed dictionaries of them conform, so that
/// variables go into a payload or a result as they are:
/// ```swift
/// let user = "ada", count = 3
/// let value = JSONValue(["user": user, "count": count] as [String: any JSONValueConvertible])
/// ```
/// Conform your own types by giving their JSON form. (Arbitrary `Encodable` values go through
/// `JSONValue(encoding:)`, which can fail, instead.)
public protocol JSONValueConvertible: Sendable {
    /// The value's JSON form.
    var jsonValue: JSONValue { get }
}

extension JSONValue: JSONValueConvertible {
    public var jsonValue: JSONValue { self }
}

extension JSONValue {
    /// The JSON form of a value that has one: `JSONValue(name)`, `JSONValue(date)`.
    public init(_ value: some JSONValueConvertible) {
        self = value.jsonValue
    }

    /// An object of values that have a JSON form (the members of a heterogeneous literal).
    public init(_ members: [String: any JSONValueConvertible]) {
        self = .object(members.mapValues(\.jsonValue))
    }

    /// An array of values that have a JSON form (the elements of a heterogeneous literal).
    public init(_ elements: [any JSONValueConvertible]) {
        self = .array(elements.map(\.jsonValue))
    }
}

// Where a payload or result literal expects `any JSONValueConvertible`, these let its values
// still be written as `JSONValue` cases: `["scheduledTime": .number(ms), "note": .null]`, and a
// nested object or array of mixed values as `.object([...])` / `.array([...])`, variables
// included (Swift infers no type for a nested literal of mixed types). They are disfavoured so
// that, where the context is `JSONValue` itself, its own cases are chosen.
extension JSONValueConvertible where Self == JSONValue {
    /// `null`.
    @_disfavoredOverload public static var null: JSONValue { JSONValue.null }
    /// `true` or `false`.
    @_disfavoredOverload public static func bool(_ value: Bool) -> JSONValue { JSONValue.bool(value) }
    /// A number.
    @_disfavoredOverload public static func number(_ value: Double) -> JSONValue { JSONValue.number(value) }
    /// A string.
    @_disfavoredOverload public static func string(_ value: String) -> JSONValue { JSONValue.string(value) }
    /// An array of values of any types: `.array([name, 3])`.
    @_disfavoredOverload public static func array(_ elements: [any JSONValueConvertible]) -> JSONValue {
        JSONValue(elements)
    }
    /// An object whose values have any types: `.object(["limit": limit, "mode": "fast"])`.
    @_disfavoredOverload public static func object(_ members: [String: any JSONValueConvertible]) -> JSONValue {
        JSONValue(members)
    }
}
