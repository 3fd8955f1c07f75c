import NitroJSON
import NitroTasks

extension TaskDashboard {
    /// The header fields of every dashboard response: a strict Content-Security-Policy (scripts,
    /// styles and requests from this origin only, no inline script or style, no framing, no form
    /// posts), no MIME sniffing, no referrer and no caching.
    static let securityHeaders: [(name: String, value: String)] = [
        (
            "content-security-policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        ),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ]

    /// The dashboard's routes, for a request that passed the policy of ``TaskRoutes``
    /// (``TaskRoutes/refusal(for:)``), with `path` under ``prefix``:
    ///
    /// - `GET` (or `HEAD`) `~ui` and `~ui/`: the page; `~ui/dashboard.js`, `~ui/dashboard.css`: its
    ///   script and style sheet; `~ui/state.json`: ``state(now:)``.
    /// - `POST ~ui/run` with `Content-Type: application/json` and a body `{"task": NAME,
    ///   "payload": {…}}`: runs the task (trigger ``TaskTrigger/manual``) and answers with its
    ///   status: `{"task", "status", "durationMs", "result"}` or `{"task", "status",
    ///   "durationMs", "message"}`.
    package func route(
        _ method: String, path: String, headers: [(name: String, value: String)], body: [UInt8]
    ) async -> TaskRoutesResponse {
        let rest = path.dropFirst(Self.prefix.count)
        switch rest {
        case "", "/":
            return asset(method, DashboardPage.html, type: "text/html; charset=utf-8")
        case "/dashboard.js":
            return asset(method, DashboardScript.source, type: "text/javascript; charset=utf-8")
        case "/dashboard.css":
            return asset(method, DashboardStyle.source, type: "text/css; charset=utf-8")
        case "/state.json":
            guard method == "GET" || method == "HEAD" else { return Self.methodNotAllowed(method, allowed: "GET, HEAD") }
            return .json(state(now: clock()), headers: Self.securityHeaders)
        case "/run":
            guard method == "POST" else { return Self.methodNotAllowed(method, allowed: "POST") }
            return await run(headers: headers, body: body)
        default:
            return .error(404, "Cannot find any route matching \(method) \(path)", headers: Self.securityHeaders)
        }
    }

    private func asset(_ method: String, _ text: String, type: String) -> TaskRoutesResponse {
        guard method == "GET" || method == "HEAD" else { return Self.methodNotAllowed(method, allowed: "GET, HEAD") }
        return TaskRoutesResponse(status: 200, headers: Self.securityHeaders + [("content-type", type)], body: Array(text.utf8))
    }

    /// `POST ~ui/run`: checks the content type and the body, runs the task, times it.
    private func run(headers: [(name: String, value: String)], body: [UInt8]) async -> TaskRoutesResponse {
        let types = headers.filter { $0.name.lowercased() == "content-type" }.map(\.value)
        guard types.count == 1, Self.isJSON(types[0]) else {
            return .error(
                415, "Send the run as JSON: Content-Type: application/json and a body {\"task\": NAME, \"payload\": {…}}",
                headers: Self.securityHeaders)
        }
        let request: (task: String, payload: TaskPayload)
        do {
            request = try Self.runRequest(body)
        } catch {
            return .error(400, error.message, headers: Self.securityHeaders)
        }
        let clock = ContinuousClock()
        let began = clock.now
        var answer: [String: JSONValue] = ["task": .string(request.task)]
        let status: Int
        do {
            let outcome = try await runner.run(request.task, payload: request.payload, trigger: .manual)
            status = 200
            answer["result"] = outcome.result ?? .null
        } catch let error as TaskError {
            status = (400...599).contains(error.statusCode) ? error.statusCode : 500
            answer["message"] = .string(error.message)
        } catch {
            status = 500
            answer["message"] = .string(String(describing: error))
        }
        answer["status"] = .number(Double(status))
        answer["durationMs"] = .number((clock.now - began).milliseconds)
        return .json(.object(answer), status: status, headers: Self.securityHeaders)
    }

    /// Whether a `Content-Type` value is `application/json`, with parameters or not.
    static func isJSON(_ value: String) -> Bool {
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return type.trimmingSpaces.lowercased() == "application/json"
    }

    /// Reads `{"task": NAME, "payload": {…}}` (`payload` optional).
    ///
    /// - Throws: ``TaskError`` (400) saying what is wrong with the body.
    static func runRequest(_ body: [UInt8]) throws(TaskError) -> (task: String, payload: TaskPayload) {
        let members = try TaskRoutes.jsonObject(body, example: "{\"task\": NAME, \"payload\": {…}}")
        guard case .string(let task)? = members["task"], !task.isEmpty else {
            throw TaskError(statusCode: 400, message: "The request body needs `task`, the name of the task to run, as a string")
        }
        switch members["payload"] {
        case nil, .null?: return (task, TaskPayload())
        case .object(let payload)?: return (task, TaskPayload(payload))
        case let other?:
            throw TaskError(statusCode: 400, message: "`payload` must be a JSON object, not \(other.kindDescription)")
        }
    }

    static func methodNotAllowed(_ method: String, allowed: String) -> TaskRoutesResponse {
        .error(405, "Method \(method) is not allowed here; use \(allowed)", headers: securityHeaders + [("allow", allowed)])
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
