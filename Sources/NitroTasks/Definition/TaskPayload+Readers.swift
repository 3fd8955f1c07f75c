import Foundation

/// Readers that accept a member both as a JSON value and as the text a query string gives
/// (`/_nitro/tasks/db:migrate?dryRun=true&limit=10` makes every value a string):
///
/// ```swift
/// let dryRun = event.payload.bool("dryRun") ?? false   // true, "true" or "1"
/// let limit = event.payload.int("limit") ?? 100        // 10 or "10"
/// ```
/// Each gives `nil` when the member is missing or cannot be read as asked (`"maybe"` for a
/// Boolean); to reject such values with a 400 instead, decode the payload (``decode(_:)``).
extension TaskPayload {
    /// The member as a Boolean: `true`/`false`, the numbers `1`/`0`, or the text `"true"`,
    /// `"false"`, `"1"`, `"0"` (exactly so: lowercase, no spaces).
    public func bool(_ key: String) -> Bool? {
        switch members[key] {
        case .bool(let value)?: value
        case .number(1)?, .string("true")?, .string("1")?: true
        case .number(0)?, .string("false")?, .string("0")?: false
        default: nil
        }
    }

    /// The member as an `Int`: an integral number that fits, or the text of one as JSON writes
    /// numbers (`"10"`, `"-3"`, `"1e3"`; not `"0x10"`, `" 10"` or `"10.5"`).
    public func int(_ key: String) -> Int? {
        number(key).flatMap { JSONValue.number($0).intValue }
    }

    /// The member as a `Double`: a number, or the text of one as JSON writes numbers (`"2.5"`,
    /// `"-1e-3"`; not `"nan"`, `"inf"` or `".5"`).
    public func double(_ key: String) -> Double? {
        number(key)
    }

    /// The member as text: a string as it is, a number as JSON writes it (`10`, `2.5`), a Boolean
    /// as `"true"`/`"false"`; `nil` for `null`, arrays and objects.
    public func string(_ key: String) -> String? {
        switch members[key] {
        case .string(let value)?: value
        case .number(let value)?: JSONWriter.compact(.number(value))
        case .bool(let value)?: value ? "true" : "false"
        default: nil
        }
    }

    /// The member as a list of texts: a single value as one element (``string(_:)``), or an array
    /// whose every element reads as text (a query string gives an array for a repeated name:
    /// `?tag=a&tag=b`).
    public func strings(_ key: String) -> [String]? {
        guard let value = members[key] else { return nil }
        if case .array(let elements) = value {
            var texts: [String] = []
            texts.reserveCapacity(elements.count)
            for element in elements {
                guard let text = TaskPayload(["": element]).string("") else { return nil }
                texts.append(text)
            }
            return texts
        }
        return string(key).map { [$0] }
    }

    /// The member as a `Date`: ISO 8601 text (`2026-01-31T09:30:00Z`, `2026-01-31`) or a number
    /// of milliseconds since 1970 (as `scheduledTime`), see ``JSONValue/dateValue``.
    public func date(_ key: String) -> Date? {
        members[key]?.dateValue
    }

    private func number(_ key: String) -> Double? {
        switch members[key] {
        case .number(let value)?:
            return value
        case .string(let text)?:
            guard let first = text.utf8.first, first == UInt8(ascii: "-") || (48...57).contains(first),
                let last = text.utf8.last, (48...57).contains(last),
                case .number(let value)? = try? JSONReader.parse(text)
            else { return nil }
            return value
        default:
            return nil
        }
    }
}
