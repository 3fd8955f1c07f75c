import NitroTasks
import NitroTasksRoutes
import NitroJSON

/// A response to send: status, extra header fields and body. `Content-Length` and `Connection`
/// are added when it is serialised.
package struct HTTPResponse: Sendable, Equatable {
    package var status: Int
    package var headers: HTTPHeaders
    package var body: [UInt8]

    package init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response (compact JSON, `Content-Type: application/json`).
    package static func json(_ value: JSONValue, status: Int = 200, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers.add("content-type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: Array(JSONWriter.compact(value).utf8))
    }

    /// The error shape of the development server: `{"status": N, "message": "…"}`.
    package static func error(_ status: Int, _ message: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        json(["status": .number(Double(status)), "message": .string(message)], status: status, headers: headers)
    }

    /// The bytes on the wire. `keepAlive: false` adds `Connection: close`; `includeBody: false`
    /// (for `HEAD`) keeps the `Content-Length` but sends no body.
    package func serialized(keepAlive: Bool, includeBody: Bool = true) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n"
        for (name, value) in headers.fields { head += "\(name): \(value)\r\n" }
        head += "content-length: \(body.count)\r\n"
        if !keepAlive { head += "connection: close\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes.append(contentsOf: body) }
        return bytes
    }

    /// The standard reason phrase of a status code.
    package static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 204: "No Content"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: status < 400 ? "OK" : (status < 500 ? "Client Error" : "Server Error")
        }
    }
}
