import NitroTasks
import NitroTasksRoutes
/// An incremental HTTP/1.0 and HTTP/1.1 request parser: bytes in, requests out.
///
/// A pure value with no I/O, so every rule can be tested (and fuzzed) on byte arrays. Feed it what
/// the socket delivers with ``append(_:)`` and call ``next()`` until it returns `nil`; pipelined
/// requests come out one by one. It enforces the limits it is given (``Limits``) before buffering
/// more than they allow, rejects ambiguous framing (both `Content-Length` and `Transfer-Encoding`,
/// conflicting lengths, obsolete line folding) and decodes chunked bodies. After an error it stays
/// failed: the connection is answered with the error's status and closed.
package struct HTTPRequestParser: Sendable {
    /// Upper bounds on what one request may hold.
    package struct Limits: Sendable, Equatable {
        /// The request line plus the header fields (and, separately, the chunked trailer), in bytes.
        package var headerBytes: Int
        /// The body after chunked decoding, in bytes.
        package var bodyBytes: Int

        package init(headerBytes: Int = 16 * 1024, bodyBytes: Int = 1024 * 1024) {
            self.headerBytes = headerBytes
            self.bodyBytes = bodyBytes
        }
    }

    /// What ``next()`` produced.
    package enum Output: Sendable, Equatable {
        /// A complete request.
        case request(HTTPRequest)
        /// The head of a request that sent `Expect: 100-continue` is complete and its body has not
        /// arrived yet: the server should send `100 Continue` (or a final status) now.
        case continueExpected
    }

    private enum State: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkEnd
        case trailer(bytes: Int)
    }

    package let limits: Limits
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanFrom = 0
    private var state = State.head
    private var pending: HTTPRequest?
    private var failure: HTTPParseError?

    package init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Whether the parser is between requests with nothing buffered.
    package var isIdle: Bool {
        if case .head = state, start == buffer.count, failure == nil { return true }
        return false
    }

    /// Whether part of a request has arrived (bytes buffered or a body in progress).
    package var hasPartialRequest: Bool { !isIdle && failure == nil }

    /// The bytes received and not yet parsed (the rest of pipelined requests included).
    package var unparsedByteCount: Int { buffer.count - start }

    /// The bytes held for the connection: unparsed input plus the body assembled so far.
    package var bufferedByteCount: Int { unparsedByteCount + (pending?.body.count ?? 0) }

    /// Adds bytes received from the peer.
    package mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanFrom = 0
        } else if start > 4096 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            scanFrom = max(0, scanFrom - start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete request (or a `100 Continue` cue), or `nil` when more bytes are needed.
    ///
    /// - Throws: ``HTTPParseError`` with the status to answer; the same error on every later call.
    package mutating func next() throws(HTTPParseError) -> Output? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Output? {
        while true {
            switch state {
            case .head:
                guard let (request, framing) = try parseHead() else { return nil }
                pending = request
                switch framing {
                case .none:
                    return .request(finishRequest())
                case .length(let length):
                    state = .fixedBody(remaining: length)
                    pending?.body.reserveCapacity(length)
                    if buffer.count - start < length, expectsContinue(request) { return .continueExpected }
                case .chunked:
                    state = .chunkSize
                    if start == buffer.count, expectsContinue(request) { return .continueExpected }
                }
            case .fixedBody(let remaining):
                let take = min(remaining, buffer.count - start)
                pending?.body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                if take < remaining {
                    state = .fixedBody(remaining: remaining - take)
                    return nil
                }
                return .request(finishRequest())
            case .chunkSize:
                guard let line = try takeLine(maximum: 1024, what: "chunk size line") else { return nil }
                let size = try chunkSize(line)
                if size == 0 {
                    state = .trailer(bytes: 0)
                } else {
                    guard size <= limits.bodyBytes - (pending?.body.count ?? 0) else { throw tooLarge() }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let take = min(remaining, buffer.count - start)
                pending?.body.append(contentsOf: buffer[start..<(start + take)])
                start += take
                if take < remaining {
                    state = .chunkData(remaining: remaining - take)
                    return nil
                }
                state = .chunkEnd
            case .chunkEnd:
                guard let line = try takeLine(maximum: 2, what: "chunk") else { return nil }
                guard line.isEmpty else { throw HTTPParseError(400, "Chunk data is not followed by CRLF") }
                state = .chunkSize
            case .trailer(let bytes):
                let room = limits.headerBytes - bytes
                let tooLarge = HTTPParseError(431, "The chunked trailer is larger than \(limits.headerBytes) bytes")
                guard let line = try takeLine(maximum: max(room, 2), what: "trailer", tooLong: tooLarge) else {
                    return nil
                }
                if line.isEmpty { return .request(finishRequest()) }
                _ = try HTTPHead.parseField(line, what: "trailer")  // checked as a header field, then dropped
                state = .trailer(bytes: bytes + line.count + 2)
            }
        }
    }

    private mutating func finishRequest() -> HTTPRequest {
        state = .head
        defer { pending = nil }
        return pending!
    }

    private func expectsContinue(_ request: HTTPRequest) -> Bool {
        request.minorVersion >= 1 && request.headers.tokens("expect").contains("100-continue")
    }

    private func tooLarge() -> HTTPParseError { HTTPHead.tooLarge(limits.bodyBytes) }

    // MARK: Lines

    /// Takes one line ending in LF (an optional CR before it is dropped); `nil` if incomplete.
    private mutating func takeLine(
        maximum: Int, what: String, tooLong: HTTPParseError? = nil
    ) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let end = min(buffer.count, start + maximum + 2)
        guard let newline = buffer[start..<end].firstIndex(of: 10) else {
            if end - start >= maximum + 2 { throw tooLong ?? HTTPParseError(400, "The \(what) is too long") }
            return nil
        }
        var line = buffer[start..<newline]
        if line.last == 13 { line = line.dropLast() }
        start = newline + 1
        if line.contains(13) { throw HTTPParseError(400, "A bare CR in the \(what)") }
        return line
    }

    private func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = hexValue(line[index]) {
            digits += 1
            guard digits <= 15 else { throw tooLarge() }
            size = size * 16 + digit
            index += 1
        }
        guard digits > 0 else { throw HTTPParseError(400, "A chunk size is not a hexadecimal number") }
        while index < line.endIndex, line[index] == 32 || line[index] == 9 { index += 1 }
        guard index == line.endIndex || line[index] == 59 else {  // `;` starts an extension
            throw HTTPParseError(400, "A chunk size is not a hexadecimal number")
        }
        return size
    }

    private func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte - 48)
        case 65...70: Int(byte - 55)
        case 97...102: Int(byte - 87)
        default: nil
        }
    }

    // MARK: Head

    private mutating func parseHead() throws(HTTPParseError) -> (HTTPRequest, HTTPHead.Framing)? {
        // Empty lines before a request are ignored (RFC 9112 §2.2).
        while start < buffer.count, buffer[start] == 13 || buffer[start] == 10 {
            if buffer[start] == 13 {
                guard start + 1 < buffer.count else { return nil }
                guard buffer[start + 1] == 10 else { throw HTTPParseError(400, "A bare CR before the request line") }
            }
            start += 1
        }
        scanFrom = max(scanFrom, start)
        guard let end = findHeadEnd() else {
            // The head's last LF may be one of the last two bytes with its empty line still to
            // come: only past limit + 2 bytes is it sure to be too large, whatever the chunking.
            if buffer.count - start > limits.headerBytes + 2 { throw headTooLarge(upTo: buffer.count) }
            scanFrom = max(start, buffer.count - 3)
            return nil
        }
        if end.headEnd - start > limits.headerBytes { throw headTooLarge(upTo: end.headEnd) }
        let head = buffer[start..<end.headEnd]
        start = end.next
        scanFrom = start
        return try HTTPHead.parse(head, bodyLimit: limits.bodyBytes)
    }

    private func headTooLarge(upTo end: Int) -> HTTPParseError {
        let limit = min(end, start + limits.headerBytes)
        if buffer[start..<limit].firstIndex(of: 10) == nil {
            return HTTPParseError(414, "The request line is longer than \(limits.headerBytes) bytes")
        }
        return HTTPParseError(431, "The request header fields are larger than \(limits.headerBytes) bytes")
    }

    /// The end of the head (the LF of its last line, exclusive) and where the body starts.
    private func findHeadEnd() -> (headEnd: Int, next: Int)? {
        var index = scanFrom
        while let newline = buffer[index...].firstIndex(of: 10) {
            let after = newline + 1
            if after < buffer.count, buffer[after] == 10 { return (newline, after + 1) }
            if after + 1 < buffer.count, buffer[after] == 13, buffer[after + 1] == 10 { return (newline, after + 2) }
            if after + 1 >= buffer.count { return nil }
            index = after
        }
        return nil
    }

}

/// `tchar` of RFC 9110: letters, digits and `!#$%&'*+-.^_`|~`.
func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 48...57, 65...90, 97...122: true
    case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126: true
    default: false
    }
}
