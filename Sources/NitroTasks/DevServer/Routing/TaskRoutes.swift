import NitroJSON

/// The development server's routes, as a function from a request to a response:
///
/// - `GET /_nitro/tasks`: every task with its description, and the schedules.
/// - `GET` or `POST /_nitro/tasks/NAME`: runs `NAME` (percent-decoded) with the query parameters
///   as payload, overridden by the members of the JSON body's `payload` object.
///
/// Every error is JSON: `{"status": N, "message": "…"}`.
package struct TaskRoutes: Sendable {
    /// The path prefix of the routes.
    package static let prefix = "/_nitro/tasks"

    package let runner: TaskRunner
    /// The context every run receives (the server's `waitUntil`).
    package let context: TaskContext

    package init(runner: TaskRunner, context: TaskContext = TaskContext()) {
        self.runner = runner
        self.context = context
    }

    /// The response to `request`.
    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        if path == Self.prefix || path == Self.prefix + "/" {
            guard request.method == "GET" || request.method == "HEAD" else {
                return methodNotAllowed(request.method, allowed: "GET, HEAD")
            }
            return .json(Self.listing(runner.registry))
        }
        guard path.hasPrefix(Self.prefix + "/") else {
            return .error(404, "Cannot find any route matching \(request.method) \(path)")
        }
        guard request.method == "GET" || request.method == "POST" else {
            return methodNotAllowed(request.method, allowed: "GET, POST")
        }
        let encodedName = path.dropFirst(Self.prefix.count + 1)
        guard let name = PercentDecoding.decode(encodedName) else {
            return .error(400, "The task name `\(encodedName)` is not valid percent-encoded UTF-8")
        }
        do {
            let payload = try Self.payload(of: request)
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
    package static func payload(of request: HTTPRequest) throws(TaskError) -> TaskPayload {
        var payload: TaskPayload
        do {
            payload = try QueryString.payload(request.query)
        } catch {
            throw TaskError(statusCode: 400, message: "The query parameter `\(error.pair)` is not valid percent-encoded UTF-8")
        }
        let body = request.body.drop { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        guard !body.isEmpty else { return payload }
        let json: JSONValue
        do {
            json = try JSONReader.parse(body)
        } catch {
            throw TaskError(statusCode: 400, message: "The request body is not valid JSON: \(error)")
        }
        guard case .object(let members) = json else {
            throw TaskError(
                statusCode: 400,
                message: "The request body must be a JSON object such as {\"payload\": {…}}, not \(json.kindDescription)")
        }
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

    private func methodNotAllowed(_ method: String, allowed: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("allow", allowed)
        return .error(405, "Method \(method) is not allowed here; use \(allowed)", headers: headers)
    }
}
