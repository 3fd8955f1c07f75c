import Foundation
import NitroJSON
import Testing

/// `JSONWriter.formatNumber` against 3,000 numbers printed by node's `JSON.stringify`
/// (Fixtures/json/number-vectors.json: random doubles of every magnitude, values near powers of
/// ten where the layout changes, integers and binary fractions).
@Suite struct NumberFormattingVectorTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/json/number-vectors.json")

    @Test func printsWhatJavaScriptPrints() throws {
        let root = try JSONReader.parse(String(decoding: try Data(contentsOf: Self.fixture), as: UTF8.self))
        guard case .object(let members) = root, case .array(let vectors)? = members["vectors"] else {
            Issue.record("no vectors in \(Self.fixture.path)")
            return
        }
        #expect(vectors.count == 3_000)
        var mismatches: [String] = []
        for vector in vectors {
            guard case .array(let pair) = vector, pair.count == 2, case .string(let bits) = pair[0],
                case .string(let expected) = pair[1], let pattern = UInt64(bits, radix: 16)
            else {
                Issue.record("malformed vector \(vector)")
                continue
            }
            let number = Double(bitPattern: pattern)
            let text = JSONWriter.formatNumber(number)
            if text != expected { mismatches.append("\(bits): \(text), node: \(expected)") }
            // What is printed reads back to the same number.
            #expect(try JSONReader.parse(text) == .number(number), "\(bits)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, first: \(mismatches.prefix(5))")
    }
}
