import NitroTasks
import NitroTasksRoutes

extension HTTPRequest {
    /// The request as ``TaskRoutes`` takes it, from the peer at `remoteAddress`.
    package func routesRequest(remoteAddress: String?) -> TaskRoutesRequest {
        TaskRoutesRequest(
            method: method, target: target, headers: headers.fields.map { ($0.name, $0.value) }, body: body,
            remoteAddress: remoteAddress)
    }
}

extension HTTPResponse {
    /// The response ``TaskRoutes`` computed, to serialise.
    package init(_ response: TaskRoutesResponse) {
        self.init(status: response.status, headers: HTTPHeaders(response.headers.map { ($0.name, $0.value) }), body: response.body)
    }
}

extension TaskRoutes {
    /// The routing alone for a parsed request (no peer or header policy): what the server does once
    /// a request passed ``TaskRoutes/refusal(for:)``.
    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        HTTPResponse(
            await route(
                request.method, path: request.path, query: request.query,
                headers: request.headers.fields.map { ($0.name, $0.value) }, body: request.body))
    }
}

extension LoopbackPolicy {
    /// The header policy for a parsed request (``refusal(for:)`` of its ``TaskRoutesRequest``).
    package static func refusal(for request: HTTPRequest) -> String? {
        refusal(for: request.routesRequest(remoteAddress: nil))
    }
}
