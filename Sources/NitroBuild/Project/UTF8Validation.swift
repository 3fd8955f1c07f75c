/// Finds bytes that are not UTF-8 in source files: Swift and JavaScript sources must be UTF-8,
/// and reading them with replacement characters would put `�` into generated code.
package enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence
    /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or `nil`.
    package static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        let count = bytes.count
        return bytes.withUnsafeBytes { raw -> Int? in
            var index = 0
            while index < count {
                // Sources are mostly ASCII: eight bytes at a time while they are.
                if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                if raw[index] < 0x80 {
                    index += 1
                    continue
                }
                guard let length = sequenceLength(at: index, in: bytes) else { return index }
                index += length
            }
            return nil
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `index`, or `nil` when the bytes
    /// there are not one.
    package static func sequenceLength(at index: Int, in bytes: [UInt8]) -> Int? {
        let count = bytes.count
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)
        default: return nil
        }
        guard index + 1 < count, (low...high).contains(bytes[index + 1]) else { return nil }
        for offset in 2..<max(length, 2) {
            guard index + offset < count, (0x80...0xBF).contains(bytes[index + offset]) else { return nil }
        }
        return length
    }

    /// The finding for a file that is not UTF-8, at the first bad byte.
    package static func diagnostic(_ file: SourceFile, offset: Int) -> Diagnostic {
        let byte = String(file.bytes[offset], radix: 16, uppercase: true)
        return .error(
            LineIndex(file.bytes).location(of: offset, in: file.path),
            "this file is not valid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte)); save it as UTF-8")
    }
}
