// libFuzzer target: the development server's HTTP/1.x request parser (`HTTPRequestParser`,
// `HTTPHead`) and the percent-decoding of targets. Small limits (256-byte heads, 512-byte
// bodies) so that inputs of a few kilobytes reach them. Invariants:
// - the outcome (the requests, then the error if any) is the same whether the bytes arrive at
//   once, one by one, or in uneven chunks; after an error every call throws the same error;
// - error statuses are the documented ones (400, 413, 414, 431, 501, 505);
// - a request has a token method, a target without spaces or controls, a body within the limit,
//   header values without CR, LF or NUL, version 1.0 or 1.1, and never both Content-Length and
//   Transfer-Encoding;
// - its path is what precedes the first `?` (no `?` in it, whatever the query holds), and it has
//   an authority exactly when its target starts with `http://` or `https://` (any case);
// - the loopback policy gives an answer (no crash) for every request;
// - a request written back (Content-Length framing) parses to the same request;
// - a percent-decoded path, encoded again, decodes to the same text.
@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

let limits = HTTPRequestParser.Limits(headerBytes: 256, bodyBytes: 512)
let statuses: Set<Int> = [400, 413, 414, 431, 501, 505]

struct Outcome: Equatable {
    var requests: [HTTPRequest] = []
    var error: HTTPParseError?
}

/// Feeds `bytes` in pieces of the given sizes (cycled), draining the parser after each.
func parse(_ bytes: [UInt8], pieces: [Int]) -> Outcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = Outcome()
    var offset = 0
    var piece = 0
    func drain() -> Bool {
        do {
            while let output = try parser.next() {
                if case .request(let request) = output { outcome.requests.append(request) }
            }
            return true
        } catch {
            outcome.error = error
            do {
                _ = try parser.next()
                fatalError("the parser went on after \(error)")
            } catch {
                check(error == outcome.error, "a second call threw \(error) after \(outcome.error!)")
            }
            return false
        }
    }
    while offset < bytes.count {
        let size = max(1, pieces[piece % pieces.count])
        piece += 1
        let end = min(bytes.count, offset + size)
        parser.append(bytes[offset..<end])
        offset = end
        if !drain() { return outcome }
    }
    return outcome
}

func serialize(_ request: HTTPRequest) -> [UInt8] {
    var text = "\(request.method) \(request.target) HTTP/1.\(request.minorVersion)\r\n"
    for (name, value) in request.headers where name != "content-length" && name != "transfer-encoding" {
        text += "\(name): \(value)\r\n"
    }
    if !request.body.isEmpty { text += "content-length: \(request.body.count)\r\n" }
    return Array((text + "\r\n").utf8) + request.body
}

func withoutFraming(_ headers: HTTPHeaders) -> [String] {
    headers.fields.filter { $0.name != "content-length" && $0.name != "transfer-encoding" }.map { "\($0.name): \($0.value)" }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = parse(bytes, pieces: [max(bytes.count, 1)])
    let single = parse(bytes, pieces: [1])
    let uneven = parse(bytes, pieces: bytes.prefix(8).map { Int($0 % 37) + 1 } + [3])
    check(single == whole, "byte by byte: \(single) vs at once: \(whole)")
    check(uneven == whole, "in chunks: \(uneven) vs at once: \(whole)")
    if let error = whole.error { check(statuses.contains(error.status), "unexpected status \(error)") }

    for request in whole.requests {
        check(!request.method.isEmpty && request.method.utf8.allSatisfy(isTokenByte), "method \(request.method.debugDescription)")
        check(request.target.utf8.allSatisfy { $0 > 32 && $0 < 127 }, "target \(request.target.debugDescription)")
        check(request.path.hasPrefix("/") || request.target == "*", "path \(request.path.debugDescription) of \(request.target)")
        check(request.body.count <= limits.bodyBytes, "a body of \(request.body.count) bytes passed the limit")
        check(request.minorVersion == 0 || request.minorVersion == 1, "HTTP/1.\(request.minorVersion) was accepted")
        check(
            request.headers.values("transfer-encoding").isEmpty || request.headers.values("content-length").isEmpty,
            "both Content-Length and Transfer-Encoding in \(request)")
        check(!request.path.contains("?"), "path \(request.path.debugDescription) of \(request.target) holds a `?`")
        let lowered = request.target.lowercased()
        let absolute = lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
        check((request.authority != nil) == absolute, "authority \(String(describing: request.authority)) of \(request.target)")
        if !absolute, request.target != "*" {
            let beforeQuery = request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
            check(request.path == beforeQuery, "path \(request.path) of \(request.target)")
        }
        _ = LoopbackPolicy.refusal(for: request)
        for (name, value) in request.headers {
            check(!name.isEmpty && name == name.lowercased(), "header name \(name.debugDescription)")
            check(!value.utf8.contains(where: { $0 == 10 || $0 == 13 || $0 == 0 }), "header value \(value.debugDescription)")
        }
        let written = serialize(request)
        var reparser = HTTPRequestParser(limits: HTTPRequestParser.Limits(headerBytes: 1 << 20, bodyBytes: 1 << 20))
        reparser.append(written)
        do {
            guard case .request(let again)? = try reparser.next() else {
                fatalError("\(String(decoding: written, as: UTF8.self).debugDescription) is not a complete request")
            }
            check(
                again.method == request.method && again.target == request.target
                    && again.minorVersion == request.minorVersion && again.body == request.body
                    && withoutFraming(again.headers) == withoutFraming(request.headers),
                "written back, \(request) reads as \(again)")
        } catch {
            fatalError("written back, \(request) fails: \(error)")
        }
        if let decoded = PercentDecoding.decode(request.path) {
            let encoded = PercentDecoding.encode(decoded, allowing: [47, 58])
            check(PercentDecoding.decode(encoded) == decoded, "\(decoded.debugDescription) → \(encoded) does not decode back")
        }
        _ = try? QueryString.payload(request.query)
    }
    return 0
}
