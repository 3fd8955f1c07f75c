import Foundation

/// The route the generated Cloudflare Worker calls when a Cron Trigger fires
/// (`POST /_nitro/cloudflare/scheduled`), independent of any web framework.
///
/// `nitro build --preset cloudflare_module` with `cloudflare.container` writes a Worker whose
/// `scheduled(controller, env, ctx)` posts `{"cron": controller.cron, "scheduledTime":
/// controller.scheduledTime}` to this route in the app's container, with
/// `Authorization: Bearer <secret>`; the Worker hands the container the same secret as the
/// environment variable `NITRO_SCHEDULED_SECRET`. Hand the request's method, header fields and
/// body to ``handle(method:headerFields:body:)`` and send back the status and JSON body:
/// ```swift
/// let route = CloudflareScheduledRoute(runner: runner)
/// let response = await route.handle(method: request.method, headerFields: request.headers, body: request.body)
/// // reply with response.status and JSONWriter.compact(response.body)
/// ```
/// Answers: 200 `{"success": true, "tasks": [...]}`; 500 `{"status", "message", "failed":
/// [{"task", "message"}]}` when tasks failed (the Worker reports them by name and fails the
/// invocation); 404 for a cron no schedule has; 400, 401, 405 for bad requests. Secure by
/// default: without the secret it refuses with 500 and says to set it.
public struct CloudflareScheduledRoute: Sendable {
    /// The path the generated Worker posts to.
    public static let path = "/_nitro/cloudflare/scheduled"
    /// The environment variable holding the secret the Worker and the container share.
    public static let secretVariable = "NITRO_SCHEDULED_SECRET"

    /// A response: status code and JSON body.
    public typealias Response = PlatformRouteResponse

    /// The runner whose registry holds the schedules.
    public let runner: TaskRunner
    /// The expected secret, or `nil` when unset (every call is then refused with 500).
    public let secret: String?
    /// How long to wait, after the tasks returned, for work they passed to `context.waitUntil`
    /// before answering (the Worker keeps the invocation, and so the container, alive until then).
    public let waitUntilLimit: Duration
    private let log: @Sendable (String) -> Void

    /// Creates the route; the secret comes from `NITRO_SCHEDULED_SECRET` in `environment` (a
    /// blank value counts as unset).
    ///
    /// - Parameters:
    ///   - runner: the app's runner.
    ///   - environment: where the secret is read.
    ///   - waitUntilLimit: the longest wait for `waitUntil` work before answering.
    ///   - log: where failed tasks and unknown crons are reported (stderr by default).
    public init(
        runner: TaskRunner, environment: [String: String] = ProcessInfo.processInfo.environment,
        waitUntilLimit: Duration = .seconds(30),
        log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) {
        self.runner = runner
        self.secret = BearerSecret(environment[Self.secretVariable]).value
        self.waitUntilLimit = waitUntilLimit
        self.log = log
    }

    /// Handles one request whose headers come as the list a server read. A repeated
    /// `Authorization` (in any case) is refused with 400.
    ///
    /// - Parameters:
    ///   - method: the HTTP method (the Worker uses `POST`).
    ///   - headerFields: the request's header fields; names are matched case-insensitively.
    ///   - body: the request body, `{"cron": String, "scheduledTime": Number}`.
    public func handle(method: String, headerFields: [(name: String, value: String)], body: [UInt8]) async -> Response {
        let authorization = headerFields.filter { $0.name.lowercased() == "authorization" }
        if authorization.count > 1 {
            return error(400, "The header authorization appears more than once; send it once")
        }
        guard method.uppercased() == "POST" else {
            return error(405, "Method \(method) is not allowed; the Cloudflare Worker posts to \(Self.path)")
        }
        guard let secret else {
            return error(
                500,
                "\(Self.secretVariable) is not set in the container: set the Worker secret (`wrangler secret put \(Self.secretVariable)`), which the generated Worker passes to the container, so that only the Worker can call this route"
            )
        }
        guard BearerSecret(secret).admits(authorization.first?.value ?? "") else {
            return error(401, "Unauthorized")
        }
        guard case .object(let members)? = try? JSONReader.parse(body), case .string(let cron)? = members["cron"],
            let scheduledTime = members["scheduledTime"]?.doubleValue, scheduledTime.isFinite
        else {
            return error(
                400,
                "The body must be {\"cron\": String, \"scheduledTime\": Number} (the Worker's controller.cron and controller.scheduledTime)"
            )
        }
        let work = WorkTracker()
        let log = self.log
        let outcome = await CloudflareScheduled.handle(
            cron: cron, scheduledTime: scheduledTime, runner: runner, waitUntil: work.waitUntil, log: log)
        _ = await work.waitForAll(within: waitUntilLimit)
        guard outcome.matched else {
            return error(404, "No schedule has the cron '\(cron)'; redeploy after 'nitro build --preset cloudflare_module'")
        }
        if !outcome.failures.isEmpty {
            let failed: [JSONValue] = outcome.failures.map { ["task": .string($0.task), "message": .string($0.message)] }
            let names = outcome.failures.map(\.task).joined(separator: ", ")
            return Response(
                status: 500, body: ["status": 500, "message": .string("Task(s) failed: \(names)"), "failed": .array(failed)])
        }
        return Response(status: 200, body: ["success": true, "tasks": .array(outcome.tasks.map { .string($0) })])
    }

    private func error(_ status: Int, _ message: String) -> Response {
        .error(status, message)
    }
}
