import NitroTestSupport
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

@Suite(.timeLimit(.minutes(3))) struct DevServerParserTests {
    @Test(arguments: [1, 2, 7, 1000])
    func parsesARequestDeliveredInPieces(chunk: Int) throws {
        let text = "POST /_nitro/tasks/db%3Amigrate?x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nX-A:  spaced \r\n\r\nhello"
        let (outputs, error) = parseInPieces(text, chunk: chunk)
        #expect(error == nil)
        let request = try #require(requests(outputs).first)
        #expect(request.method == "POST")
        #expect(request.path == "/_nitro/tasks/db%3Amigrate")
        #expect(request.query == "x=1")
        #expect(request.headers["x-a"] == "spaced")
        #expect(request.headers["HOST"] == "localhost")
        #expect(request.body == Array("hello".utf8))
        #expect(request.keepAlive)
    }

    @Test func parsesPipelinedRequestsInOrder() {
        let text = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.0\r\n\r\n"
        let (outputs, error) = parseInPieces(text)
        #expect(error == nil)
        let parsed = requests(outputs)
        #expect(parsed.map(\.path) == ["/a", "/b", "/c"])
        #expect(parsed[1].body == Array("hi".utf8))
        #expect(parsed[2].minorVersion == 0)
        #expect(!parsed[2].keepAlive)
    }

    @Test func acceptsBareLineFeedsAndLeadingEmptyLines() throws {
        let (outputs, error) = parseInPieces("\r\n\nGET / HTTP/1.1\nHost: x\n\n")
        #expect(error == nil)
        #expect(requests(outputs).map(\.path) == ["/"])
    }

    @Test(arguments: [1, 3, 1000])
    func decodesChunkedBodiesWithExtensionsAndTrailers(chunk: Int) throws {
        let text =
            "POST /t HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n1A \r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: yes\r\n\r\n"
            + "GET /next HTTP/1.1\r\nHost: x\r\n\r\n"
        let (outputs, error) = parseInPieces(text, chunk: chunk)
        #expect(error == nil)
        let parsed = requests(outputs)
        #expect(parsed.count == 2)
        #expect(parsed.first?.body == Array("helloabcdefghijklmnopqrstuvwxyz".utf8))
        #expect(parsed.last?.path == "/next")
    }

    @Test func cuesOneHundredContinueBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /t HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(try parser.next() == .continueExpected)
        #expect(try parser.next() == nil)
        parser.append(Array("ok".utf8))
        guard case .request(let request)? = try? parser.next() else {
            Issue.record("no request after the body")
            return
        }
        #expect(request.body == Array("ok".utf8))
        #expect(parser.isIdle)
    }

    @Test func readsTheAbsoluteFormAndHTTP10KeepAlive() throws {
        let (outputs, _) = parseInPieces("GET http://127.0.0.1:3000/_nitro/tasks?a=b HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
        let request = try #require(requests(outputs).first)
        #expect(request.path == "/_nitro/tasks")
        #expect(request.query == "a=b")
        #expect(request.keepAlive)
        let (closing, _) = parseInPieces("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(requests(closing).first?.keepAlive == false)
    }

    static let rejected: [(String, Int)] = [
        ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("GET /  HTTP/1.1\r\nHost: x\r\n\r\n", 400),  // two spaces
        ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ("GET / HTTX/1.1\r\nHost: x\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET nopath HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET /\u{7F} HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\u{01}\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n", 413),
    ]

    @Test(arguments: rejected)
    func rejectsMalformedRequestsWithTheRightStatus(text: String, status: Int) {
        let (outputs, error) = parseInPieces(text)
        #expect(requests(outputs).isEmpty)
        #expect(error?.status == status, "\(text.debugDescription) → \(String(describing: error))")
    }

    @Test func enforcesTheLimitsBeforeBufferingMore() {
        let limits = HTTPRequestParser.Limits(headerBytes: 100, bodyBytes: 10)
        #expect(parseInPieces("GET /\(String(repeating: "a", count: 200))", limits: limits).error?.status == 414)
        #expect(parseInPieces("GET / HTTP/1.1\r\nX: \(String(repeating: "a", count: 200))", limits: limits).error?.status == 431)
        #expect(parseInPieces("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", limits: limits).error?.status == 413)
        let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n"
        #expect(parseInPieces(chunked, limits: limits).error?.status == 413)
        let trailer = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: \(String(repeating: "t", count: 200))"
        #expect(parseInPieces(trailer, limits: limits).error?.status == 431)
        #expect(parseInPieces("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits).error == nil)
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(!parser.hasPartialRequest)
    }

    /// Random bytes and mutated requests never crash the parser or make it return a request
    /// that breaks its own limits (a deterministic, bounded stand-in for the fuzz target).
    @Test func survivesRandomInput() {
        var generator = SplitMix(seed: 7)
        let seeds = [
            "POST /_nitro/tasks/x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        ].map { Array($0.utf8) }
        let limits = HTTPRequestParser.Limits(headerBytes: 256, bodyBytes: 64)
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                let position = Int(generator.next() % UInt64(bytes.count + 1))
                switch generator.next() % 3 {
                case 0 where position < bytes.count: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                default: if position < bytes.count { bytes.remove(at: position) }
                }
            }
            var parser = HTTPRequestParser(limits: limits)
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 1 + Int(generator.next() % 9))
                parser.append(bytes[offset..<end])
                offset = end
                while let output = try? parser.next() {
                    if case .request(let request) = output { #expect(request.body.count <= limits.bodyBytes) }
                }
            }
        }
    }
}
