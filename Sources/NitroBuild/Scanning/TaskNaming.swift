/// Task names from file paths (MISSION section 3, Nitro's behaviour): the path relative to the
/// `tasks/` folder, last extension removed, `/` replaced by `:`. `index` is not special.
package enum TaskNaming {
    /// `db/migrate.swift` → `db:migrate`, `foo.bar.swift` → `foo.bar`, `db/index.swift` → `db:index`.
    /// (Byte-wise: `.`, `/` and `:` are ASCII, so no UTF-8 sequence contains them.)
    package static func name(forRelativePath path: String) -> String {
        var bytes = Array(path.utf8)
        if let dot = bytes.lastIndex(of: UInt8(ascii: ".")), !bytes[dot...].contains(UInt8(ascii: "/")) {
            bytes.removeSubrange(dot...)
        }
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") { bytes[index] = UInt8(ascii: ":") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Files (or folders) starting with `_` or `.` under `tasks/` are helpers, not tasks.
    package static func isHelper(relativePath path: String) -> Bool {
        var atSegmentStart = true
        for byte in path.utf8 {
            if atSegmentStart && (byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")) { return true }
            atSegmentStart = byte == UInt8(ascii: "/")
        }
        return false
    }

    /// Why `name` cannot be a task name (it is used on the command line, in URLs and as a
    /// config key), or `nil` when it can: `:`-separated non-empty segments of ASCII letters,
    /// digits, `-`, `_` and `.`, none starting with `.`.
    package static func problem(with name: String) -> String? {
        if isPlainName(name.utf8) { return nil }
        if name.isEmpty { return "a task name cannot be empty" }
        for segment in name.split(separator: ":", omittingEmptySubsequences: false) {
            if segment.isEmpty {
                return "`\(name)` has an empty segment between `:`s"
            }
            if segment.hasPrefix(".") {
                return "the segment `\(segment)` of `\(name)` starts with `.`"
            }
            if let bad = segment.unicodeScalars.first(where: { !isNameScalar($0) }) {
                let shown = bad == " " ? "a space" : "`\(bad)`"
                return
                    "`\(name)` contains \(shown); task names use letters, digits, `-`, `_` and `.`, with `:` between segments"
            }
        }
        return nil
    }

    /// Whether `name` is a valid name, checked on its bytes (the common case, before any
    /// message is worked out): non-empty segments between `:`s, none starting with `.`, every
    /// byte a name character.
    static func isPlainName(_ name: String.UTF8View) -> Bool {
        var atSegmentStart = true
        for byte in name {
            if byte == UInt8(ascii: ":") {
                if atSegmentStart { return false }
                atSegmentStart = true
                continue
            }
            if atSegmentStart && byte == UInt8(ascii: ".") { return false }
            if !isNameByte(byte) { return false }
            atSegmentStart = false
        }
        return !atSegmentStart
    }

    /// Whether a segment may hold `scalar`: an ASCII letter or digit, `-`, `_` or `.`.
    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isNameByte(UInt8(scalar.value))
    }

    /// The one statement of the characters a segment may hold, on bytes.
    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
