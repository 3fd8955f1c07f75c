/// One token of a JavaScript/TypeScript config file (or of a JSON one).
struct ScriptToken: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier
        /// A quoted string; `value` is decoded, `quote` is the delimiter byte.
        case string
        /// A template literal; static when it has no `${…}`.
        case template
        case number
        /// `{ } [ ] ( ) , : ; .` and other single bytes.
        case punctuation
        /// `...`
        case spread
        /// Operators (`=`, `=>`, `+`, `?.`) and regular-expression literals.
        case `operator`
        case end
    }

    var kind: Kind
    var start: Int
    var end: Int
    var value: String = ""
    var quote: UInt8 = 0
    var isStatic = true
    var number: Double?

    init(_ kind: Kind, _ start: Int, _ end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    func isPunctuation(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        kind == .punctuation && bytes[start] == byte
    }

    func text(in bytes: [UInt8]) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A lexical error: where and what.
struct ScriptSyntaxError: Error, Sendable {
    var offset: Int
    var message: String
}
