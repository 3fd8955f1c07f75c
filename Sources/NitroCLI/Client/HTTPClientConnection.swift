import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking HTTP/1.1 client connection over TCP, kept alive across requests.
///
/// Small on purpose: `http://` only, requests with a `Content-Length` body, responses framed by
/// `Content-Length`, chunked coding or the end of the connection. Every wait is bounded by the
/// timeout. Use it from a thread that may block (see ``HTTPClient``), never from a cooperative
/// thread that a server in the same process needs.
package final class HTTPClientConnection {
    /// A response: status, lower-cased header fields and body.
    package struct Response: Sendable, Equatable {
        package var status: Int
        package var headers: [String: String]
        package var body: [UInt8]
    }

    package let endpoint: HTTPEndpoint
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0

    /// Connects, waiting at most `timeout` seconds.
    /// - Throws: ``HTTPClientError/cannotConnect(_:_:)`` when nothing listens or the host is unknown.
    package init(_ endpoint: HTTPEndpoint, timeout: Double = 30) throws(HTTPClientError) {
        self.endpoint = endpoint
        self.fd = try Self.connect(endpoint, timeout: timeout)
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends a request for `path` (which includes the endpoint's base path) and reads the response.
    package func request(_ method: String, _ target: String, body: [UInt8]? = nil, headers: [(String, String)] = [])
        throws(HTTPClientError) -> Response
    {
        try send(Self.serialize(method, target, host: endpoint.hostHeader, body: body, headers: headers))
        return try readResponse(method: method)
    }

    /// The bytes of a request.
    package static func serialize(
        _ method: String, _ target: String, host: String, body: [UInt8]?, headers: [(String, String)] = []
    ) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: nitro\r\nAccept: application/json\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        } else if method == "POST" || method == "PUT" {
            head += "Content-Length: 0\r\n"
        }
        var bytes = Array((head + "\r\n").utf8)
        if let body { bytes += body }
        return bytes
    }

    /// Sends raw bytes.
    package func send(_ bytes: [UInt8]) throws(HTTPClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                #if os(Linux)
                    Glibc.send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                #else
                    Darwin.send(fd, buffer.baseAddress! + offset, buffer.count - offset, 0)
                #endif
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw .connectionLost(endpoint.description, Self.errorText()) }
            offset += sent
        }
    }

    /// Reads one response.
    package func readResponse(method: String = "GET") throws(HTTPClientError) -> Response {
        let headEnd = try readUntilHeadEnd()
        let head = String(decoding: buffer[start..<headEnd], as: UTF8.self)
        start = headEnd + 4
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw .malformedResponse(endpoint.description, "the status line is `\(statusLine.joined(separator: " "))`")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingSpaces()
        }
        if (100..<200).contains(status) { return try readResponse(method: method) }
        let body: [UInt8]
        if method == "HEAD" || status == 204 || status == 304 {
            body = []
        } else if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try readChunked()
        } else if let text = headers["content-length"] {
            guard let length = Int(text), length >= 0 else {
                throw .malformedResponse(endpoint.description, "Content-Length is `\(text)`")
            }
            body = try readExactly(length)
        } else {
            body = try readToEnd()
        }
        compact()
        return Response(status: status, headers: headers, body: body)
    }

    // MARK: Reading

    private func fill() throws(HTTPClientError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { throw .timedOut(endpoint.description) }
                throw .connectionLost(endpoint.description, Self.errorText())
            }
            if count == 0 { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    private func readUntilHeadEnd() throws(HTTPClientError) -> Int {
        var searchFrom = start
        while true {
            if buffer.count - start >= 4 {
                var index = searchFrom
                while index + 3 < buffer.count {
                    if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                        return index
                    }
                    index += 1
                }
                searchFrom = max(start, buffer.count - 3)
            }
            if buffer.count - start > 64 * 1024 { throw .malformedResponse(endpoint.description, "the response head is too large") }
            guard try fill() else { throw .connectionLost(endpoint.description, "the server closed the connection without answering") }
        }
    }

    private func readExactly(_ count: Int) throws(HTTPClientError) -> [UInt8] {
        while buffer.count - start < count {
            guard try fill() else { throw .connectionLost(endpoint.description, "the response body was cut short") }
        }
        defer { start += count }
        return Array(buffer[start..<(start + count)])
    }

    private func readLine() throws(HTTPClientError) -> String {
        while true {
            if let newline = buffer[start...].firstIndex(of: 10) {
                var line = buffer[start..<newline]
                if line.last == 13 { line = line.dropLast() }
                start = newline + 1
                return String(decoding: line, as: UTF8.self)
            }
            guard try fill() else { throw .connectionLost(endpoint.description, "the response body was cut short") }
        }
    }

    private func readChunked() throws(HTTPClientError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine()
            let digits = line.prefix { $0.isHexDigit }
            guard let size = Int(digits, radix: 16) else {
                throw .malformedResponse(endpoint.description, "a chunk size is `\(line)`")
            }
            if size == 0 {
                while try !readLine().isEmpty {}
                return body
            }
            body += try readExactly(size)
            _ = try readLine()
        }
    }

    private func readToEnd() throws(HTTPClientError) -> [UInt8] {
        while try fill() {}
        defer { start = buffer.count }
        return Array(buffer[start...])
    }

    private func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
    }

    // MARK: Connecting

    private static func connect(_ endpoint: HTTPEndpoint, timeout: Double) throws(HTTPClientError) -> Int32 {
        do {
            let fd = try TCPConnector.connect(host: endpoint.host, port: endpoint.port, timeout: timeout)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) & ~O_NONBLOCK)
            return fd
        } catch {
            throw .cannotConnect(endpoint.description, error.reason)
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
