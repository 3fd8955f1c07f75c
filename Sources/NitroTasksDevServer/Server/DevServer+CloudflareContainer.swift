import Foundation
import NitroJSON
import NitroTasks

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension DevServer {
    /// Serves the app in a Cloudflare Container, behind the Worker `nitro build` writes
    /// (`cloudflare.container`): the same event loop as the development server with another
    /// route table, and no loopback policy, because the Worker reaches the container over
    /// Cloudflare's network. The task routes (`/_nitro/tasks`) are not served.
    ///
    /// Routes:
    /// - `POST /_nitro/cloudflare/scheduled`: ``NitroTasks/CloudflareScheduledRoute`` (a Cron
    ///   Trigger, authenticated with the shared secret `NITRO_SCHEDULED_SECRET`).
    /// - `GET /`: `{"status": "ok"}`, so the Worker's `fetch` (and a health check) gets an answer.
    /// - anything else: 404.
    ///
    /// Settings from `environment`: `PORT` (default 8080, the Worker's `defaultPort`) and `HOST`
    /// (default `0.0.0.0`). Runs until the calling task is cancelled, then stops gracefully.
    /// Every request and every finished task run is one line on standard error (the container's
    /// log), such as `[cloudflare container] task cms:update succeeded (cloudflare, scheduledTime
    /// 1830486600000)`.
    ///
    /// - Throws: ``DevServerError`` when a setting is invalid or the address cannot be bound.
    public static func serveCloudflareContainer(runner: TaskRunner, environment: [String: String]) async throws(DevServerError) {
        let portText = environment["PORT"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw .invalidConfiguration("PORT must be a port number from 0 to 65535, not `\(portText)`.")
        }
        let host = environment["HOST"] ?? "0.0.0.0"
        let route = CloudflareScheduledRoute(
            runner: runner, environment: environment, log: { printToStandardError("[cloudflare container] \($0)") })
        if route.secret == nil {
            printToStandardError(
                "[cloudflare container] warning: \(CloudflareScheduledRoute.secretVariable) is not set: the scheduled route refuses every call (500)"
            )
        }
        runner.addObserver { event in
            if let line = runLine(event) { printToStandardError("[cloudflare container] \(line)") }
        }
        let configuration = Configuration(
            host: host, port: port, infoFile: nil, log: { printToStandardError("[cloudflare container] \($0)") })
        let server = DevServer(
            runner: runner, configuration: configuration, usePoll: false,
            routes: { request in await containerResponse(request, route: route) })
        let bound = try server.start()
        printToStandardError("[cloudflare container] Listening on \(host):\(bound)")
        try await server.run()
        printToStandardError("[cloudflare container] Stopped")
    }

    /// The log line of a finished run, `nil` for other events.
    static func runLine(_ event: TaskRunEvent) -> String? {
        let outcome: String
        switch event.kind {
        case .succeeded: outcome = "succeeded"
        case .failed(let error, _): outcome = "failed: \(error)"
        case .started, .joined: return nil
        }
        let time = event.scheduledTime.map { ", scheduledTime \(Int64(($0.timeIntervalSince1970 * 1000).rounded()))" } ?? ""
        return "task \(event.task) \(outcome) (\(event.trigger)\(time))"
    }

    /// The container's route table.
    static func containerResponse(_ request: HTTPRequest, route: CloudflareScheduledRoute) async -> HTTPResponse {
        switch request.path {
        case CloudflareScheduledRoute.path:
            let response = await route.handle(
                method: request.method, headerFields: request.headers.fields, body: request.body)
            return .json(response.body, status: response.status)
        case "/" where request.method == "GET" || request.method == "HEAD":
            return .json(["status": "ok"])
        default:
            return .error(404, "Not found: this container serves POST \(CloudflareScheduledRoute.path) and GET /")
        }
    }
}
