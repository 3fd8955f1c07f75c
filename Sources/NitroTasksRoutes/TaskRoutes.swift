import NitroJSON
import NitroTasks

/// The task routes of the development server as a plain function from a request to a response,
/// for any server framework to mount in its own router (in development):
///
/// - `GET /_nitro/tasks`: every task with its description, and the schedules:
///   `{"tasks": {NAME: {"description": …}}, "scheduledTasks": [{"cron": …, "tasks": […]}]}`.
/// - `GET` or `POST /_nitro/tasks/NAME`: runs `NAME` (percent-decoded) with the query parameters
///   as payload, overridden by the members of the JSON body's `payload` object; answers
///   `{"result": …}`.
/// - `/_nitro/tasks/~ui` and below: the tasks dashboard (``TaskDashboard``), a page for people
///   that lists the tasks and schedules and runs tasks by `POST` with a JSON body only.
///
/// Before routing, it applies the development server's policy: the peer must be a loopback
/// address (``RemoteAddressPolicy``), every `Host` (and an absolute-form target's authority) must
/// name this machine, and no browser header may say the request comes from another site
/// (`Sec-Fetch-Site`, `Origin`); otherwise 403. The built-in `DevServer` answers through this same
/// type, so both behave identically. Every error is JSON `{"status": N, "message": "…"}`.
///
/// ```swift
/// let routes = TaskRoutes(runner: TaskRunner.bootstrap(.generated))
/// let response = await routes.respond(to: TaskRoutesRequest(
///     method: "GET", target: "/_nitro/tasks", headers: [("Host", "localhost")], remoteAddress: "127.0.0.1"))
/// // response.status == 200, response.body is the JSON listing
/// ```
public struct TaskRoutes: Sendable {
    /// Which peers are served.
    public enum RemoteAddressPolicy: Sendable, Hashable {
        /// Only loopback peers; an unknown address (`nil`) is refused. The default.
        case loopbackOnly
        /// Loopback peers, and requests whose address the framework does not know (a Unix socket).
        case loopbackOrUnknown
        /// Every peer, loopback or not: only behind a proxy that itself admits only this machine.
        /// The `Host` and cross-site checks still apply.
        case any
    }

    /// The path prefix of the routes (`/_nitro/tasks`).
    public static let prefix = "/_nitro/tasks"

    /// The runner whose tasks it serves.
    public let runner: TaskRunner
    /// The context every run receives (the built-in server passes its `waitUntil`).
    public let context: TaskContext
    /// Which peers are served; default ``RemoteAddressPolicy/loopbackOnly``.
    public let remoteAddressPolicy: RemoteAddressPolicy
    /// The dashboard served under ``TaskDashboard/prefix``; `nil` when it is off (404).
    public let dashboard: TaskDashboard?

    /// Creates the routes of `runner`'s tasks, with a dashboard of its own.
    ///
    /// Create them once per runner: the dashboard observes the runner's runs from its creation.
    public init(runner: TaskRunner, context: TaskContext = TaskContext(), remoteAddressPolicy: RemoteAddressPolicy = .loopbackOnly) {
        self.init(runner: runner, context: context, remoteAddressPolicy: remoteAddressPolicy, dashboard: TaskDashboard(runner: runner))
    }

    /// Creates the routes of `runner`'s tasks with the given dashboard, or none (`nil`).
    public init(
        runner: TaskRunner, context: TaskContext = TaskContext(), remoteAddressPolicy: RemoteAddressPolicy = .loopbackOnly,
        dashboard: TaskDashboard?
    ) {
        self.runner = runner
        self.context = context
        self.remoteAddressPolicy = remoteAddressPolicy
        self.dashboard = dashboard
    }

    /// Whether `path` (percent-encoded, without query) is one of these routes: `/_nitro/tasks`
    /// or below it. A framework can mount the handler on that prefix and send it everything under it.
    public static func matches(path: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + "/")
    }

    /// The response to `request`: 403 when the policy refuses it, else the route's answer.
    public func respond(to request: TaskRoutesRequest) async -> TaskRoutesResponse {
        if let refusal = refusal(for: request) { return .error(403, refusal) }
        return await route(request.method, path: request.path, query: request.query, headers: request.headers, body: request.body)
    }

    /// Why `request` is refused (the 403 message), or `nil` when it may be served.
    public func refusal(for request: TaskRoutesRequest) -> String? {
        switch (remoteAddressPolicy, request.remoteAddress) {
        case (.any, _), (.loopbackOrUnknown, nil):
            break
        case (_, let address?) where RemoteAddress.isLoopback(address):
            break
        case (_, nil):
            return "The task routes only answer requests from this machine, and the address of this peer is unknown "
                + "(pass the framework's remote address, or use TaskRoutes(remoteAddressPolicy: .loopbackOrUnknown))"
        case (_, .some):
            return "The development server only answers requests from this machine (a loopback address)"
        }
        return LoopbackPolicy.refusal(for: request)
    }

    /// The routing alone, with no policy: what a request that passed ``refusal(for:)`` gets.
    package func route(
        _ method: String, path: String, query: String?, headers: [(name: String, value: String)] = [], body: [UInt8]
    ) async -> TaskRoutesResponse {
        if TaskDashboard.matches(path: path) {
            guard let dashboard else { return .error(404, "The tasks dashboard is off for these routes") }
            return await dashboard.route(method, path: path, headers: headers, body: body)
        }
        if path == Self.prefix || path == Self.prefix + "/" {
            guard method == "GET" || method == "HEAD" else {
                return methodNotAllowed(method, allowed: "GET, HEAD")
            }
            return .json(Self.listing(runner.registry))
        }
        guard path.hasPrefix(Self.prefix + "/") else {
            return .error(404, "Cannot find any route matching \(method) \(path)")
        }
        guard method == "GET" || method == "POST" else {
            return methodNotAllowed(method, allowed: "GET, POST")
        }
        let encodedName = path.dropFirst(Self.prefix.count + 1)
        guard let name = PercentDecoding.decode(encodedName) else {
            return .error(400, "The task name `\(encodedName)` is not valid percent-encoded UTF-8")
        }
        do {
            let payload = try Self.payload(query: query, body: body)
            let outcome = try await runner.run(name, payload: payload, context: context, trigger: .http)
            return .json(outcome.json)
        } catch let error as TaskError {
            let status = (400...599).contains(error.statusCode) ? error.statusCode : 500
            return .error(status, error.message)
        } catch {
            return .error(500, String(describing: error))
        }
    }

    /// The body of `GET /_nitro/tasks`.
    package static func listing(_ registry: TaskRegistry) -> JSONValue {
        var tasks: [String: JSONValue] = [:]
        for entry in registry.entries {
            tasks[entry.name] = entry.description.map { ["description": .string($0)] } ?? .object([:])
        }
        let schedules = registry.scheduledTasks.map { schedule -> JSONValue in
            ["cron": .string(schedule.cron), "tasks": .array(schedule.tasks.map(JSONValue.string))]
        }
        return ["tasks": .object(tasks), "scheduledTasks": .array(schedules)]
    }

    /// The run's payload: the query parameters, then the members of the body's `payload` object.
    ///
    /// - Throws: ``TaskError`` with status 400 for an invalid query, a body that is not a JSON
    ///   object, or a `payload` that is not an object.
    package static func payload(query: String?, body: [UInt8]) throws(TaskError) -> TaskPayload {
        var payload: TaskPayload
        do {
            payload = try QueryString.payload(query)
        } catch {
            throw TaskError(statusCode: 400, message: "The query parameter `\(error.pair)` is not valid percent-encoded UTF-8")
        }
        let body = body.drop { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        guard !body.isEmpty else { return payload }
        let members = try Self.jsonObject(body, example: "such as {\"payload\": {…}}")
        switch members["payload"] {
        case nil, .null?:
            break
        case .object(let overrides)?:
            payload.merge(overrides) { _, body in body }
        case let other?:
            throw TaskError(statusCode: 400, message: "`payload` in the request body must be a JSON object, not \(other.kindDescription)")
        }
        return payload
    }

    private func methodNotAllowed(_ method: String, allowed: String) -> TaskRoutesResponse {
        .error(405, "Method \(method) is not allowed here; use \(allowed)", headers: [("allow", allowed)])
    }

    /// A request body that must be a JSON object; 400 saying what is wrong otherwise. `example`
    /// follows "a JSON object" in the message.
    static func jsonObject(_ body: some Collection<UInt8>, example: String) throws(TaskError) -> [String: JSONValue] {
        let json: JSONValue
        do {
            json = try JSONReader.parse(Array(body))
        } catch {
            throw TaskError(statusCode: 400, message: "The request body is not valid JSON: \(error)")
        }
        guard case .object(let members) = json else {
            throw TaskError(statusCode: 400, message: "The request body must be a JSON object \(example), not \(json.kindDescription)")
        }
        return members
    }
}
