import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// Issue 13, item 4: leniencies of the request parser that let two parsers read one request
/// differently. Each case was accepted before.
@Suite(.timeLimit(.minutes(3))) struct DevServerParserStrictnessTests {
    static func outcome(_ text: String, chunk: Int = .max) -> (targets: [String], error: HTTPParseError?) {
        let (outputs, error) = parseInPieces(text, chunk: chunk)
        return (requests(outputs).map(\.target), error)
    }

    static let rejected: [(String, Int, String)] = [
        (
            "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\nContent-Length: 5\r\n\r\nhello", 400,
            "both Content-Length and Transfer-Encoding"
        ),
        (
            "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: ,\r\n\r\nhello", 400,
            "both Content-Length and Transfer-Encoding"
        ),
        (
            "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \t \r\nContent-Length: 5\r\n\r\nhello", 400,
            "both Content-Length and Transfer-Encoding"
        ),
        ("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\r\n", 400, "Transfer-Encoding"),
        ("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ,\r\n\r\n", 400, "Transfer-Encoding"),
        ("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked,\r\n\r\n0\r\n\r\n", 400, "empty"),
        ("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ,chunked\r\n\r\n0\r\n\r\n", 400, "empty"),
        ("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nNoColon\r\n\r\n", 400, "trailer"),
        ("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n folded\r\n\r\n", 400, "trailer"),
        ("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Name: v\r\n\r\n", 400, "trailer"),
        ("GET /x HTTP/1.2\r\nHost: x\r\n\r\n", 505, "HTTP/1.2"),
        ("GET /x HTTP/1.9\r\nHost: x\r\n\r\n", 505, "HTTP/1.9"),
    ]

    @Test(arguments: [1, 1000])
    func rejectsWhatWasAcceptedBefore(chunk: Int) {
        for (text, status, message) in Self.rejected {
            let (targets, error) = Self.outcome(text, chunk: chunk)
            #expect(targets.isEmpty, "\(text.debugDescription) gave \(targets)")
            #expect(error?.status == status, "\(text.debugDescription) → \(String(describing: error))")
            #expect(error?.message.contains(message) == true, "\(text.debugDescription) → \(String(describing: error))")
        }
    }

    @Test func stillAcceptsValidTrailersAndVersions() {
        let trailer = "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Sum: 1\r\n\r\n"
        #expect(Self.outcome(trailer).targets == ["/x"])
        #expect(Self.outcome("GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n").targets == ["/a", "/b"])
        #expect(Self.outcome("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n").targets == ["/x"])
    }
}
