/// The value of a static Swift string literal token: escapes decoded, raw strings honoured,
/// multi-line indentation stripped, and a multi-line literal's line breaks (`\r\n`, `\r`)
/// normalised to `\n` as Swift does. `nil` for interpolated or malformed literals.
package enum SwiftStringLiteral {
    package static func value(of token: SwiftToken, in bytes: [UInt8]) -> String? {
        guard token.kind == .string, !token.isInterpolated, !token.isUnterminated else { return nil }
        let hashes = Int(token.hashes)
        let quotes = token.isMultiline ? 3 : 1
        let contentStart = token.start + hashes + quotes
        let contentEnd = token.end - hashes - quotes
        guard contentStart <= contentEnd, bytes[token.start + hashes] == UInt8(ascii: "\"") else { return nil }
        // Most literals have no escape: their bytes are the value.
        if !token.isMultiline, !bytes[contentStart..<contentEnd].contains(UInt8(ascii: "\\")) {
            return String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
        }
        let content = Array(bytes[contentStart..<contentEnd])
        if token.isMultiline {
            guard let lines = multilineLines(normalizingLineBreaks(content)) else { return nil }
            return decode(lines, hashes: hashes)
        }
        return decode(content, hashes: hashes)
    }

    /// `\r\n` and a lone `\r` as `\n`: Swift reads every line break of a multi-line literal as
    /// `\n`, so a file saved with CRLF line ends has no `\r` in its strings. (An escaped `\r` is
    /// two other bytes, decoded later.)
    static func normalizingLineBreaks(_ content: [UInt8]) -> [UInt8] {
        guard content.contains(0x0D) else { return content }
        var result: [UInt8] = []
        result.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            if content[index] == 0x0D {
                result.append(0x0A)
                index += index + 1 < content.count && content[index + 1] == 0x0A ? 2 : 1
            } else {
                result.append(content[index])
                index += 1
            }
        }
        return result
    }

    /// Multi-line content: drops the first (empty) line and the closing line's indentation
    /// from every line; a backslash at a line's end (escape) joins it with the next.
    private static func multilineLines(_ content: [UInt8]) -> [UInt8]? {
        guard let firstNewline = content.firstIndex(of: 0x0A) else { return nil }
        guard content[..<firstNewline].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return nil }
        var body = Array(content[(firstNewline + 1)...])
        var indentation: [UInt8] = []
        if let lastNewline = body.lastIndex(of: 0x0A) {
            indentation = Array(body[(lastNewline + 1)...])
            body.removeSubrange(lastNewline...)
        } else {
            indentation = body
            body = []
        }
        guard indentation.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
        var result: [UInt8] = []
        var lineStart = true
        var index = 0
        while index < body.count {
            if lineStart {
                lineStart = false
                if body[index...].starts(with: indentation) {
                    index += indentation.count
                    continue
                }
                // A line shorter than the indentation must be blank.
                var probe = index
                while probe < body.count, body[probe] == 0x20 || body[probe] == 0x09 { probe += 1 }
                if probe < body.count, body[probe] != 0x0A, body[probe] != 0x0D { return nil }
                index = probe
                continue
            }
            if body[index] == 0x0A { lineStart = true }
            result.append(body[index])
            index += 1
        }
        return result
    }

    private static func decode(_ content: [UInt8], hashes: Int) -> String? {
        var bytesOut: [UInt8] = []
        bytesOut.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\"), isEscape(content, at: index + 1, hashes: hashes) else {
                bytesOut.append(byte)
                index += 1
                continue
            }
            index += 1 + hashes
            guard index < content.count else { return nil }
            let escaped = content[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "n"): bytesOut.append(0x0A)
            case UInt8(ascii: "r"): bytesOut.append(0x0D)
            case UInt8(ascii: "t"): bytesOut.append(0x09)
            case UInt8(ascii: "0"): bytesOut.append(0x00)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): bytesOut.append(escaped)
            case 0x0A:
                // Line continuation in a multi-line literal: the newline is dropped.
                break
            case 0x20, 0x09:
                // Trailing whitespace before a continuation backslash-newline.
                while index < content.count, content[index] == 0x20 || content[index] == 0x09 { index += 1 }
                guard index < content.count, content[index] == 0x0A else { return nil }
                index += 1
            case UInt8(ascii: "u"):
                guard index < content.count, content[index] == UInt8(ascii: "{"),
                    let close = content[index...].firstIndex(of: UInt8(ascii: "}"))
                else { return nil }
                let hex = String(decoding: content[(index + 1)..<close], as: UTF8.self)
                guard (1...8).contains(hex.count), let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code)
                else {
                    return nil
                }
                UTF8.encode(scalar) { bytesOut.append($0) }
                index = close + 1
            default:
                return nil
            }
        }
        return String(decoding: bytesOut, as: UTF8.self)
    }

    private static func isEscape(_ content: [UInt8], at position: Int, hashes: Int) -> Bool {
        guard position + hashes <= content.count else { return false }
        for offset in 0..<hashes where content[position + offset] != UInt8(ascii: "#") { return false }
        return true
    }
}
