import NitroTestSupport
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// Found by the HTTP request fuzzer (Tests/Fuzz/Targets/HTTPRequestFuzz.swift): the outcome of
/// parsing must not depend on how the bytes arrive.
@Suite(.timeLimit(.minutes(3)))
struct HTTPParserFuzzRegressionTests {
    static func outcome(_ bytes: [UInt8], pieces: Int, limit: Int) -> String {
        let (outputs, error) = parseInPieces(bytes, chunk: pieces, limits: .init(headerBytes: limit, bodyBytes: 512))
        let targets = requests(outputs).map(\.target).joined(separator: ",")
        return error.map { targets + "|\($0.status)" } ?? targets
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
