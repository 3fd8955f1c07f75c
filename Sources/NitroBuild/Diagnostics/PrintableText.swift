/// Text made safe to print on one line of a terminal or CI log: what a file name may hold that
/// would break the line, move the cursor or reorder what is shown is written as an escape, so a
/// name cannot forge a `path:line:col: error:` line or hide part of a message.
///
/// Escaped (Docs/Diagnostics.md, "Paths in messages"):
/// - C0 controls U+0000–U+001F and DEL U+007F as `\xHH` (`\x0A` for a line feed, `\x1B` for ESC);
/// - C1 controls U+0080–U+009F, the bidirectional marks, embeddings, overrides and isolates
///   (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators
///   (U+2028, U+2029) as `\u{HHHH}`;
/// - bytes that are not UTF-8 (in a file name read from disk) as `\xHH`, see ``escape(bytes:)``.
///
/// Everything else, a backslash included, is printed as it is: messages quote Swift code, whose
/// backslashes must stay readable. Escaping twice changes nothing.
package enum PrintableText {
    /// Whether `scalar` is written as an escape.
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` with every character of ``needsEscape(_:)`` escaped.
    package static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars { append(scalar, to: &result) }
        return result
    }

    /// Raw bytes (a file name from the disk) as text: UTF-8 sequences decoded and escaped as in
    /// ``escape(_:)``, each byte that is not part of one written `\xHH` (`f\xFF.swift`).
    package static func escape(bytes: [UInt8]) -> String {
        var result = ""
        var index = 0
        while index < bytes.count {
            guard let length = UTF8Validation.sequenceLength(at: index, in: bytes) else {
                result += "\\x" + hex(UInt32(bytes[index]), digits: 2)
                index += 1
                continue
            }
            for scalar in String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars {
                append(scalar, to: &result)
            }
            index += length
        }
        return result
    }

    private static func append(_ scalar: Unicode.Scalar, to result: inout String) {
        guard needsEscape(scalar) else {
            result.unicodeScalars.append(scalar)
            return
        }
        if scalar.value < 0x80 {
            result += "\\x" + hex(scalar.value, digits: 2)
        } else {
            result += "\\u{" + hex(scalar.value, digits: 4) + "}"
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(digits - text.count, 0)) + text
    }
}
