import Foundation

extension TaskPayload {
    /// Decodes the whole payload into a `Decodable` type.
    ///
    /// ```swift
    /// struct Options: Decodable { var user: String; var limit: Int? }
    /// let options = try event.payload.decode(Options.self)
    /// ```
    /// Dates are read from ISO 8601 text or milliseconds since 1970 (``JSONValue/decode(_:)``).
    /// Values must have their JSON type: a query string's `"10"` is not an `Int` here (use the
    /// readers, ``int(_:)``, for such payloads, or send a JSON body).
    ///
    /// - Throws: ``TaskError`` with status 400 when the payload does not fit, naming the key:
    ///   ``The payload does not fit `Options`: `limit` must be a number, not a string ("ten")``
    ///   (so a run over HTTP answers 400, not 500). Errors thrown by the type's own
    ///   `init(from:)` other than `DecodingError` reach the caller unchanged.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try JSONValue.object(members).decode(T.self)
        } catch let error as DecodingError {
            throw TaskError(statusCode: 400, message: "The payload does not fit `\(T.self)`: \(explain(error))")
        }
    }

    /// What is wrong, by key: `` `user` is missing ``, `` `items[2].id` must be a number, not a string ("x") ``.
    func explain(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(Self.path(context.codingPath + [key])) is missing"
        case .valueNotFound(let type, let context):
            return "\(Self.path(context.codingPath)) must be \(Self.kind(of: type)), not null"
        case .typeMismatch(let type, let context):
            let found = value(at: context.codingPath).map(Self.shown) ?? "something else"
            return "\(Self.path(context.codingPath)) must be \(Self.kind(of: type)), not \(found)"
        case .dataCorrupted(let context):
            return "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    /// `` `options.items[2].id` ``, or `the payload` for the whole of it.
    static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the payload" }
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return "`\(text)`"
    }

    /// The value the decoder looked at, found again by its coding path.
    func value(at codingPath: [any CodingKey]) -> JSONValue? {
        var current = JSONValue.object(members)
        for key in codingPath {
            if let index = key.intValue, case .array = current {
                guard let element = current[index] else { return nil }
                current = element
            } else {
                guard let member = current[key.stringValue] else { return nil }
                current = member
            }
        }
        return current
    }

    /// How a value the type wanted is called: `a number`, `a string`, `an object`.
    static func kind(of type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "a Boolean"
        case is String.Type, is Substring.Type, is Character.Type: return "a string"
        case is any BinaryInteger.Type: return "an integer"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: return "a number"
        case is Date.Type: return "a date"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Dictionary<") || name.hasPrefix("[String : ") { return "an object" }
            if name.hasPrefix("Array<") || name.hasPrefix("[") { return "an array" }
            return "`\(name)`"
        }
    }

    /// A found value for a message: its kind, with a short JSON form of a plain value.
    static func shown(_ value: JSONValue) -> String {
        switch value {
        case .string, .number, .bool:
            var text = JSONWriter.compact(value)
            if text.count > 40 { text = String(text.prefix(37)) + "…" }
            return "\(value.kindDescription) (\(text))"
        default:
            return value.kindDescription
        }
    }
}
