import Foundation
import NitroJSON

/// The subset of JSON Schema (2020-12) that `Fixtures/schemas/*.json` use, so the schemas are
/// checked in every test run without Python: `type`, `const`, `enum`, `not` + `required`,
/// `properties`, `required`, `additionalProperties: false`, `items`, `minItems`, `uniqueItems`,
/// `minLength`/`maxLength` (in Unicode scalars, as the spec counts), `pattern` (unanchored
/// search, as the spec says). An unknown keyword is a test failure, not silently ignored.
struct PresetSchemaValidator {
    static let known: Set<String> = [
        "$schema", "$id", "title", "description", "type", "const", "enum", "not", "properties", "required",
        "additionalProperties", "items", "minItems", "uniqueItems", "minLength", "maxLength", "pattern",
    ]

    let schema: JSONValue

    /// Every violation, as `path: message`.
    func errors(_ value: JSONValue) -> [String] {
        var found: [String] = []
        check(value, against: schema, at: "$", into: &found)
        return found
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into found: inout [String]) {
        guard case .object(let rules) = schema else {
            found.append("\(path): schema is not an object")
            return
        }
        for key in rules.keys where !Self.known.contains(key) { found.append("\(path): unsupported keyword \(key)") }
        if let type = rules["type"]?.stringValue, !Self.has(value, type: type) {
            found.append("\(path): expected \(type)")
            return
        }
        if let constant = rules["const"], constant != value { found.append("\(path): must be \(JSONWriter.compact(constant))") }
        if case .array(let options)? = rules["enum"], !options.contains(value) { found.append("\(path): not one of the enum") }
        if case .object(let members) = value {
            if case .array(let required)? = rules["required"] {
                for name in required.compactMap(\.stringValue) where members[name] == nil {
                    found.append("\(path): missing \(name)")
                }
            }
            if case .object(let negated)? = rules["not"], case .array(let forbidden)? = negated["required"] {
                let names = forbidden.compactMap(\.stringValue)
                if names.allSatisfy({ members[$0] != nil }) { found.append("\(path): must not have \(names)") }
            }
            let properties: [String: JSONValue]
            if case .object(let declared)? = rules["properties"] { properties = declared } else { properties = [:] }
            for (name, member) in members {
                if let rule = properties[name] {
                    check(member, against: rule, at: "\(path).\(name)", into: &found)
                } else if rules["additionalProperties"] == .bool(false) {
                    found.append("\(path): unexpected property \(name)")
                }
            }
        }
        if case .array(let items) = value {
            if let minimum = rules["minItems"]?.intValue, items.count < minimum { found.append("\(path): fewer than \(minimum) items") }
            if rules["uniqueItems"] == .bool(true), Set(items.map(JSONWriter.compact)).count != items.count {
                found.append("\(path): items are not unique")
            }
            if let itemRule = rules["items"] {
                for (index, item) in items.enumerated() { check(item, against: itemRule, at: "\(path)[\(index)]", into: &found) }
            }
        }
        if case .string(let text) = value {
            let length = text.unicodeScalars.count
            if let minimum = rules["minLength"]?.intValue, length < minimum { found.append("\(path): shorter than \(minimum)") }
            if let maximum = rules["maxLength"]?.intValue, length > maximum { found.append("\(path): longer than \(maximum)") }
            if let pattern = rules["pattern"]?.stringValue, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): does not match \(pattern)")
            }
        }
    }

    private static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("number", .number): true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }
}
