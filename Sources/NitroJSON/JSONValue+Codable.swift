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
    public init<T: Encodable>(encoding value: T) throws {
        if let already = value as? JSONValue {
            self = already
            return
        }
        let data = try JSONEncoder().encode(value)
        self = try JSONReader.parse(data)
    }

    /// Decodes this value into a `Decodable` type.
    ///
    /// ```swift
    /// struct Options: Decodable { var dryRun: Bool }
    /// let options = try event.payload.decode(Options.self)
    /// ```
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(JSONWriter.compact(self).utf8))
    }
}
