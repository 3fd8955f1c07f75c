import Foundation
import NitroCron
import NitroJSON
import NitroSync
import NitroTasks

extension TaskDashboard {
    /// The presets whose platform reads a schedule in each dialect (Docs/Presets.md); the others
    /// run the schedules in-process, as written.
    static let presets: [CronPlatform: [String]] = [
        .cloudflare: ["cloudflare_module", "cloudflare_durable"],  // Pages has no Cron Triggers
        .vercel: ["vercel"],
    ]

    /// How many next instants each schedule shows.
    static let upcomingCount = 5

    /// What the page shows, as of `now` (`GET /_nitro/tasks/~ui/state.json`):
    ///
    /// `{"now", "timeZone", "schedulerEnabled", "historyLimit", "tasks": [{"name", "description",
    /// "definedAt", "hasHandler", "schedules", "callers", "running": [RUN], "recent": [RUN]}],
    /// "schedules": [{"cron", "tasks", "words", "zone", "next": [ISO…], "error", "platforms":
    /// [{"platform", "name", "presets", "crons" and "exact" | "error"}]}], "timeline": {"from", "to",
    /// "runs": [RUN]}}`; a schedule's zone is its own or the registry's, and its platform crons
    /// come from the cron engine (``CronExpression/platformSchedule(for:)``), whatever the preset.
    /// where RUN is `{"id", "task", "trigger", "started", "scheduledTime", "joiners",
    /// "durationMs", "outcome": "running" | "succeeded" | "failed", "status", "message"}`.
    package func state(now: Date) -> JSONValue {
        let registry = runner.registry
        let history = self.history.withLock { history -> RunHistory in
            history.prune(now: now)
            return history
        }
        let inFlight = history.inFlight.values.sorted { $0.id < $1.id }
        var schedulesOf: [String: [JSONValue]] = [:]
        for schedule in registry.scheduledTasks {
            for task in schedule.tasks { schedulesOf[task, default: []].append(.string(schedule.cron)) }
        }
        let tasks = registry.entries.map { entry -> JSONValue in
            let definition = entry.definition?()
            let definedAt: JSONValue = definition.map { .string("\($0.fileID):\($0.line)") } ?? .null
            return [
                "name": .string(entry.name),
                "description": entry.description.map(JSONValue.string) ?? .null,
                "definedAt": definedAt,
                "hasHandler": .bool(definition != nil),
                "schedules": .array(schedulesOf[entry.name] ?? []),
                "callers": .number(Double(runner.callers(of: entry.name))),
                "running": .array(inFlight.filter { $0.task == entry.name }.map(Self.json)),
                "recent": .array((history.recent[entry.name] ?? []).map(Self.json)),
            ]
        }
        let schedules = registry.scheduledTasks.map { schedule -> JSONValue in
            let zoneName = schedule.timeZone ?? registry.timeZone
            return Self.json(schedule, zone: TimeZone(identifier: zoneName), zoneName: zoneName, now: now)
        }
        return [
            "now": .string(ISO8601Timestamp.format(now)),
            "timeZone": .string(registry.timeZone),
            "schedulerEnabled": .bool(registry.schedulerEnabled),
            "historyLimit": .number(Double(historyLimit)),
            "tasks": .array(tasks),
            "schedules": .array(schedules),
            "timeline": [
                "from": .string(ISO8601Timestamp.format(now.addingTimeInterval(-3600))),
                "to": .string(ISO8601Timestamp.format(now)),
                "runs": .array(history.scheduled.map(Self.json)),
            ],
        ]
    }

    /// One schedule: its words, zone, next instants and platform translations.
    static func json(_ schedule: TaskRegistry.Schedule, zone: TimeZone?, zoneName: String, now: Date) -> JSONValue {
        var object: [String: JSONValue] = [
            "cron": .string(schedule.cron),
            "tasks": .array(schedule.tasks.map(JSONValue.string)),
            "zone": .string(zoneName),
        ]
        guard let zone else {
            object["error"] = .string("`\(zoneName)` is not a time zone this system knows")
            return .object(object)
        }
        let expression: CronExpression
        do {
            expression = try CronExpression(schedule.cron, timeZone: zone)
        } catch {
            object["error"] = .string(error.message)
            return .object(object)
        }
        object["words"] = .string(expression.inWords)
        object["next"] = .array(expression.next(count: upcomingCount, after: now).map { .string(ISO8601Timestamp.format($0)) })
        object["platforms"] = .array(
            CronPlatform.allCases.map { platform -> JSONValue in
                var entry: [String: JSONValue] = [
                    "platform": .string(platform.rawValue),
                    "name": .string(platform.displayName),
                    "presets": .array((presets[platform] ?? []).map(JSONValue.string)),
                ]
                do {
                    let schedule = try expression.platformSchedule(for: platform)
                    entry["crons"] = .array(schedule.crons.map(JSONValue.string))
                    entry["exact"] = .bool(schedule.isExact)
                } catch {
                    entry["error"] = .string((error as? CronError)?.message ?? String(describing: error))
                }
                return .object(entry)
            })
        return .object(object)
    }

    /// One run, in flight or settled.
    static func json(_ run: RunHistory.Run) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .number(Double(run.id)),
            "task": .string(run.task),
            "trigger": .string(run.trigger.rawValue),
            "started": .string(ISO8601Timestamp.format(run.started)),
            "scheduledTime": run.scheduledTime.map { .string(ISO8601Timestamp.format($0)) } ?? .null,
            "joiners": .array(run.joiners.map { .string($0.rawValue) }),
            "durationMs": run.duration.map { .number($0.milliseconds) } ?? .null,
        ]
        switch run.outcome {
        case nil:
            object["outcome"] = "running"
        case .succeeded:
            object["outcome"] = "succeeded"
        case .failed(let status, let message):
            object["outcome"] = "failed"
            object["status"] = .number(Double(status))
            object["message"] = .string(message)
        }
        return .object(object)
    }
}
