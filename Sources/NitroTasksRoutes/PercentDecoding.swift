/// Percent-decoding of URL components (RFC 3986), strict: a `%` must start two hex digits and the
/// decoded bytes must be UTF-8.
package enum PercentDecoding {
    /// The decoded text, or `nil` when the encoding or the UTF-8 is invalid. With `plusAsSpace`
    /// (form-encoded query strings), `+` decodes to a space.
    package static func decode<Text: StringProtocol>(_ text: Text, plusAsSpace: Bool = false) -> String? {
        let utf8 = Array(text.utf8)
        guard utf8.contains(37) || (plusAsSpace && utf8.contains(43)) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == 37 {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else {
                    return nil
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusAsSpace && byte == 43 ? 32 : byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Encodes everything but unreserved characters (`A-Z a-z 0-9 - . _ ~`) and the characters in
    /// `allowed`, for example `:` in a path segment.
    package static func encode(_ text: String, allowing allowed: Set<UInt8> = [58]) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case 48...57, 65...90, 97...122, 45, 46, 95, 126:
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where allowed.contains(byte):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                output += "%"
                output.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                output.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 15)]))
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
