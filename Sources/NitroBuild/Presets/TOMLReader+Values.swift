import NitroJSON

/// Values: strings, numbers, booleans, arrays and inline tables.
extension TOMLReader {
    mutating func value() throws(Failure) -> Table.Entry {
        guard let byte = peek else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if starts(with: "\"\"\"") {
                index += 3
                return .value(.string(try basicString(multiline: true)))
            }
            index += 1
            return .value(.string(try basicString(multiline: false)))
        case UInt8(ascii: "'"):
            if starts(with: "'''") {
                index += 3
                return .value(.string(try literalString(multiline: true)))
            }
            index += 1
            return .value(.string(try literalString(multiline: false)))
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            // One level below the table or array holding it.
            guard level < Self.maximumDepth else { throw tooDeep() }
            level += 1
            defer { level -= 1 }
            return byte == UInt8(ascii: "[") ? .value(try array()) : .table(try inlineTable())
        default:
            return .value(try scalar())
        }
    }

    func starts(with text: String) -> Bool {
        bytes[index...].starts(with: text.utf8)
    }

    mutating func array() throws(Failure) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        while true {
            skipBlanksAndNewlines()
            if peek == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            switch try value() {
            case .value(let value): elements.append(value)
            case .table(let table): elements.append(table.json)
            case .tables(let tables): elements.append(.array(tables.map(\.json)))
            }
            skipBlanksAndNewlines()
            if peek == UInt8(ascii: ",") {
                index += 1
            } else if peek != UInt8(ascii: "]") {
                throw fail("expected `,` or `]` in the array")
            }
        }
    }

    mutating func inlineTable() throws(Failure) -> Table {
        index += 1
        let table = Table()
        skipBlanks()
        if peek == UInt8(ascii: "}") {
            index += 1
            table.isClosed = true
            return table
        }
        while true {
            skipBlanks()
            try keyValue(into: table, topLevel: false)
            skipBlanks()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "}") else { throw fail("expected `,` or `}` in the inline table (inline tables stay on one line)") }
            index += 1
            table.isClosed = true
            return table
        }
    }

    /// Numbers and booleans; dates and times are refused.
    mutating func scalar() throws(Failure) -> JSONValue {
        let start = index
        while let byte = peek, !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D), byte != UInt8(ascii: ","),
            byte != UInt8(ascii: "]"), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "#")
        {
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "": throw fail("expected a value", at: start)
        default: break
        }
        if let number = Self.number(text) { return .number(number) }
        let isDate = text.count >= 8 && text.contains(where: { $0 == "-" || $0 == ":" }) && text.first!.isNumber
        if isDate || text.hasSuffix("inf") || text.hasSuffix("nan") {
            throw fail("`\(text)` (a date, time or special float) has no JSON form" + Self.convertAdvice, at: start)
        }
        throw fail("`\(text)` is not a value nitro build can read" + Self.convertAdvice, at: start)
    }

    static func number(_ text: String) -> Double? {
        var body = Substring(text)
        var sign = 1.0
        if body.first == "+" || body.first == "-" {
            if body.first == "-" { sign = -1 }
            body = body.dropFirst()
        }
        guard let first = body.first, first.isNumber, !body.hasPrefix("_"), !body.hasSuffix("_"), !body.contains("__")
        else { return nil }
        let digits = body.filter { $0 != "_" }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            guard sign == 1, let value = Int(digits.dropFirst(2), radix: radix) else { return nil }
            return Double(value)
        }
        if digits.count > 1, digits.hasPrefix("0"), digits.dropFirst().first?.isNumber == true { return nil }
        guard digits.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }),
            let value = Double(digits)
        else { return nil }
        return sign * value
    }

    /// After the opening quote(s); consumes the closing ones.
    mutating func basicString(multiline: Bool) throws(Failure) -> String {
        let start = index
        if multiline { skipFirstNewline() }
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while true {
            guard let byte = peek else { throw fail("this string is never closed", at: start - 1) }
            if byte == UInt8(ascii: "\"") {
                if !multiline {
                    index += 1
                    break
                }
                if starts(with: "\"\"\"") {
                    index += 3
                    // Up to two quotes right before the closing three belong to the string.
                    var extra = 0
                    while extra < 2, peek == UInt8(ascii: "\"") {
                        raw.append(UInt8(ascii: "\""))
                        index += 1
                        extra += 1
                    }
                    break
                }
            }
            if byte == 0x0A && !multiline { throw fail("a \"string\" cannot span lines; use \"\"\"", at: start - 1) }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard let escape = peek else { throw fail("this string is never closed", at: start - 1) }
                index += 1
                switch escape {
                case UInt8(ascii: "b"): raw.append(0x08)
                case UInt8(ascii: "t"): raw.append(0x09)
                case UInt8(ascii: "n"): raw.append(0x0A)
                case UInt8(ascii: "f"): raw.append(0x0C)
                case UInt8(ascii: "r"): raw.append(0x0D)
                case UInt8(ascii: "e"): raw.append(0x1B)
                case UInt8(ascii: "\""): raw.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): raw.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escape == UInt8(ascii: "u") ? 4 : 8
                    guard index + count <= bytes.count,
                        let code = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw fail("invalid \\\(Character(Unicode.Scalar(escape))) escape", at: index - 2) }
                    flush()
                    scalars.append(scalar)
                    index += count
                case 0x20 where multiline, 0x09 where multiline, 0x0A where multiline, 0x0D where multiline:
                    // A line-ending backslash trims the newline and the blanks after it.
                    index -= 1
                    while let next = peek, next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { index += 1 }
                default:
                    throw fail("unknown escape `\\\(Character(Unicode.Scalar(escape)))`", at: index - 2)
                }
                continue
            }
            raw.append(byte)
            index += 1
        }
        flush()
        return String(scalars)
    }

    /// After the opening quote(s); no escapes.
    mutating func literalString(multiline: Bool) throws(Failure) -> String {
        let start = index
        if multiline { skipFirstNewline() }
        let from = index
        while true {
            guard let byte = peek else { throw fail("this string is never closed", at: start - 1) }
            if byte == UInt8(ascii: "'") {
                if !multiline {
                    let text = String(decoding: bytes[from..<index], as: UTF8.self)
                    index += 1
                    return text
                }
                if starts(with: "'''") {
                    // Up to two quotes right before the closing three belong to the string.
                    var run = 0
                    while index + run < bytes.count, bytes[index + run] == UInt8(ascii: "'"), run < 5 { run += 1 }
                    let end = index + run - 3
                    index += run
                    return String(decoding: bytes[from..<end], as: UTF8.self)
                }
            }
            if byte == 0x0A && !multiline { throw fail("a 'string' cannot span lines; use '''", at: start - 1) }
            index += 1
        }
    }

    mutating func skipFirstNewline() {
        if peek == 0x0A {
            index += 1
        } else if peek == 0x0D, byte(at: index + 1) == 0x0A {
            index += 2
        }
    }
}
