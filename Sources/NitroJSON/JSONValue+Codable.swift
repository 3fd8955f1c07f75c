import Foundation

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// The JSON form of any `Encodable` value (a struct, an array, a plain value).
    ///
    /// - Throws: `EncodingError` when the value cannot be represented in JSON (for example a
    ///   non-finite number).
    ///
    /// A `Date`, at any depth, becomes ISO 8601 text (`2026-01-31T09:30:00.000Z`, see
    /// `JSONValue.dateValue`), not Foundation's default of seconds since 2001.
    public init<T: Encodable>(encoding value: T) throws {
        if let already = value as? JSONValue {
            self = already
            return
        }
        let data = try Self.encoder().encode(value)
        self = try JSONReader.parse(data)
    }

    /// Decodes this value into a `Decodable` type.
    ///
    /// ```swift
    /// struct Options: Decodable { var dryRun: Bool }
    /// let options = try event.payload.decode(Options.self)
    /// ```
    ///
    /// A `Date` is read from ISO 8601 text (the forms `dateValue` accepts) or from a number of
    /// milliseconds since 1970 (JavaScript's `Date.now()`, the scheduler's `scheduledTime`); a
    /// `URL` from its text. Every `DecodingError` carries the coding path of the value at fault.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONValueDecoder.decode(T.self, from: self, at: [])
    }

    /// The encoder behind `init(encoding:)`: dates as ISO 8601 text.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Timestamp.format(date))
        }
        return encoder
    }

    /// The date, when this is ISO 8601 text (`2026-01-31T09:30:00.000Z`, `2026-01-31T11:30:00+02:00`,
    /// `2026-01-31`: midnight UTC) or a number of milliseconds since 1970.
    public var dateValue: Date? {
        switch self {
        case .string(let text): ISO8601Timestamp.parse(text)
        case .number(let milliseconds): Date(timeIntervalSince1970: milliseconds / 1000)
        default: nil
        }
    }
}
