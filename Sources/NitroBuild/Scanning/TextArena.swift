import Foundation

/// Many short strings stored as UTF-8 in one buffer, each found by a ``TextRange``: the paths,
/// symbols and descriptions of a few hundred digested task files, or the names of a scan's
/// tasks. A `String` of 16 bytes or more is a heap object of its own (about 64 to 96 bytes of
/// memory for a 16-45 byte path or description); here it is its bytes and an 8-byte range. With
/// it a 100,000-task build peaks at about 51 MiB instead of 71 (Docs/Performance.md). Immutable
/// once built (``TextArena/Builder``).
package final class TextArena: Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// An empty arena (for the placeholder of an unread file).
    static let empty = TextArena([])

    /// The string at `range`.
    func string(_ range: TextRange) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range.lowerBound..<range.upperBound]), as: UTF8.self)
        }
    }

    /// Whether the string at `range` is `text`, byte for byte.
    func equals(_ range: TextRange, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { other in
            guard other.count == Int(range.count) else { return false }
            guard let otherBytes = other.baseAddress else { return true }
            return withBytes(range) { memcmp($0.baseAddress!, otherBytes, other.count) == 0 }
        }
    }

    func withBytes<Result>(_ range: TextRange, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        bytes.withUnsafeBytes { raw in
            body(UnsafeRawBufferPointer(rebasing: raw[range.lowerBound..<range.upperBound]))
        }
    }

    /// Plain UTF-8 byte order (``utf8Less(_:_:)``) of the strings at `left` in `self` and `right` in `other`.
    func precedes(_ left: TextRange, _ other: TextArena, _ right: TextRange) -> Bool {
        withBytes(left) { leftBytes in
            other.withBytes(right) { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                if common > 0 {
                    let order = memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return leftBytes.count < rightBytes.count
            }
        }
    }

    /// Whether the strings at `left` in `self` and `right` in `other` are the same bytes.
    func same(_ left: TextRange, _ other: TextArena, _ right: TextRange) -> Bool {
        guard left.count == right.count else { return false }
        guard left.count > 0 else { return true }
        return withBytes(left) { leftBytes in
            other.withBytes(right) { memcmp(leftBytes.baseAddress!, $0.baseAddress!, Int(left.count)) == 0 }
        }
    }

    /// Collects strings, then makes the arena (its buffer exactly as large as its bytes).
    struct Builder {
        private var bytes: [UInt8] = []

        init(capacity: Int = 0) {
            bytes.reserveCapacity(capacity)
        }

        /// Adds `text`; its range in the arena to be built.
        mutating func add(_ text: String) -> TextRange {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            return TextRange(start: UInt32(start), count: UInt32(bytes.count - start))
        }

        func build() -> TextArena {
            TextArena(
                Array(unsafeUninitializedCapacity: bytes.count) { buffer, count in
                    _ = buffer.initialize(from: bytes)
                    count = bytes.count
                })
        }
    }
}

/// Where one string is in a ``TextArena`` (an arena holds less than 4 GiB).
package struct TextRange: Sendable, Hashable {
    var start: UInt32
    var count: UInt32

    var lowerBound: Int { Int(start) }
    var upperBound: Int { Int(start) + Int(count) }
}
