/// Tokenises a JavaScript/TypeScript config file well enough to read its static object:
/// comments, strings in any quote style, template literals (nested `${…}`), numbers,
/// regular-expression literals. In JSON mode comments and non-JSON forms are errors.
///
/// Template literals inside `${…}` nest by recursion, so their nesting is limited to
/// ``maximumTemplateDepth``: deeper input is a located error instead of a stack overflow.
struct ScriptLexer {
    /// How deeply template literals may nest (`` `${`${…}`}` ``), the same bound as the config
    /// parser's ``ConfigLiteralParser/maximumDepth`` for arrays and objects.
    static let maximumTemplateDepth = ConfigLiteralParser.maximumDepth

    private let bytes: [UInt8]
    private let json: Bool
    private var index = 0
    private var tokens: [ScriptToken] = []

    private init(_ bytes: [UInt8], json: Bool) {
        self.bytes = bytes
        self.json = json
    }

    static func tokenize(_ bytes: [UInt8], json: Bool) throws(ScriptSyntaxError) -> [ScriptToken] {
        var lexer = ScriptLexer(bytes, json: json)
        try lexer.run()
        lexer.tokens.append(ScriptToken(.end, bytes.count, bytes.count))
        return lexer.tokens
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func run() throws(ScriptSyntaxError) {
        // A leading byte-order mark or `#!` line.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if !json, peek(0) == UInt8(ascii: "#"), peek(1) == UInt8(ascii: "!") { skipLine() }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                index += 1
            case 0xE2 where peek(1) == 0x80 && (peek(2) == 0xA8 || peek(2) == 0xA9), 0xC2 where peek(1) == 0xA0,
                0xEF where !json && peek(1) == 0xBB && peek(2) == 0xBF:  // U+FEFF is white space in scripts
                index += byte == 0xC2 ? 2 : 3
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                if json { throw ScriptSyntaxError(offset: index, message: "comments are not allowed in JSON") }
                skipLine()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                if json { throw ScriptSyntaxError(offset: index, message: "comments are not allowed in JSON") }
                let start = index
                index += 2
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) {
                    index += 1
                }
                guard index < bytes.count else {
                    throw ScriptSyntaxError(offset: start, message: "unterminated comment")
                }
                index += 2
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if json && byte == UInt8(ascii: "'") {
                    throw ScriptSyntaxError(offset: index, message: "JSON strings use double quotes")
                }
                tokens.append(try lexString(quote: byte))
            case UInt8(ascii: "`"):
                if json { throw ScriptSyntaxError(offset: index, message: "template literals are not allowed in JSON") }
                tokens.append(try lexTemplate(depth: 1))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                tokens.append(try lexNumber())
            case UInt8(ascii: ".") where peek(1).map({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) ?? false:
                if json { throw ScriptSyntaxError(offset: index, message: "a JSON number cannot start with `.`") }
                tokens.append(try lexNumber())
            case UInt8(ascii: ".") where peek(1) == UInt8(ascii: ".") && peek(2) == UInt8(ascii: "."):
                tokens.append(ScriptToken(.spread, index, index + 3))
                index += 3
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "."):
                tokens.append(ScriptToken(.punctuation, index, index + 1))
                index += 1
            case UInt8(ascii: "/") where regexAllowed():
                try skipRegex()
            default:
                if IdentifierBytes.isHead(byte) {
                    let start = index
                    index += 1
                    while index < bytes.count, IdentifierBytes.isBody(bytes[index]) { index += 1 }
                    tokens.append(ScriptToken(.identifier, start, index))
                } else if Self.isOperator(byte) {
                    let start = index
                    while index < bytes.count, Self.isOperator(bytes[index]),
                        !(bytes[index] == UInt8(ascii: "/")
                            && (peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*")))
                    {
                        index += 1
                    }
                    tokens.append(ScriptToken(.operator, start, index))
                } else {
                    throw ScriptSyntaxError(offset: index, message: "unexpected character")
                }
            }
        }
    }

    private mutating func skipLine() {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
    }

    /// A `/` starts a regular expression where a value is expected.
    private func regexAllowed() -> Bool {
        guard let last = tokens.last else { return true }
        switch last.kind {
        case .operator, .spread: return true
        case .punctuation: return bytes[last.start] != UInt8(ascii: ")") && bytes[last.start] != UInt8(ascii: "]")
        case .identifier:
            let word = last.text(in: bytes)
            return ["return", "typeof", "case", "in", "of", "new", "delete", "void", "throw"].contains(word)
        default: return false
        }
    }

    private mutating func skipRegex() throws(ScriptSyntaxError) {
        let start = index
        index += 1
        var inClass = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { throw ScriptSyntaxError(offset: start, message: "unterminated regular expression") }
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "[") { inClass = true }
            if byte == UInt8(ascii: "]") { inClass = false }
            index += 1
            if byte == UInt8(ascii: "/") && !inClass { break }
        }
        while index < bytes.count, IdentifierBytes.isBody(bytes[index]) { index += 1 }
        tokens.append(ScriptToken(.operator, start, index))
    }

    private mutating func lexString(quote: UInt8) throws(ScriptSyntaxError) -> ScriptToken {
        let start = index
        index += 1
        var decoder = EscapeDecoder(json: json)
        while true {
            guard index < bytes.count, bytes[index] != 0x0A else {
                throw ScriptSyntaxError(offset: start, message: "unterminated string")
            }
            let byte = bytes[index]
            if byte == quote {
                index += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                try decoder.escape(bytes, &index)
            } else {
                if json && byte < 0x20 {
                    throw ScriptSyntaxError(
                        offset: index, message: "control characters must be escaped in JSON strings")
                }
                decoder.append(byte)
                index += 1
            }
        }
        var token = ScriptToken(.string, start, index)
        token.value = decoder.finish()
        token.quote = quote
        return token
    }

    /// Lexes the template literal whose backtick is at `index`, the `depth`-th one open.
    private mutating func lexTemplate(depth: Int) throws(ScriptSyntaxError) -> ScriptToken {
        let start = index
        guard depth <= Self.maximumTemplateDepth else {
            throw ScriptSyntaxError(
                offset: start,
                message: "template literals nest deeper than \(Self.maximumTemplateDepth) levels here (`${ … }` inside "
                    + "`${ … }`); nitro build reads configs without running them: write the value itself")
        }
        index += 1
        var decoder = EscapeDecoder(json: false)
        var isStatic = true
        while true {
            guard index < bytes.count else {
                throw ScriptSyntaxError(offset: start, message: "unterminated template literal")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") {
                index += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                try decoder.escape(bytes, &index)
            } else if byte == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{") {
                isStatic = false
                index += 2
                try skipSubstitution(from: start, depth: depth)
            } else {
                decoder.append(byte)
                index += 1
            }
        }
        var token = ScriptToken(.template, start, index)
        token.value = decoder.finish()
        token.isStatic = isStatic
        return token
    }

    /// Skips the inside of `${ … }` of a template `depth` levels deep, which may hold strings,
    /// templates and braces.
    private mutating func skipSubstitution(from start: Int, depth templateDepth: Int) throws(ScriptSyntaxError) {
        var depth = 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: "}"):
                depth -= 1
                index += 1
                if depth == 0 { return }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                _ = try lexString(quote: bytes[index])
            case UInt8(ascii: "`"):
                _ = try lexTemplate(depth: templateDepth + 1)
            default:
                index += 1
            }
        }
        throw ScriptSyntaxError(offset: start, message: "unterminated template literal")
    }

    private mutating func lexNumber() throws(ScriptSyntaxError) -> ScriptToken {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if IdentifierBytes.isBody(byte) || byte == UInt8(ascii: ".") {
                index += 1
                if byte | 0x20 == UInt8(ascii: "e"), let sign = peek(0),
                    sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                    !(String(decoding: bytes[start..<index], as: UTF8.self).lowercased().hasPrefix("0x"))
                {
                    index += 1
                }
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        var token = ScriptToken(.number, start, index)
        token.number = Self.parseNumber(text, json: json)
        if token.number == nil {
            throw ScriptSyntaxError(offset: start, message: "`\(text)` is not a number")
        }
        return token
    }

    static func parseNumber(_ text: String, json: Bool) -> Double? {
        if json {
            // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  (the sign is a separate token here)
            let scalars = Array(text.utf8)
            if scalars.count > 1, scalars[0] == UInt8(ascii: "0"),
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scalars[1])
            {
                return nil
            }
            guard
                scalars.allSatisfy({
                    ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 | 0x20 == 0x65 || $0 == 0x2B || $0 == 0x2D
                })
            else { return nil }
            return Double(text)
        }
        let cleaned = text.replacingUnderscores()
        let lower = cleaned.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            return UInt64(lower.dropFirst(2), radix: radix).map(Double.init)
        }
        if lower.hasSuffix("n") { return nil }
        return Double(cleaned)
    }

    static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "!"), UInt8(ascii: "*"),
            UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "?"), UInt8(ascii: "/"), UInt8(ascii: "@"),
            UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

/// Decodes JavaScript (or JSON) string escapes into UTF-8, combining surrogate pairs.
struct EscapeDecoder {
    let json: Bool
    private var output: [UInt8] = []
    private var pendingHighSurrogate: UInt32?

    init(json: Bool) { self.json = json }

    mutating func append(_ byte: UInt8) {
        flushSurrogate()
        output.append(byte)
    }

    mutating func finish() -> String {
        flushSurrogate()
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func flushSurrogate() {
        if pendingHighSurrogate != nil {
            pendingHighSurrogate = nil
            appendScalar(0xFFFD)
        }
    }

    private mutating func appendScalar(_ value: UInt32) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        output.append(contentsOf: String(Character(scalar)).utf8)
    }

    private mutating func appendCodeUnit(_ value: UInt32) {
        if (0xD800...0xDBFF).contains(value) {
            flushSurrogate()
            pendingHighSurrogate = value
        } else if (0xDC00...0xDFFF).contains(value), let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            appendScalar(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00))
        } else {
            flushSurrogate()
            appendScalar(value)
        }
    }

    /// Decodes the escape starting at `index` (the backslash) and moves past it.
    mutating func escape(_ bytes: [UInt8], _ index: inout Int) throws(ScriptSyntaxError) {
        let start = index
        index += 1
        guard index < bytes.count else { throw ScriptSyntaxError(offset: start, message: "unterminated escape") }
        let byte = bytes[index]
        index += 1
        func hex(_ count: Int) throws(ScriptSyntaxError) -> UInt32 {
            guard index + count <= bytes.count,
                let value = UInt32(String(decoding: bytes[index..<(index + count)], as: UTF8.self), radix: 16)
            else { throw ScriptSyntaxError(offset: start, message: "invalid escape") }
            index += count
            return value
        }
        switch byte {
        case UInt8(ascii: "n"): append(0x0A)
        case UInt8(ascii: "r"): append(0x0D)
        case UInt8(ascii: "t"): append(0x09)
        case UInt8(ascii: "b"): append(0x08)
        case UInt8(ascii: "f"): append(0x0C)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): append(byte)
        case UInt8(ascii: "u"):
            if !json, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")),
                    let value = UInt32(String(decoding: bytes[(index + 1)..<close], as: UTF8.self), radix: 16)
                else { throw ScriptSyntaxError(offset: start, message: "invalid escape") }
                index = close + 1
                appendCodeUnit(value)
            } else {
                appendCodeUnit(try hex(4))
            }
        case _ where json:
            throw ScriptSyntaxError(offset: start, message: "invalid escape in a JSON string")
        case UInt8(ascii: "v"): append(0x0B)
        case UInt8(ascii: "0") where !(index < bytes.count && (0x30...0x39).contains(bytes[index])): append(0x00)
        case UInt8(ascii: "x"): appendCodeUnit(try hex(2))
        case 0x0A: break
        case 0x0D:
            if index < bytes.count, bytes[index] == 0x0A { index += 1 }
        default: append(byte)
        }
    }
}
