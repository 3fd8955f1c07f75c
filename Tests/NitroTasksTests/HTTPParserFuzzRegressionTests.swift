import Testing

@testable import NitroTasks

/// Found by the HTTP request fuzzer (Tests/Fuzz/Targets/HTTPRequestFuzz.swift): the outcome of
/// parsing must not depend on how the bytes arrive.
struct HTTPParserFuzzRegressionTests {
    static func outcome(_ bytes: [UInt8], pieces: Int, limit: Int) -> String {
        var parser = HTTPRequestParser(limits: .init(headerBytes: limit, bodyBytes: 512))
        var results: [String] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + pieces)
            parser.append(bytes[offset..<end])
            offset = end
            do {
                while let output = try parser.next() {
                    if case .request(let request) = output { results.append(request.target) }
                }
            } catch {
                return results.joined(separator: ",") + "|\(error.status)"
            }
        }
        return results.joined(separator: ",")
    }

    /// A head of exactly the limit (its final CRLF and empty line not counted) is accepted when
    /// its bytes trickle in one by one, as when they arrive at once.
    @Test(arguments: [1, 2, 3, 1000])
    func aHeadExactlyAtTheLimitIsAcceptedWhateverTheChunking(_ pieces: Int) {
        let start = "GET /x HTTP/1.1\r\nHost: a\r\nX-Fill: "
        let head = start + String(repeating: "f", count: 256 - start.utf8.count - 1) + "\r"  // 256 bytes before the LF
        #expect(head.utf8.count == 256)
        let bytes = Array((head + "\n\r\n").utf8)
        #expect(Self.outcome(bytes, pieces: pieces, limit: 256) == "/x")
        // One byte more is too large, however it arrives.
        let larger = Array((head.dropLast() + "f\r\n\r\n").utf8)
        #expect(Self.outcome(larger, pieces: pieces, limit: 256) == "|431")
    }
}
