/// Reads the static config object out of a config file's tokens into ``ConfigValue``s.
///
/// For scripts it finds the object given to `export default` (directly, through a call such as
/// `defineNitroConfig({…})`, or through a `const` it names) or to `module.exports =`.
/// Values that are not literals become `.dynamic` with their source text.
struct ConfigLiteralParser {
    let bytes: [UInt8]
    let tokens: [ScriptToken]
    let path: String
    let json: Bool
    let lines: LineIndex
    var index = 0
    /// Arrays and objects open around the value being read.
    var depth = 0

    /// How deeply arrays and objects may nest: deeper input is an error instead of a stack
    /// overflow. Configs nest a handful of levels; 128 leaves a wide margin on the stack of a Swift
    /// concurrency thread even in AddressSanitizer builds (whose larger frames overflowed near 500).
    static let maximumDepth = 128

    init(bytes: [UInt8], tokens: [ScriptToken], path: String, json: Bool) {
        self.bytes = bytes
        self.tokens = tokens
        self.path = path
        self.json = json
        self.lines = LineIndex(bytes)
    }

    func location(_ offset: Int) -> SourceLocation { lines.location(of: offset, in: path) }

    func failure(_ offset: Int, _ message: String) -> ConfigReadError {
        ConfigReadError(location: location(offset), message: message)
    }

    // MARK: Entry points

    /// A JSON config: one object, nothing after it.
    mutating func parseJSONDocument() throws(ConfigReadError) -> ConfigValue {
        guard tokens[index].isPunctuation(UInt8(ascii: "{"), in: bytes) else {
            throw failure(tokens[index].start, "the config must be a JSON object (`{ … }`)")
        }
        let value = try parseValue()
        guard tokens[index].kind == .end else {
            throw failure(tokens[index].start, "unexpected text after the config object")
        }
        return value
    }

    /// A script config: the default-exported object.
    mutating func parseScriptDocument() throws(ConfigReadError) -> ConfigValue {
        guard let start = try findExportedObject() else {
            throw failure(
                0,
                "found no static config object; write `export default defineNitroConfig({ … })` "
                    + "(only the static object literal is read, the file is never run)")
        }
        index = start
        return try parseValue()
    }

    /// The index of the `{` of the exported config object.
    func findExportedObject() throws(ConfigReadError) -> Int? {
        var depth = 0
        var position = 0
        while position < tokens.count - 1 {
            let token = tokens[position]
            if token.kind == .punctuation {
                switch bytes[token.start] {
                case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
            if depth == 0, token.kind == .identifier {
                let word = token.text(in: bytes)
                if word == "export", tokens[position + 1].kind == .identifier,
                    tokens[position + 1].text(in: bytes) == "default"
                {
                    return try objectOfExpression(at: position + 2, exportAt: token.start)
                }
                if word == "module", tokens[position + 1].isPunctuation(UInt8(ascii: "."), in: bytes),
                    tokens[position + 2].text(in: bytes) == "exports",
                    tokens[position + 3].kind == .operator, tokens[position + 3].text(in: bytes) == "="
                {
                    return try objectOfExpression(at: position + 4, exportAt: token.start)
                }
            }
            position += 1
        }
        return nil
    }

    /// `{`, `call({`, `call<Type>({`, or a name bound by `const NAME = …` to one of those.
    func objectOfExpression(at position: Int, exportAt: Int, following: Set<String> = []) throws(ConfigReadError)
        -> Int?
    {
        var cursor = position
        if tokens[cursor].isPunctuation(UInt8(ascii: "{"), in: bytes) { return cursor }
        if tokens[cursor].isPunctuation(UInt8(ascii: "("), in: bytes) { cursor += 1 }
        if tokens[cursor].isPunctuation(UInt8(ascii: "{"), in: bytes) { return cursor }
        guard tokens[cursor].kind == .identifier else {
            throw failure(
                tokens[cursor].start,
                "the exported config must be an object literal: `export default defineNitroConfig({ … })`")
        }
        let name = tokens[cursor].text(in: bytes)
        cursor += 1
        if tokens[cursor].kind == .operator, tokens[cursor].text(in: bytes) == "<" {
            var depth = 0
            while tokens[cursor].kind != .end {
                if tokens[cursor].kind == .operator {
                    for byte in bytes[tokens[cursor].start..<tokens[cursor].end] {
                        if byte == UInt8(ascii: "<") { depth += 1 }
                        if byte == UInt8(ascii: ">") { depth -= 1 }
                    }
                }
                cursor += 1
                if depth <= 0 { break }
            }
        }
        if tokens[cursor].isPunctuation(UInt8(ascii: "("), in: bytes) {
            if tokens[cursor + 1].isPunctuation(UInt8(ascii: "{"), in: bytes) { return cursor + 1 }
            if tokens[cursor + 1].kind == .identifier, tokens[cursor + 2].isPunctuation(UInt8(ascii: ")"), in: bytes) {
                return try objectBound(to: tokens[cursor + 1].text(in: bytes), exportAt: exportAt, following: following)
            }
            throw failure(
                tokens[cursor + 1].start,
                "`\(name)(…)` must be given an object literal: `\(name)({ … })`; only static values are read")
        }
        return try objectBound(to: name, exportAt: exportAt, following: following)
    }

    /// `const NAME = …` at the top level. `following` holds the names already followed from the
    /// export: a cycle ends the search, and a chain longer than ``maximumDepth`` (each name is a
    /// recursion) is an error at the export.
    func objectBound(to name: String, exportAt: Int, following: Set<String>) throws(ConfigReadError) -> Int? {
        guard !following.contains(name) else { return nil }
        guard following.count < Self.maximumDepth else {
            throw failure(
                exportAt,
                "the exported config is reached through more than \(Self.maximumDepth) `const` names; "
                    + "write `export default defineNitroConfig({ … })`")
        }
        var position = 0
        var depth = 0
        while position + 3 < tokens.count {
            let token = tokens[position]
            if token.kind == .punctuation {
                switch bytes[token.start] {
                case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
            if depth == 0, token.kind == .identifier, ["const", "let", "var"].contains(token.text(in: bytes)),
                tokens[position + 1].kind == .identifier, tokens[position + 1].text(in: bytes) == name
            {
                var cursor = position + 2
                if tokens[cursor].isPunctuation(UInt8(ascii: ":"), in: bytes) {
                    while tokens[cursor].kind != .end,
                        !(tokens[cursor].kind == .operator && tokens[cursor].text(in: bytes) == "=")
                    {
                        cursor += 1
                    }
                }
                if tokens[cursor].kind == .operator, tokens[cursor].text(in: bytes) == "=" {
                    return try objectOfExpression(
                        at: cursor + 1, exportAt: exportAt, following: following.union([name]))
                }
            }
            position += 1
        }
        throw failure(
            exportAt,
            "the exported config `\(name)` is not a static object in this file; write `export default defineNitroConfig({ … })`"
        )
    }

    // MARK: Values

    mutating func parseValue() throws(ConfigReadError) -> ConfigValue {
        let first = index
        let token = tokens[index]
        let start = token.start
        let here = location(start)
        var value: ConfigValue
        switch token.kind {
        case .punctuation where bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "["):
            guard depth < Self.maximumDepth else {
                throw failure(start, "arrays and objects nest deeper than \(Self.maximumDepth) levels here")
            }
            depth += 1
            defer { depth -= 1 }
            if bytes[start] == UInt8(ascii: "{") {
                value = try parseObject()
            } else {
                value = try parseArray()
            }
        case .string:
            index += 1
            value = ConfigValue(.string(token.value), at: here)
        case .template where token.isStatic:
            index += 1
            value = ConfigValue(.string(token.value), at: here)
        case .number:
            index += 1
            value = ConfigValue(.number(token.number ?? 0), at: here)
        case .operator where ["-", "+"].contains(token.text(in: bytes)) && tokens[index + 1].kind == .number:
            if json && token.text(in: bytes) == "+" { throw failure(start, "a JSON number cannot start with `+`") }
            let number = tokens[index + 1].number ?? 0
            index += 2
            value = ConfigValue(.number(token.text(in: bytes) == "-" ? -number : number), at: here)
        case .identifier:
            switch token.text(in: bytes) {
            case "true": value = ConfigValue(.bool(true), at: here)
            case "false": value = ConfigValue(.bool(false), at: here)
            case "null": value = ConfigValue(.null, at: here)
            case "undefined" where !json: value = ConfigValue(.undefined, at: here)
            default:
                if json {
                    throw failure(
                        start,
                        "unexpected `\(token.text(in: bytes))`; JSON values are strings, numbers, true, false, null, arrays and objects"
                    )
                }
                return try skipDynamic(from: index)
            }
            index += 1
        case .end:
            throw failure(start, "the config ends before this value")
        default:
            if json { throw failure(start, "unexpected `\(token.text(in: bytes))` in JSON") }
            return try skipDynamic(from: index)
        }
        guard !json else { return value }
        // `x as const`, `x satisfies T` are TypeScript decorations on a static value.
        if tokens[index].kind == .identifier, ["as", "satisfies"].contains(tokens[index].text(in: bytes)) {
            index += 1
            try skipExpressionTail()
            return value
        }
        if isValueEnd(tokens[index]) { return value }
        // Anything else (`"a" + b`, `x.y`, `f()` …): the whole expression is dynamic.
        return try skipDynamic(from: first)
    }

    func isValueEnd(_ token: ScriptToken) -> Bool {
        if token.kind == .end { return true }
        guard token.kind == .punctuation else { return false }
        return [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: ";")].contains(
            bytes[token.start])
    }

    /// Skips one expression (to the next `,` or closing bracket at its level) and returns it as dynamic.
    mutating func skipDynamic(from first: Int) throws(ConfigReadError) -> ConfigValue {
        index = first
        let start = tokens[first].start
        try skipExpressionTail()
        let end = index > first ? tokens[index - 1].end : tokens[first].end
        return ConfigValue(.dynamic(Self.snippet(bytes[start..<end])), at: location(start))
    }

    mutating func skipExpressionTail() throws(ConfigReadError) {
        var depth = 0
        while true {
            let token = tokens[index]
            if token.kind == .end {
                if depth > 0 { throw failure(token.start, "the config ends inside an unclosed bracket") }
                return
            }
            if token.kind == .punctuation {
                switch bytes[token.start] {
                case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
                    if depth == 0 { return }
                    depth -= 1
                case UInt8(ascii: ","), UInt8(ascii: ";"):
                    if depth == 0 { return }
                default: break
                }
            }
            index += 1
        }
    }

    /// The expression's source, whitespace collapsed and shortened, for messages.
    static func snippet(_ slice: ArraySlice<UInt8>) -> String {
        var text = ""
        var lastWasSpace = false
        for scalar in String(decoding: slice, as: UTF8.self).unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                if !lastWasSpace && !text.isEmpty { text.append(" ") }
                lastWasSpace = true
            } else {
                text.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        if text.count > 48 { text = String(text.prefix(45)) + "…" }
        return text
    }

    mutating func parseArray() throws(ConfigReadError) -> ConfigValue {
        let open = tokens[index]
        index += 1
        var elements: [ConfigValue] = []
        while true {
            let token = tokens[index]
            if token.isPunctuation(UInt8(ascii: "]"), in: bytes) {
                if json, !elements.isEmpty, tokens[index - 1].isPunctuation(UInt8(ascii: ","), in: bytes) {
                    throw failure(tokens[index - 1].start, "trailing commas are not allowed in JSON")
                }
                index += 1
                return ConfigValue(.array(elements), at: location(open.start))
            }
            if token.kind == .end { throw failure(open.start, "this array is never closed") }
            if token.kind == .spread {
                elements.append(try skipDynamic(from: index))
            } else {
                elements.append(try parseValue())
            }
            if tokens[index].isPunctuation(UInt8(ascii: ","), in: bytes) {
                index += 1
            } else if !tokens[index].isPunctuation(UInt8(ascii: "]"), in: bytes) {
                throw failure(tokens[index].start, "expected `,` or `]` in this array")
            }
        }
    }

    mutating func parseObject() throws(ConfigReadError) -> ConfigValue {
        let open = tokens[index]
        index += 1
        var members: [ConfigMember] = []
        while true {
            let token = tokens[index]
            if token.isPunctuation(UInt8(ascii: "}"), in: bytes) {
                if json, !members.isEmpty, tokens[index - 1].isPunctuation(UInt8(ascii: ","), in: bytes) {
                    throw failure(tokens[index - 1].start, "trailing commas are not allowed in JSON")
                }
                index += 1
                return ConfigValue(.object(members), at: location(open.start))
            }
            if token.kind == .end { throw failure(open.start, "this object is never closed") }
            members.append(try parseMember())
            if tokens[index].isPunctuation(UInt8(ascii: ","), in: bytes) {
                index += 1
            } else if !tokens[index].isPunctuation(UInt8(ascii: "}"), in: bytes) {
                throw failure(tokens[index].start, "expected `,` or `}` after this member")
            }
        }
    }

    mutating func parseMember() throws(ConfigReadError) -> ConfigMember {
        let token = tokens[index]
        let keyLocation = location(token.start)
        switch token.kind {
        case .spread:
            if json { throw failure(token.start, "spreads are not allowed in JSON") }
            return ConfigMember(key: nil, keyLocation: keyLocation, value: try skipDynamic(from: index))
        case .punctuation where bytes[token.start] == UInt8(ascii: "["):
            if json { throw failure(token.start, "JSON keys are strings") }
            return ConfigMember(key: nil, keyLocation: keyLocation, value: try skipDynamic(from: index))
        case .string, .identifier, .number, .template:
            if json && token.kind != .string { throw failure(token.start, "JSON keys are double-quoted strings") }
            if token.kind == .template && !token.isStatic {
                return ConfigMember(key: nil, keyLocation: keyLocation, value: try skipDynamic(from: index))
            }
            let key: String
            switch token.kind {
            case .string, .template: key = token.value
            case .number:
                key =
                    token.number.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
                    ?? token.text(in: bytes)
            default: key = token.text(in: bytes)
            }
            index += 1
            if tokens[index].isPunctuation(UInt8(ascii: ":"), in: bytes) {
                index += 1
                return ConfigMember(key: key, keyLocation: keyLocation, value: try parseValue())
            }
            if json { throw failure(tokens[index].start, "expected `:` after the key") }
            // Shorthand `{ name }`, a method `name() {}`, `get name() {}`, `async name() {}`.
            return ConfigMember(key: key, keyLocation: keyLocation, value: try skipDynamic(from: index - 1))
        default:
            throw failure(token.start, "expected a key")
        }
    }
}

/// The config file could not be read: where and why.
package struct ConfigReadError: Error, Sendable {
    package var location: SourceLocation
    package var message: String
}
