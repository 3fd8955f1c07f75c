import Foundation
import NitroBuild
import NitroCron
import NitroJSON

/// `nitro schedule`: every schedule of the project, its tasks and its next instants, read from the
/// sources (no server needed), like Laravel's `schedule:list`.
enum ScheduleCommand: SynchronousCommand {
    static let name = "schedule"
    static let summary = "Show every schedule, its tasks and its next instants"
    static let usage = "nitro schedule [--root DIR] [--next N] [--from ISO-8601] [--json]"
    static let introduction = ""
    static let options: [CommandOption] = [
        .value("--root", "DIR", "The project root, holding nitro.config.* (default: the current directory)"),
        .value("--next", "N", "How many instants to show per schedule, 1 to 1000 (default 3)"),
        .value(
            "--from", "ISO-8601",
            """
            Start from this instant instead of now (wall time in the configured
            time zone unless it has Z or an offset)
            """),
        .flag("--json", #"Print {"timezone", "from", "schedules": [{"cron", "tasks", "next", "nextLocal"}]}"#),
    ]
    static let epilogue = """
        Instants are computed in the configured time zone (scheduler.timezone, default UTC), with
        croner's semantics, including daylight-saving changes. Text output shows each instant in
        that zone with its UTC offset; --json gives UTC ("next") and local ("nextLocal") forms.

        EXAMPLES:
          nitro schedule
          nitro schedule --root Fixtures/basic --next 5
          nitro schedule --from 2024-03-10T00:00:00Z --json
        """

    static func runSynchronously(_ arguments: inout Arguments, context: CommandContext) throws -> Int32 {
        let root = try arguments.option("--root") ?? "."
        let count = try arguments.intOption("--next", in: 1...1000) ?? 3
        let fromText = try arguments.option("--from")
        let json = arguments.flag("--json")
        try arguments.finish()
        if let fromText, CronTimestamp.parse(fromText, timeZone: TimeZone(secondsFromGMT: 0)!) == nil {
            throw UsageError("The value '\(fromText)' for '--from' is not an ISO-8601 date-time")
        }
        let console = context.console
        let rootPath = root.hasPrefix("/") ? root : context.currentDirectory + "/" + root

        let plan = BuildRunner.plan(root: rootPath, options: BuildOptions(presetOverride: ("dev", "nitro schedule")))
        DiagnosticPrinter(console: console).print(plan.diagnostics)
        guard !plan.hasErrors, let model = plan.model else {
            console.err("nitro schedule: \(DiagnosticPrinter.summary(plan.diagnostics))")
            return ExitCode.failure
        }
        guard let zone = TimeZone(identifier: model.timeZone) else {
            console.err("\(console.style("error:", "1;31")) unknown time zone '\(model.timeZone)'")
            return ExitCode.failure
        }
        var from = Date()
        if let fromText {
            guard let parsed = CronTimestamp.parse(fromText, timeZone: zone) else {
                throw UsageError("The value '\(fromText)' for '--from' is not an ISO-8601 date-time")
            }
            from = parsed
        }

        var rows: [(cron: String, tasks: [String], next: [Date], error: String?)] = []
        for schedule in model.schedules {
            do {
                let expression = try CronExpression(schedule.cron.value, timeZone: zone)
                rows.append((schedule.cron.value, schedule.tasks, expression.next(count: count, after: from), nil))
            } catch {
                rows.append((schedule.cron.value, schedule.tasks, [], error.message))
            }
        }

        if json {
            let schedules = rows.map { row -> JSONValue in
                var object: [String: JSONValue] = [
                    "cron": .string(row.cron), "tasks": .array(row.tasks.map(JSONValue.string)),
                    "next": .array(row.next.map { .string(CronTimestamp.format($0)) }),
                    "nextLocal": .array(row.next.map { .string(LocalTime.format($0, in: zone, named: model.timeZone)) }),
                ]
                if let error = row.error { object["error"] = .string(error) }
                return .object(object)
            }
            let document: JSONValue = [
                "timezone": .string(model.timeZone), "from": .string(CronTimestamp.format(from)),
                "schedules": .array(schedules),
            ]
            console.out(JSONWriter.pretty(document), terminator: "")
        } else {
            console.out(text(rows, zone: zone, zoneName: model.timeZone, from: from, console: console), terminator: "")
        }
        return rows.contains { $0.error != nil } ? ExitCode.failure : ExitCode.success
    }

    static func text(
        _ rows: [(cron: String, tasks: [String], next: [Date], error: String?)], zone: TimeZone, zoneName: String,
        from: Date, console: Console
    ) -> String {
        guard !rows.isEmpty else { return "No schedules. Add them under `scheduledTasks` in nitro.config.\n" }
        var output = "Schedules (time zone \(zoneName)):\n"
        let width = rows.map(\.cron.count).max() ?? 0
        for row in rows {
            output += "\n  " + console.style(row.cron.padding(toLength: width, withPad: " ", startingAt: 0), "1")
            output += "  " + row.tasks.joined(separator: ", ") + "\n"
            if let error = row.error {
                output += "    " + console.style("error:", "1;31") + " " + error + "\n"
                continue
            }
            if row.next.isEmpty { output += "    next  none: no instant after this time (its date or year has passed)\n" }
            for (index, instant) in row.next.enumerated() {
                let label = index == 0 ? "next" : "    "
                output += "    \(label)  \(LocalTime.format(instant, in: zone, named: zoneName))"
                if index == 0 { output += "  (\(LocalTime.relative(instant.timeIntervalSince(from))))" }
                output += "\n"
            }
        }
        return output
    }
}

/// Wall-clock formatting in a time zone, independent of the process locale.
enum LocalTime {
    /// `2024-03-10T03:30:00-04:00` (or `…Z` in UTC).
    static func format(_ date: Date, in zone: TimeZone, named name: String) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let shifted = date.addingTimeInterval(Double(offset))
        let utc = CronTimestamp.format(shifted)  // 2024-03-10T07:30:00.000Z
        let wall = String(utc.prefix(19))
        if offset == 0 && ["UTC", "Etc/UTC", "GMT", "Z"].contains(name) { return wall + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let hours = String(minutes / 60)
        let rest = String(minutes % 60)
        return wall + sign + String(repeating: "0", count: 2 - hours.count) + hours + ":"
            + String(repeating: "0", count: 2 - rest.count) + rest
    }

    /// `in 31s`, `in 4m 10s`, `in 2h 5m`, `in 3d 4h`.
    static func relative(_ interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded(.up))
        if seconds < 60 { return "in \(seconds)s" }
        if seconds < 3600 { return "in \(seconds / 60)m \(seconds % 60)s" }
        if seconds < 86_400 { return "in \(seconds / 3600)h \(seconds / 60 % 60)m" }
        return "in \(seconds / 86_400)d \(seconds / 3600 % 24)h"
    }
}
