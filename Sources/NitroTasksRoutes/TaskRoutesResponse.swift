/// The answer of ``TaskRoutes``: a status, header fields (lower-case names) and a body, to copy
/// into the framework's response. Every body is JSON, except the dashboard's page, script and
/// style sheet (``TaskDashboard``), which say their type in `content-type`.
public struct TaskRoutesResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The header fields (`content-type`, `allow` on a 405, and the dashboard's security headers);
    /// the server adds the framing ones.
    public var headers: [(name: String, value: String)]
    /// The body bytes (compact JSON, or the dashboard's HTML, JavaScript or CSS).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header field `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let key = name.lowercased()
        return headers.first { $0.name == key }?.value
    }

    public static func == (left: TaskRoutesResponse, right: TaskRoutesResponse) -> Bool {
        left.status == right.status && left.body == right.body
            && left.headers.elementsEqual(right.headers) { $0.name == $1.name && $0.value == $1.value }
    }
}

import NitroJSON

extension TaskRoutesResponse {
    /// A JSON response (compact JSON, `content-type: application/json; charset=utf-8`).
    package static func json(
        _ value: JSONValue, status: Int = 200, headers: [(name: String, value: String)] = []
    ) -> TaskRoutesResponse {
        TaskRoutesResponse(
            status: status, headers: headers + [("content-type", "application/json; charset=utf-8")],
            body: Array(JSONWriter.compact(value).utf8))
    }

    /// The error shape of the routes: `{"status": N, "message": "…"}`.
    package static func error(
        _ status: Int, _ message: String, headers: [(name: String, value: String)] = []
    ) -> TaskRoutesResponse {
        json(["status": .number(Double(status)), "message": .string(message)], status: status, headers: headers)
    }
}
