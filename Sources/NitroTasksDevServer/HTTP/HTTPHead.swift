import NitroTasks
import NitroTasksRoutes
/// The head of a request (request line and header fields) as a value: parsed from its bytes,
/// with the framing of the body that follows. Pure; used by ``HTTPRequestParser``.
enum HTTPHead {
    /// How the body is delimited.
    enum Framing: Equatable { case none, length(Int), chunked }

    /// Parses a complete head (the bytes before the empty line; line ends LF or CRLF).
    static func parse(_ head: ArraySlice<UInt8>, bodyLimit: Int) throws(HTTPParseError) -> (HTTPRequest, Framing) {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = head.startIndex
        for index in head.indices where head[index] == 10 {
            lines.append(head[lineStart..<index])
            lineStart = index + 1
        }
        lines.append(head[lineStart..<head.endIndex])
        lines = try lines.map { line throws(HTTPParseError) in
            let trimmed = line.last == 13 ? line.dropLast() : line
            if trimmed.contains(13) { throw HTTPParseError(400, "A bare CR in the request head") }
            return trimmed
        }
        let (method, target, minor) = try parseRequestLine(lines[0])
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let (name, value) = try parseField(line)
            headers.add(name, value)
        }
        let request = HTTPRequest(method: method, target: target, minorVersion: minor, headers: headers)
        if minor >= 1 {
            let hosts = headers.values("host")
            if hosts.isEmpty { throw HTTPParseError(400, "An HTTP/1.1 request must have a Host header") }
            if hosts.count > 1 { throw HTTPParseError(400, "The request has several Host headers") }
        }
        return (request, try framing(of: headers, bodyLimit: bodyLimit))
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String, Int) {
        let parts = line.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw HTTPParseError(400, "The request line is not `METHOD TARGET HTTP/1.1`")
        }
        guard parts[0].allSatisfy(isTokenByte) else { throw HTTPParseError(400, "The method is not a token") }
        guard parts[1].allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw HTTPParseError(400, "The request target has characters that must be percent-encoded")
        }
        let target = String(decoding: parts[1], as: UTF8.self)
        let lowered = target.lowercased()
        guard target.hasPrefix("/") || target == "*" || lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw HTTPParseError(400, "The request target must start with `/`")
        }
        let version = Array(parts[2])
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), version[6] == 46,
            (48...57).contains(version[5]), (48...57).contains(version[7])
        else { throw HTTPParseError(400, "The request line does not end with an HTTP version") }
        // HTTP/1.2 and the like do not exist: answered 505, not read as HTTP/1.1 (RFC 9110 §2.5
        // allows either; a development server gains nothing from guessing).
        guard version[5] == 49, version[7] == 48 || version[7] == 49 else {
            throw HTTPParseError(505, "Only HTTP/1.0 and HTTP/1.1 are supported, not \(String(decoding: version, as: UTF8.self))")
        }
        return (String(decoding: parts[0], as: UTF8.self), target, Int(version[7] - 48))
    }

    /// One `name: value` line of the head or of a chunked trailer (`what`: "header" or "trailer").
    static func parseField(_ line: ArraySlice<UInt8>, what: String = "header") throws(HTTPParseError) -> (String, String) {
        guard let first = line.first, first != 32, first != 9 else {
            throw HTTPParseError(400, "Obsolete line folding (a \(what) line starting with whitespace) is not accepted")
        }
        guard let colon = line.firstIndex(of: 58) else { throw HTTPParseError(400, "A \(what) line has no colon") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            throw HTTPParseError(400, "A \(what) name is empty or has characters other than letters, digits and !#$%&'*+-.^_`|~")
        }
        let value = line[(colon + 1)...]
        guard value.allSatisfy({ $0 >= 32 || $0 == 9 }), !value.contains(127) else {
            throw HTTPParseError(400, "A \(what) value has control characters")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self).trimmingHTTPWhitespace())
    }

    private static func framing(of headers: HTTPHeaders, bodyLimit: Int) throws(HTTPParseError) -> Framing {
        let encodings = headers.values("transfer-encoding")
        let lengths = headers.values("content-length")
        // A Transfer-Encoding header counts whatever its value, even empty or `,`: two parsers
        // must never disagree on whether the body is chunked or Content-Length long.
        if !encodings.isEmpty {
            guard lengths.isEmpty else {
                throw HTTPParseError(400, "The request has both Content-Length and Transfer-Encoding")
            }
            let codings = encodings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingHTTPWhitespace().lowercased() }
            guard !codings.contains("") else {
                throw HTTPParseError(400, "Transfer-Encoding has an empty value or an empty list element; send `chunked`")
            }
            guard codings == ["chunked"] else {
                let others = codings.filter { $0 != "chunked" }
                if others.isEmpty { throw HTTPParseError(400, "`chunked` is applied more than once") }
                if codings.last != "chunked" { throw HTTPParseError(400, "The last transfer coding must be `chunked`") }
                throw HTTPParseError(501, "Transfer-Encoding \(others.joined(separator: ", ")) is not supported")
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        var length: Int?
        for element in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let text = element.trimmingHTTPWhitespace()
            guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else {
                throw HTTPParseError(400, "Content-Length is not a number")
            }
            let digits = text.drop { $0 == "0" }
            if digits.count > 15 { throw tooLarge(bodyLimit) }
            let value = Int(digits) ?? 0
            if let length, length != value { throw HTTPParseError(400, "The request has conflicting Content-Length values") }
            length = value
        }
        guard let length else { return .none }
        if length > bodyLimit { throw tooLarge(bodyLimit) }
        return length == 0 ? .none : .length(length)
    }

    static func tooLarge(_ bodyLimit: Int) -> HTTPParseError {
        HTTPParseError(413, "The request body is larger than the limit of \(bodyLimit) bytes")
    }
}
