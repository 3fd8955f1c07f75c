/// One token of Swift source, as far as the task-file inspector needs to tell them apart.
///
/// Tokens hold byte offsets into the file; text is materialised only for the few tokens the
/// inspector looks at, which keeps scanning ten thousand files cheap.
package struct SwiftToken: Sendable, Hashable {
    package enum Kind: UInt8, Sendable {
        /// `name`, `let`, `` `default` ``, `$0`.
        case identifier
        /// `42`, `0x1F`, `1.5e3`.
        case number
        /// A string literal of any form; see ``hashes``, ``isMultiline``, ``isInterpolated``.
        case string
        /// One of `( ) { } [ ] , ; : @ . \` or another single byte.
        case punctuation
        /// A run of operator characters: `=`, `->`, `==`, `...`.
        case `operator`
        /// `#if CONDITION`, `#elseif CONDITION`, `#else`, `#endif`; see ``directive``.
        case directive
        /// Any other `#word` (`#file`, `#warning`, `#available`).
        case pound
    }

    package enum Directive: UInt8, Sendable {
        case none, `if`, elseif, `else`, endif
    }

    package var kind: Kind
    /// Byte range of the whole token (strings: with delimiters; directives: the whole line, `#if DEBUG`).
    package var start: Int
    package var end: Int
    /// Raw-string `#` count.
    package var hashes: UInt8 = 0
    package var isMultiline = false
    /// The string contains `\(…)`: not a static literal.
    package var isInterpolated = false
    /// The string ends before its closing delimiter (end of line or file).
    package var isUnterminated = false
    package var directive: Directive = .none

    package init(_ kind: Kind, _ start: Int, _ end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// Whether the token's bytes equal `word` (ASCII).
    package func `is`(_ word: StaticString, in bytes: [UInt8]) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { buffer in
            var offset = 0
            while offset < buffer.count {
                if bytes[start + offset] != buffer[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// Whether the token is the single punctuation byte `byte`.
    package func isPunctuation(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        kind == .punctuation && bytes[start] == byte
    }

    /// The token's text.
    package func text(in bytes: [UInt8]) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
