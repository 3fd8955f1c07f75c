import NitroTasks
import Vapor

/// The Vercel Cron Jobs route: hands the method and header fields to `VercelCronHandler`
/// (which checks `Authorization: Bearer $CRON_SECRET` and runs the schedule's tasks).
struct VercelCronRoute: Sendable {
    let handler: VercelCronHandler

    func respond(_ request: Request) async -> Response {
        let answer = await handler.handle(
            method: request.method.rawValue, headerFields: request.headers.map { ($0.name, $0.value) })
        return Response(
            status: HTTPResponseStatus(statusCode: answer.status),
            headers: ["content-type": "application/json; charset=utf-8"],
            body: Response.Body(string: JSONWriter.compact(answer.body)))
    }
}
