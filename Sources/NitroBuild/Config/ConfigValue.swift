/// A value of the config object as written: kept in source order with the place of every value,
/// so later stages report errors at the config line. Anything not static is kept as `dynamic`
/// and only becomes an error when a key this tool reads holds it.
package struct ConfigValue: Sendable {
    package indirect enum Kind: Sendable {
        case null
        /// `undefined` in a script config: treated as "not set".
        case undefined
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([ConfigValue])
        case object([ConfigMember])
        /// A call, a variable, a spread, `process.env.X`, a template with `${…}`: the source text.
        case dynamic(String)
    }

    package var kind: Kind
    package var location: SourceLocation

    package init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// What the value is, for type errors ("found a string").
    package var typeDescription: String {
        switch kind {
        case .null: "null"
        case .undefined: "undefined"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        case .dynamic(let text): "`\(text)`, which is computed when the config runs"
        }
    }

    /// The first dynamic value inside this one (itself included), depth first.
    package var firstDynamic: ConfigValue? {
        switch kind {
        case .dynamic: return self
        case .array(let elements): return elements.lazy.compactMap(\.firstDynamic).first
        case .object(let members):
            return members.lazy.compactMap { member in member.key == nil ? member.value : member.value.firstDynamic }
                .first
        default: return nil
        }
    }
}

/// One `key: value` of an object. Spreads and computed keys have no key.
package struct ConfigMember: Sendable {
    package var key: String?
    package var keyLocation: SourceLocation
    package var value: ConfigValue

    package init(key: String?, keyLocation: SourceLocation, value: ConfigValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
