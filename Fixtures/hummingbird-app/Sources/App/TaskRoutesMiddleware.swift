import HTTPTypes
import Hummingbird
import NitroTasks
import NitroTasksRoutes

/// Serves NitroTasks' task routes (`/_nitro/tasks…`) from Hummingbird; every other request goes
/// on to the app's own routes. `TaskRoutes` applies the loopback and cross-site policy, so it gets
/// the real peer address from the context.
struct TaskRoutesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: TaskRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard TaskRoutes.matches(path: request.uri.path) else {
            return try await next(request, context)
        }
        let body = try await request.body.collect(upTo: 1 << 20)
        let answer = await routes.respond(
            to: TaskRoutesRequest(
                method: request.method.rawValue,
                target: request.uri.description,
                headers: request.headers.map { ($0.name.rawName, $0.value) },
                body: Array(body.readableBytesView),
                remoteAddress: context.remoteAddress))
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { headers.append(HTTPField(name: name, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
