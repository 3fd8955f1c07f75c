import Hummingbird
import NitroTasks

/// The Vercel Cron Jobs route: hands the method and header fields to `VercelCronHandler`
/// (which checks `Authorization: Bearer $CRON_SECRET` and runs the schedule's tasks).
struct VercelCronRoute: Sendable {
    let handler: VercelCronHandler

    func respond(_ request: Request, context: AppRequestContext) async -> Response {
        let answer = await handler.handle(
            method: request.method.rawValue, headerFields: request.headers.map { ($0.name.rawName, $0.value) })
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: JSONWriter.compact(answer.body))))
    }
}
