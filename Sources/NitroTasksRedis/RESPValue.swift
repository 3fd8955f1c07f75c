/// A RESP2 value, as Redis answers.
package enum RESPValue: Sendable, Hashable {
    /// `+OK`
    case simple(String)
    /// `-ERR …`
    case error(String)
    /// `:42`
    case integer(Int64)
    /// `$3\r\nfoo`; `nil` for the null bulk string `$-1`.
    case bulk([UInt8]?)
    /// `*2\r\n…`; `nil` for the null array `*-1`.
    case array([RESPValue]?)
}

extension RESPValue {
    /// The bytes of a command: an array of bulk strings, as clients send them.
    package static func command(_ parts: [String]) -> [UInt8] {
        var bytes = Array("*\(parts.count)\r\n".utf8)
        for part in parts {
            let utf8 = Array(part.utf8)
            bytes += Array("$\(utf8.count)\r\n".utf8)
            bytes += utf8
            bytes += [13, 10]
        }
        return bytes
    }
}

/// Reads RESP2 values from bytes as they arrive: ``next()`` gives a value once all of it is in.
package struct RESPReader: Sendable {
    /// Limits that keep a hostile or broken server from exhausting memory or the stack.
    package static let maximumBulkLength = 16 << 20
    package static let maximumArrayLength = 1 << 20
    package static let maximumDepth = 16

    private var buffer: [UInt8] = []
    private var start = 0

    package init() {}

    /// Appends received bytes.
    package mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete value, or `nil` when more bytes are needed.
    /// - Throws: a reason (for ``RedisError/protocolViolation(_:_:)``) when the bytes are not RESP.
    package mutating func next() throws(RESPFormatError) -> RESPValue? {
        var index = start
        guard let value = try parse(at: &index, depth: 0) else { return nil }
        start = index
        return value
    }

    private func parse(at index: inout Int, depth: Int) throws(RESPFormatError) -> RESPValue? {
        guard depth < Self.maximumDepth else { throw RESPFormatError("arrays nested more than \(Self.maximumDepth) deep") }
        guard index < buffer.count else { return nil }
        let kind = buffer[index]
        var cursor = index + 1
        guard let line = try self.line(from: &cursor) else { return nil }
        let text = String(decoding: line, as: UTF8.self)
        let value: RESPValue
        switch kind {
        case UInt8(ascii: "+"): value = .simple(text)
        case UInt8(ascii: "-"): value = .error(text)
        case UInt8(ascii: ":"):
            guard let number = Int64(text) else { throw RESPFormatError("':\(text)' is not an integer") }
            value = .integer(number)
        case UInt8(ascii: "$"):
            guard let length = Int(text), length >= -1, length <= Self.maximumBulkLength else {
                throw RESPFormatError("bad bulk string length '\(text)'")
            }
            if length == -1 {
                value = .bulk(nil)
            } else {
                guard buffer.count - cursor >= length + 2 else { return nil }
                guard buffer[cursor + length] == 13, buffer[cursor + length + 1] == 10 else {
                    throw RESPFormatError("a bulk string is not followed by CRLF")
                }
                value = .bulk(Array(buffer[cursor..<cursor + length]))
                cursor += length + 2
            }
        case UInt8(ascii: "*"):
            guard let count = Int(text), count >= -1, count <= Self.maximumArrayLength else {
                throw RESPFormatError("bad array length '\(text)'")
            }
            if count == -1 {
                value = .array(nil)
            } else {
                var items: [RESPValue] = []
                for _ in 0..<count {
                    guard let item = try parse(at: &cursor, depth: depth + 1) else { return nil }
                    items.append(item)
                }
                value = .array(items)
            }
        default:
            throw RESPFormatError("unknown type byte 0x\(String(kind, radix: 16))")
        }
        index = cursor
        return value
    }

    /// The bytes up to the next CRLF (moving past it), or `nil` when it has not arrived.
    private func line(from cursor: inout Int) throws(RESPFormatError) -> ArraySlice<UInt8>? {
        var end = cursor
        while end < buffer.count {
            if buffer[end] == 10 {
                guard end > cursor, buffer[end - 1] == 13 else { throw RESPFormatError("a line ends in LF without CR") }
                let line = buffer[cursor..<end - 1]
                cursor = end + 1
                return line
            }
            end += 1
            if end - cursor > 64 * 1024 { throw RESPFormatError("a line longer than 64 KiB") }
        }
        return nil
    }
}

/// Why bytes are not RESP.
package struct RESPFormatError: Error, Sendable {
    package let reason: String
    package init(_ reason: String) { self.reason = reason }
}
