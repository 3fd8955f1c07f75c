import Foundation
import Testing

@testable import NitroJSON

/// `JSONValue.decode(_:)` reads the value directly: every standard shape decodes, and every
/// failure carries the coding path of the value at fault.
@Suite struct JSONValueDecoderTests {
    struct Everything: Codable, Equatable {
        enum Mode: String, Codable { case fast, slow }
        var text: String
        var flag: Bool
        var small: Int8
        var unsigned: UInt64
        var ratio: Float
        var mode: Mode
        var list: [Int]
        var matrix: [[Double]]
        var map: [String: String]
        var optional: Int?
        var url: URL
        var any: JSONValue
    }

    static let value: JSONValue = [
        "text": "t", "flag": true, "small": -8, "unsigned": 42, "ratio": 0.5, "mode": "slow", "list": [1, 2],
        "matrix": [[1.5], []], "map": ["a": "b"], "url": "https://example.com/x", "any": ["nested": [nil, 1]],
    ]

    @Test func decodesEveryStandardShape() throws {
        let decoded = try Self.value.decode(Everything.self)
        #expect(
            decoded
                == Everything(
                    text: "t", flag: true, small: -8, unsigned: 42, ratio: 0.5, mode: .slow, list: [1, 2],
                    matrix: [[1.5], []], map: ["a": "b"], optional: nil, url: URL(string: "https://example.com/x")!,
                    any: ["nested": [nil, 1]]))
        // And what the encoder writes reads back.
        #expect(try JSONValue(encoding: decoded).decode(Everything.self) == decoded)
        #expect(try JSONValue([1, 2, 3]).decode([Int].self) == [1, 2, 3])
        #expect(try JSONValue("x").decode(String.self) == "x")
        #expect(try JSONValue.null.decode(Int?.self) == nil)
    }

    static func failure(_ value: JSONValue) -> DecodingError? {
        do {
            _ = try value.decode(Everything.self)
            return nil
        } catch {
            return error as? DecodingError
        }
    }

    static func path(_ error: DecodingError?) -> String {
        let context: DecodingError.Context?
        switch error {
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .dataCorrupted(let c)?: context = c
        case .keyNotFound(let key, let c)?:
            return (c.codingPath + [key]).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        default: context = nil
        }
        return context?.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") ?? "?"
    }

    @Test(arguments: [
        ("small", JSONValue.number(300), "small", "dataCorrupted"),
        ("small", .number(1.5), "small", "typeMismatch"),
        ("unsigned", .number(-1), "unsigned", "dataCorrupted"),
        ("matrix", .array([[1], ["x"]]), "matrix.[1].[0]", "typeMismatch"),
        ("mode", .string("medium"), "mode", "dataCorrupted"),
        ("map", .object(["a": 1]), "map.a", "typeMismatch"),
        ("url", .string(""), "url", "dataCorrupted"),
        ("flag", .null, "flag", "valueNotFound"),
        ("text", .bool(true), "text", "typeMismatch"),
    ])
    func failuresNameTheCodingPath(key: String, replacement: JSONValue, path: String, kind: String) {
        var value = Self.value
        value[key] = replacement
        let error = Self.failure(value)
        #expect(Self.path(error) == path, "\(String(describing: error))")
        #expect(String(describing: error).hasPrefix(kind) || "\(String(describing: error))".contains(kind), "\(String(describing: error))")
    }

    @Test func aMissingKeyIsKeyNotFound() {
        var members = Self.value.objectValue!
        members["list"] = nil
        guard case .keyNotFound(let key, _)? = Self.failure(.object(members)) else {
            Issue.record("expected keyNotFound")
            return
        }
        #expect(key.stringValue == "list")
    }
}
