import Foundation

// The standard types that have an obvious JSON form. Numbers become `JSONValue.number` (a
// `Double`: integers beyond ±2^53 lose precision, as in JavaScript); non-finite numbers become
// `null`, as `JSON.stringify` writes them.

extension String: JSONValueConvertible {
    public var jsonValue: JSONValue { .string(self) }
}

extension Substring: JSONValueConvertible {
    public var jsonValue: JSONValue { .string(String(self)) }
}

extension Bool: JSONValueConvertible {
    public var jsonValue: JSONValue { .bool(self) }
}

extension Double: JSONValueConvertible {
    public var jsonValue: JSONValue { isFinite ? .number(self) : .null }
}

extension Float: JSONValueConvertible {
    /// The number as its shortest text reads back (`Float(0.1)` is `0.1`, not `0.10000000149…`).
    public var jsonValue: JSONValue { isFinite ? .number(Double(description) ?? Double(self)) : .null }
}

extension Int: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension Int8: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension Int16: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension Int32: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension Int64: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension UInt: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension UInt8: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension UInt16: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension UInt32: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension UInt64: JSONValueConvertible {
    public var jsonValue: JSONValue { .number(Double(self)) }
}

extension Date: JSONValueConvertible {
    /// ISO 8601 text in UTC with milliseconds, as JavaScript's `Date.toJSON()`:
    /// `2026-01-31T09:30:00.000Z`.
    public var jsonValue: JSONValue { .string(ISO8601Timestamp.format(self)) }
}

extension Optional: JSONValueConvertible where Wrapped: JSONValueConvertible {
    /// The wrapped value's form, `null` for `nil`.
    public var jsonValue: JSONValue { self?.jsonValue ?? .null }
}

extension Array: JSONValueConvertible where Element: JSONValueConvertible {
    public var jsonValue: JSONValue { .array(map(\.jsonValue)) }
}

extension Dictionary: JSONValueConvertible where Key == String, Value: JSONValueConvertible {
    public var jsonValue: JSONValue { .object(mapValues(\.jsonValue)) }
}
