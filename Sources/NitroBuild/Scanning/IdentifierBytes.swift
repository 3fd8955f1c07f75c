/// Byte classes of identifiers, shared by the Swift lexer and the config (TypeScript) lexer:
/// ASCII letters, `_`, `$` and every non-ASCII byte start one; digits may follow.
enum IdentifierBytes {
    static func isHead(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    static func isBody(_ byte: UInt8) -> Bool {
        isHead(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
