import NitroTasks
import NitroTasksRoutes
/// One parsed HTTP/1.x request.
package struct HTTPRequest: Sendable, Equatable {
    /// The method as sent (`GET`); methods are case-sensitive.
    package var method: String
    /// The request target as sent (`/_nitro/tasks/db%3Amigrate?x=1`).
    package var target: String
    /// The path part of the target, still percent-encoded (`/_nitro/tasks/db%3Amigrate`).
    package var path: String
    /// The query part of the target without `?`, still encoded; `nil` when there is no `?`.
    package var query: String?
    /// The authority (`host[:port]`) of an absolute-form target (`http://127.0.0.1:3000/x`);
    /// `nil` for every other form. ``LoopbackPolicy`` checks it as it checks `Host`.
    package var authority: String?
    /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    package var minorVersion: Int
    /// The header fields.
    package var headers: HTTPHeaders
    /// The body, after removing any chunked framing.
    package var body: [UInt8]

    package init(
        method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        let parts = RequestTarget(target)
        self.path = parts.path
        self.query = parts.query
        self.authority = parts.authority
    }

    /// Whether the connection stays open after the response: HTTP/1.1 unless `Connection: close`,
    /// HTTP/1.0 only with `Connection: keep-alive`.
    package var keepAlive: Bool {
        let tokens = headers.tokens("connection")
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }
}
