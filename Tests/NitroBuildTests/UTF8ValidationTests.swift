import NitroBuild
import NitroTestSupport
import Testing

/// `UTF8Validation.firstInvalidOffset` against the standard library's own UTF-8 parser, on
/// mostly-ASCII byte strings with bad bytes at every position of the eight-byte fast path.
@Suite struct UTF8ValidationTests {
    /// The offset where the standard library's parser first reports an error, or `nil`.
    static func reference(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test func agreesWithTheStandardLibraryAtEveryPosition() {
        let bad: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]]
        let good: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80]]
        for length in 0...20 {
            for position in 0...length {
                for insert in bad + good {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes.insert(contentsOf: insert, at: position)
                    #expect(
                        UTF8Validation.firstInvalidOffset(bytes) == Self.reference(bytes),
                        "\(bytes.map { String($0, radix: 16) })")
                }
            }
        }
    }

    @Test func agreesOnRandomBytes() {
        var generator = SplitMix(seed: 19)
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ -> UInt8 in
                let roll = generator.next()
                // Mostly ASCII, sometimes a byte from anywhere.
                return roll % 6 == 0 ? UInt8(truncatingIfNeeded: roll >> 8) : UInt8(truncatingIfNeeded: roll >> 8) & 0x7F
            }
            #expect(UTF8Validation.firstInvalidOffset(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }
}
