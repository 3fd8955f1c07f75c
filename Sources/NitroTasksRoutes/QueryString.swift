import NitroJSON
import NitroTasks

/// Query strings as task payloads: `?a=1&b=x+y` → `["a": "1", "b": "x y"]`.
package enum QueryString {
    /// Why a query string cannot be read.
    package struct InvalidEncoding: Error, Sendable, Equatable {
        /// The offending `name=value` pair, as sent.
        package let pair: String
    }

    /// The parameters as a payload. Values are strings; a name given several times becomes an
    /// array of its values, in order (as Nitro's `getQuery`); a pair without `=` has the value `""`;
    /// pairs with an empty name are skipped.
    package static func payload(_ query: String?) throws(InvalidEncoding) -> TaskPayload {
        guard let query, !query.isEmpty else { return [:] }
        var payload: TaskPayload = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(parts[0], plusAsSpace: true),
                let value = PercentDecoding.decode(parts.count > 1 ? parts[1] : "", plusAsSpace: true)
            else { throw InvalidEncoding(pair: String(pair)) }
            guard !name.isEmpty else { continue }
            switch payload[name] {
            case nil: payload[name] = .string(value)
            case .array(var values)?:
                values.append(.string(value))
                payload[name] = .array(values)
            case let existing?: payload[name] = .array([existing, .string(value)])
            }
        }
        return payload
    }
}
