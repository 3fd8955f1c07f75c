import NitroTasks
import NitroTasksRoutes
import Vapor

/// Serves NitroTasks' task routes (`/_nitro/tasks…`) from Vapor; every other request goes on to
/// the app's own routes. `TaskRoutes` applies the loopback and cross-site policy, so it gets the
/// real peer address (`request.remoteAddress`, not `X-Forwarded-For`).
struct TaskRoutesMiddleware: AsyncMiddleware {
    let routes: TaskRoutes

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard TaskRoutes.matches(path: request.url.path) else {
            return try await next.respond(to: request)
        }
        let body = try await request.body.collect(max: 1 << 20).get()
        let answer = await routes.respond(
            to: TaskRoutesRequest(
                method: request.method.rawValue,
                target: request.url.string,
                headers: request.headers.map { ($0.name, $0.value) },
                body: body.map { Array($0.readableBytesView) } ?? [],
                remoteAddress: request.remoteAddress?.ipAddress))
        return Response(
            status: HTTPResponseStatus(statusCode: answer.status),
            headers: HTTPHeaders(answer.headers.map { ($0.name, $0.value) }),
            body: Response.Body(buffer: ByteBuffer(bytes: answer.body)))
    }
}
