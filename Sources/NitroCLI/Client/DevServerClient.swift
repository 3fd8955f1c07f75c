import NitroSync
import NitroJSON
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes

/// Talks to a development server's `/_nitro/tasks` routes.
package struct DevServerClient: Sendable {
    package let endpoint: HTTPEndpoint
    /// Seconds to wait for the connection and for each answer.
    package var timeout: Double

    package init(endpoint: HTTPEndpoint, timeout: Double = 30) {
        self.endpoint = endpoint
        self.timeout = timeout
    }

    /// `GET /_nitro/tasks`.
    package func listTasks() async throws(HTTPClientError) -> HTTPClientConnection.Response {
        try await perform("GET", "/_nitro/tasks", body: nil)
    }

    /// `POST /_nitro/tasks/NAME` (NAME percent-encoded), with `{"payload": …}` as body when a
    /// payload is given and no body otherwise.
    package func run(_ name: String, payload: TaskPayload?) async throws(HTTPClientError) -> HTTPClientConnection.Response {
        let body = payload.map { Array(JSONWriter.compact(["payload": $0.json]).utf8) }
        return try await perform("POST", "/_nitro/tasks/" + PercentDecoding.encode(name), body: body)
    }

    private func perform(_ method: String, _ path: String, body: [UInt8]?) async throws(HTTPClientError)
        -> HTTPClientConnection.Response
    {
        let endpoint = endpoint
        let timeout = timeout
        return try await offThread { () throws(HTTPClientError) -> HTTPClientConnection.Response in
            let connection = try HTTPClientConnection(endpoint, timeout: timeout)
            return try connection.request(method, endpoint.basePath + path, body: body, headers: [("Connection", "close")])
        }
    }
}
