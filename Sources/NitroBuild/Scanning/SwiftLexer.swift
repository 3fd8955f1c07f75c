/// A small Swift lexer: enough of the language that comments (nested block comments too),
/// string literals (multi-line, raw `#"…"#`, interpolation with nested strings) and `#if`
/// directives never fool the task-file inspector.
///
/// Regular-expression literals are skipped whole: extended ones (`#/…/#`) always, bare ones
/// (`/a"b/`) where Swift's own rules (SE-0354) take a `/` for one: where an expression may start,
/// not followed by a space, closed on the same line, with no unbalanced `)` inside.
package struct SwiftLexer {
    private let bytes: [UInt8]
    private var index = 0
    private var tokens: [SwiftToken] = []

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
        tokens.reserveCapacity(bytes.count / 5)
    }

    /// Where a string interpolation opened deeper than ``maximumInterpolationDepth`` (its `\`).
    private var interpolationTooDeep: Int?

    /// Every token of `bytes`, in order. Never fails: malformed input yields best-effort tokens.
    package static func tokenize(_ bytes: [UInt8]) -> [SwiftToken] {
        lex(bytes).tokens
    }

    /// The tokens, and the offset of the `\(` that nests interpolations deeper than
    /// ``maximumInterpolationDepth`` if there is one (the lexer then reads the rest of the file as
    /// the unterminated string around it).
    package static func lex(_ bytes: [UInt8]) -> (tokens: [SwiftToken], interpolationTooDeep: Int?) {
        var lexer = SwiftLexer(bytes)
        lexer.run()
        return (lexer.tokens, lexer.interpolationTooDeep)
    }

    private mutating func run() {
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x00:
                index += 1
            case UInt8(ascii: "/"):
                if peek(1) == UInt8(ascii: "/") {
                    skipLineComment()
                } else if peek(1) == UInt8(ascii: "*") {
                    skipBlockComment()
                } else if let end = bareRegexEnd() {
                    tokens.append(SwiftToken(.string, index, end))
                    index = end
                } else {
                    lexOperator()
                }
            case UInt8(ascii: "\""):
                tokens.append(lexString(hashes: 0))
            case UInt8(ascii: "#"):
                lexPound()
            case UInt8(ascii: "`"):
                let start = index
                index += 1
                while index < count, bytes[index] != UInt8(ascii: "`"), bytes[index] != 0x0A { index += 1 }
                if index < count, bytes[index] == UInt8(ascii: "`") { index += 1 }
                tokens.append(SwiftToken(.identifier, start, index))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber()
            case UInt8(ascii: "."):
                if peek(1) == UInt8(ascii: ".") {
                    lexOperator()
                } else {
                    tokens.append(SwiftToken(.punctuation, index, index + 1))
                    index += 1
                }
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "\\"):
                tokens.append(SwiftToken(.punctuation, index, index + 1))
                index += 1
            default:
                if IdentifierBytes.isHead(byte) {
                    let start = index
                    index += 1
                    while index < count, IdentifierBytes.isBody(bytes[index]) { index += 1 }
                    tokens.append(SwiftToken(.identifier, start, index))
                } else if Self.isOperator(byte) {
                    lexOperator()
                } else {
                    tokens.append(SwiftToken(.punctuation, index, index + 1))
                    index += 1
                }
            }
        }
    }

    // MARK: Pieces

    private func peek(_ offset: Int) -> UInt8? {
        let position = index + offset
        return position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipLineComment() {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
    }

    /// `/* … /* … */ … */`: Swift block comments nest.
    private mutating func skipBlockComment() {
        var depth = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return }
            } else {
                index += 1
            }
        }
    }

    private mutating func lexOperator() {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/"), let next = peek(1), next == UInt8(ascii: "/") || next == UInt8(ascii: "*") {
                break
            }
            guard Self.isOperator(byte) || byte == UInt8(ascii: ".") else { break }
            index += 1
        }
        tokens.append(SwiftToken(.operator, start, index))
    }

    private mutating func lexNumber() {
        let start = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if IdentifierBytes.isBody(byte) {
                let exponent = byte | 0x20 == UInt8(ascii: "e") || byte | 0x20 == UInt8(ascii: "p")
                index += 1
                if exponent, let sign = peek(0), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                    index += 1
                }
            } else if byte == UInt8(ascii: "."), let next = peek(1),
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next)
            {
                index += 1
            } else {
                break
            }
        }
        tokens.append(SwiftToken(.number, start, index))
    }

    /// `#"raw"#`, `#/regex/#`, `#if …`, `#else`, `#endif`, `#file`.
    private mutating func lexPound() {
        let start = index
        var hashes = 0
        while let byte = peek(hashes), byte == UInt8(ascii: "#") { hashes += 1 }
        switch peek(hashes) {
        case UInt8(ascii: "\"")?:
            index += hashes
            var token = lexString(hashes: hashes)
            token.start = start
            tokens.append(token)
        case UInt8(ascii: "/")? where hashes >= 1:
            skipExtendedRegex(hashes: hashes)
            tokens.append(SwiftToken(.string, start, index))
        case let byte? where hashes == 1 && IdentifierBytes.isHead(byte):
            index += 1
            let wordStart = index
            while index < bytes.count, IdentifierBytes.isBody(bytes[index]) { index += 1 }
            var token = SwiftToken(.pound, start, index)
            switch String(decoding: bytes[wordStart..<index], as: UTF8.self) {
            case "if": token.directive = .if
            case "elseif": token.directive = .elseif
            case "else": token.directive = .else
            case "endif": token.directive = .endif
            default: break
            }
            if token.directive != .none {
                token.kind = .directive
                if token.directive == .if || token.directive == .elseif {
                    // The condition runs to the end of the line (a trailing comment excluded).
                    while index < bytes.count, bytes[index] != 0x0A,
                        !(bytes[index] == UInt8(ascii: "/")
                            && (peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*")))
                    {
                        index += 1
                    }
                    var end = index
                    while end > token.end, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D {
                        end -= 1
                    }
                    token.end = end
                }
            }
            tokens.append(token)
        default:
            index += hashes
            tokens.append(SwiftToken(.punctuation, start, index))
        }
    }

    private mutating func skipExtendedRegex(hashes: Int) {
        index += hashes + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index = min(index + 2, bytes.count)  // a backslash at the very end escapes nothing
                continue
            }
            if bytes[index] == UInt8(ascii: "/"), closes(at: index + 1, hashes: hashes) {
                index += 1 + hashes
                return
            }
            index += 1
        }
    }

    /// Where a bare regex literal starting with the `/` at `index` ends (after its closing `/`), or
    /// `nil` when Swift reads that `/` as an operator (SE-0354): right after an expression (`a/b`,
    /// `a / b`), before a space or tab (`x = / 2`), when no `/` closes it on the line or the closing
    /// one follows a space (`f(/, /)`), or when its
    /// content has a `)` with no `(` (`reduce(1, /) + g(/)`). A `/` in prefix position (space
    /// before, none after: `a /b/`) starts a literal whatever precedes it, as in Swift.
    private func bareRegexEnd() -> Int? {
        guard let next = peek(1), next != 0x20, next != 0x09, next != 0x0A, next != 0x0D else { return nil }
        let prefixPosition = index > 0 && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1])
        guard prefixPosition || mayStartExpression(after: tokens.last) else { return nil }
        var position = index + 1
        var groups = 0
        while position < bytes.count {
            switch bytes[position] {
            case 0x0A, 0x0D:
                return nil
            case UInt8(ascii: "\\"):
                position += 2
                continue
            case UInt8(ascii: "("):
                groups += 1
            case UInt8(ascii: ")"):
                groups -= 1
                if groups < 0 { return nil }
            case UInt8(ascii: "/"):
                // Neither end may be a space: `/a /` and `f(/, /)` are operators.
                let last = bytes[position - 1]
                return last == 0x20 || last == 0x09 ? nil : position + 1
            default:
                break
            }
            position += 1
        }
        return nil
    }

    /// Whether an expression (and so a regex literal) may begin after `previous`: at the start, after
    /// an opening bracket, a separator, an operator, or a keyword that takes an expression; not after
    /// a name, a literal or a closing bracket, where `/` divides.
    private func mayStartExpression(after previous: SwiftToken?) -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .operator, .directive:
            return true
        case .number, .string, .pound:
            return false
        case .punctuation:
            let byte = bytes[previous.start]
            return byte != UInt8(ascii: ")") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "}")
                && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "`")
        case .identifier:
            let word = bytes[previous.start..<previous.end]
            return Self.expressionKeywords.contains { $0.elementsEqual(word) }
        }
    }

    /// Keywords after which an expression follows.
    private static let expressionKeywords: [[UInt8]] = [
        "return", "case", "in", "try", "await", "throw", "if", "guard", "while", "where", "switch", "yield",
    ].map { Array($0.utf8) }

    private func closes(at position: Int, hashes: Int) -> Bool {
        guard position + hashes <= bytes.count else { return false }
        for offset in 0..<hashes where bytes[position + offset] != UInt8(ascii: "#") { return false }
        return true
    }

    /// How deeply string interpolations may nest (`"\("\("…")")"`); a deeper literal is taken as
    /// unterminated, which keeps the recursion below from overflowing the stack on hostile input.
    static let maximumInterpolationDepth = 256

    /// Lexes a string literal whose opening quote is at `index` (after any `#`s), `depth`
    /// interpolations deep.
    private mutating func lexString(hashes: Int, depth: Int = 0) -> SwiftToken {
        let start = index
        var token = SwiftToken(.string, start, start)
        token.hashes = UInt8(clamping: hashes)
        let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        token.isMultiline = multiline
        index += multiline ? 3 : 1
        while true {
            guard index < bytes.count else {
                token.isUnterminated = true
                break
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), closes(at: index + 1, hashes: hashes) {
                index += 1 + hashes
                if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
                    token.isInterpolated = true
                    guard depth < Self.maximumInterpolationDepth else {
                        if interpolationTooDeep == nil { interpolationTooDeep = index - 1 - hashes }
                        token.isUnterminated = true
                        index = bytes.count
                        break
                    }
                    index += 1
                    skipInterpolation(nesting: depth + 1)
                } else if index < bytes.count, !(multiline && bytes[index] == 0x0A) {
                    index += 1
                }
                continue
            }
            if byte == 0x0A && !multiline {
                token.isUnterminated = true
                break
            }
            if byte == UInt8(ascii: "\"") {
                if multiline {
                    if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\""),
                        closes(at: index + 3, hashes: hashes)
                    {
                        index += 3 + hashes
                        break
                    }
                } else if closes(at: index + 1, hashes: hashes) {
                    index += 1 + hashes
                    break
                }
            }
            index += 1
        }
        token.end = index
        return token
    }

    /// Skips `…)` of an interpolation `nesting` levels deep: nested parentheses, strings and
    /// comments included.
    private mutating func skipInterpolation(nesting: Int) {
        var depth = 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "("):
                depth += 1
                index += 1
            case UInt8(ascii: ")"):
                depth -= 1
                index += 1
                if depth == 0 { return }
            case UInt8(ascii: "\""):
                _ = lexString(hashes: 0, depth: nesting)
            case UInt8(ascii: "#"):
                var hashes = 0
                while let byte = peek(hashes), byte == UInt8(ascii: "#") { hashes += 1 }
                if peek(hashes) == UInt8(ascii: "\"") {
                    index += hashes
                    _ = lexString(hashes: hashes, depth: nesting)
                } else {
                    index += hashes
                }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                skipBlockComment()
            default:
                index += 1
            }
        }
    }

    // MARK: Character classes

    static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "!"), UInt8(ascii: "*"),
            UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "?"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}
