import Foundation
import NitroCron

/// The Vercel Cron Jobs route (`/_vercel/cron` by default), independent of any web framework.
///
/// Vercel calls the route with `GET`, `Authorization: Bearer $CRON_SECRET` when the project has a
/// `CRON_SECRET` environment variable, and the header `x-vercel-cron-schedule` holding the
/// schedule string from `.vercel/output/config.json`. Hand the request's method and headers to
/// ``handle(method:headers:now:)`` and send back the status and JSON body:
/// ```swift
/// let handler = VercelCronHandler(runner: runner)
/// let response = await handler.handle(method: request.method, headers: request.headers)
/// // reply with response.status and JSONWriter.compact(response.body)
/// ```
/// Secure by default: without `CRON_SECRET` it refuses with 500 and says to set it, unless
/// ``allowUnauthenticated`` is set explicitly.
public struct VercelCronHandler: Sendable {
    /// A response: status code and JSON body.
    public typealias Response = PlatformRouteResponse

    /// The runner whose registry holds the schedules.
    public let runner: TaskRunner
    /// The expected secret (`CRON_SECRET`), or `nil` when unset.
    public let secret: String?
    /// Accept requests without checking `Authorization` (not recommended).
    public let allowUnauthenticated: Bool
    /// Where an invocation that runs nothing (not an instant of its schedule in the schedule's
    /// zone) is reported.
    public let debug: @Sendable (String) -> Void

    /// Creates the handler; the secret comes from `CRON_SECRET` in `environment`.
    ///
    /// A blank `CRON_SECRET` (empty or only white space) counts as unset, so requests are refused
    /// until a real one is set. A blank or short secret (under ``minimumSecretLength``
    /// characters) is reported through `warn` once, here, at start-up.
    public init(
        runner: TaskRunner, environment: [String: String] = ProcessInfo.processInfo.environment,
        allowUnauthenticated: Bool = false,
        warn: @Sendable (String) -> Void = VercelCronHandler.standardErrorWarning,
        debug: @escaping @Sendable (String) -> Void = PlatformDebugLog.standardError
    ) {
        self.runner = runner
        self.debug = debug
        let configured = environment["CRON_SECRET"]
        self.secret = BearerSecret(configured).value
        self.allowUnauthenticated = allowUnauthenticated
        if let warning = Self.secretWarning(configured, allowUnauthenticated: allowUnauthenticated) { warn(warning) }
    }

    /// The shortest `CRON_SECRET` that passes without a warning.
    public static let minimumSecretLength = 16

    /// Writes a start-up warning on stderr.
    public static let standardErrorWarning: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data(("warning: " + message + "\n").utf8))
    }

    /// What is wrong with the configured secret, if anything.
    static func secretWarning(_ secret: String?, allowUnauthenticated: Bool) -> String? {
        guard let secret else { return nil }  // unset: every request says so (500), unless allowed
        if secret.allSatisfy(\.isWhitespace) {
            return "CRON_SECRET is blank, so it counts as unset"
                + (allowUnauthenticated ? "" : " and the cron route refuses every call (500)")
                + "; set it to a random string of at least \(minimumSecretLength) characters"
        }
        if secret.count < minimumSecretLength {
            return
                "CRON_SECRET is only \(secret.count) characters long; use a random string of at least \(minimumSecretLength) (for example `openssl rand -hex 32`)"
        }
        return nil
    }

    /// Handles one request.
    ///
    /// - Parameters:
    ///   - method: the HTTP method (Vercel uses `GET`).
    ///   - headers: the request headers; names are matched case-insensitively.
    ///   - now: the current time. Vercel sends no scheduled time, so the scheduled time is the
    ///     last instant at or before `now` of the cron Vercel names, within the hour (Vercel's
    ///     Hobby plan may call up to 59 minutes late), else `now` floored to the minute.
    public func handle(method: String, headers: [String: String], now: Date = Date()) async -> Response {
        // In a dictionary only names that differ in case can repeat: refuse any such pair.
        await respond(method: method, fields: headers.map { ($0.key, $0.value) }, now: now) { _ in true }
    }

    /// Handles one request whose headers come as the list a server read (a name may repeat, as
    /// HTTP allows). A repeated `Authorization` or `x-vercel-cron-schedule` (in any case) is
    /// refused with 400: the answer must never depend on which of two values wins.
    public func handle(method: String, headerFields: [(name: String, value: String)], now: Date = Date()) async
        -> Response
    {
        await respond(method: method, fields: headerFields, now: now) { Self.readHeaders.contains($0) }
    }

    /// The headers the handler reads, lower-cased.
    static let readHeaders: Set<String> = ["authorization", "x-vercel-cron-schedule"]

    private func respond(
        method: String, fields: [(name: String, value: String)], now: Date, refuseRepeated: (String) -> Bool
    ) async -> Response {
        var lowered: [String: String] = [:]
        var repeated: Set<String> = []
        for (name, value) in fields {
            let key = name.lowercased()
            if lowered.updateValue(value, forKey: key) != nil { repeated.insert(key) }
        }
        if let name = repeated.sorted().first(where: refuseRepeated) {
            return error(400, "The header \(name) appears more than once (names that differ only in case are one header); send it once")
        }
        guard method.uppercased() == "GET" || method.uppercased() == "POST" else {
            return error(405, "Method \(method) is not allowed; Vercel calls cron routes with GET")
        }
        if !allowUnauthenticated {
            guard let secret else {
                return error(
                    500,
                    "CRON_SECRET is not set: add it to the project's environment variables on Vercel, so that only Vercel can call this route"
                )
            }
            let presented = lowered["authorization"] ?? ""
            guard BearerSecret(secret).admits(presented) else {
                return error(401, "Unauthorized")
            }
        }
        guard let schedule = lowered["x-vercel-cron-schedule"], !schedule.isEmpty else {
            return error(400, "Missing the x-vercel-cron-schedule header")
        }
        let schedules = ScheduleDispatch.schedules(matching: schedule, platform: "vercel", in: runner.registry)
        guard !schedules.isEmpty else {
            return error(404, "No schedule '\(schedule)' is registered; redeploy after 'nitro build --preset vercel'")
        }
        let instant = Self.scheduledInstant(of: schedule, at: now)
        let scheduledTime = instant.timeIntervalSince1970 * 1000
        let (due, skipped) = ScheduleDispatch.due(schedules, at: instant, registry: runner.registry) {
            FileHandle.standardError.write(Data(("vercel cron: " + $0 + "\n").utf8))
        }
        if due.isEmpty {
            debug("vercel cron: " + ScheduleDispatch.skippedMessage(skipped, cron: schedule, at: instant, registry: runner.registry))
            return Response(status: 200, body: ["success": true, "ran": [], "skipped": .array(skipped.map { .string($0.cron) })])
        }
        let tasks = ScheduleDispatch.tasks(of: due)
        let context = TaskContext(values: ["cron": schedule, "scheduledTime": scheduledTime])
        let outcomes = await ScheduleDispatch.run(tasks, runner: runner, scheduledTime: scheduledTime, context: context, trigger: .vercel)
        let failed = outcomes.compactMap { outcome -> JSONValue? in
            guard case .failure(let failure) = outcome.result else { return nil }
            return ["task": .string(outcome.task), "message": .string("\(failure)")]
        }
        if !failed.isEmpty {
            let names = failed.compactMap { $0["task"]?.stringValue }.joined(separator: ", ")
            return Response(
                status: 500,
                body: ["status": 500, "message": .string("Task(s) failed: \(names)"), "failed": .array(failed)])
        }
        return Response(status: 200, body: ["success": true])
    }

    /// The instant Vercel meant: the last instant of the UTC cron `schedule` at or before `now`,
    /// no more than an hour back; `now` floored to the minute when there is none or `schedule`
    /// is not a cron this runtime reads.
    static func scheduledInstant(of schedule: String, at now: Date) -> Date {
        let minute = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        guard let expression = try? CronExpression(schedule) else { return minute }
        var cursor = minute.addingTimeInterval(-3600)
        var last: Date?
        while let next = expression.next(after: cursor), next <= minute {
            last = next
            cursor = next
        }
        return last ?? minute
    }

    private func error(_ status: Int, _ message: String) -> Response {
        .error(status, message)
    }
}
