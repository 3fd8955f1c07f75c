import Foundation
import NitroCron
import NitroSync
import Testing

@testable import NitroBuild
@testable import NitroTasks

/// Schedules in a time zone on UTC-only platforms, end to end: the crons `nitro build` writes for
/// Cloudflare and Vercel (``CronScheduleValidator``), fired as the platform fires them
/// (``PresetPlatformCron``, independent of NitroCron) through 2027 and the leap year 2028, then
/// filtered by the app's entry points (``ScheduleDispatch``): the instants at which tasks run are
/// exactly the engine's instants of the schedule in its zone. (Schedules firing more than every
/// half hour replay the days around each clock change: ``windows(for:zone:)``.)
@Suite("Presets: local-time schedules on UTC-only platforms, two years replayed")
struct PresetZoneReplayTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham"]
    static let years = [2027, 2028]

    /// Every fixture schedule, plus forms whose times cross midnight or an hour in UTC.
    static let expressions: [String] = {
        var seen = Set<String>()
        let extra = [
            "0 9 * * MON", "30 1 * * *", "0 0 1 * *", "45 23 * * SAT", "*/15 9 * * *", "0 2 * * *", "30 2 * 3 SUN",
            "0 8,20 * * MON-FRI", "* 2 * * *", "0 0 L * *", "0 12 * * FRI#2", "15 0 1,15 * *", "0 9 * 10-12 *", "0 21 28 * *",
            "0 22 31 * *", "0 9 15,31 * *",
        ]
        return (PresetDialectEquivalenceTests.schedules.map(\.cron) + extra).filter { seen.insert($0).inserted }
    }()

    static let start = utc(years[0], 1, 1)
    static let end = utc(years[years.count - 1] + 1, 1, 1)

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
    }

    /// The engine's instants in `window` (seconds since 1970), chained as the scheduler chains them.
    static func engineInstants(_ expression: CronExpression, in window: Range<Int64>) -> [Int64] {
        var result: [Int64] = []
        var cursor = Date(timeIntervalSince1970: Double(window.lowerBound - 1))
        while let next = expression.next(after: cursor), Int64(next.timeIntervalSince1970) < window.upperBound {
            result.append(Int64(next.timeIntervalSince1970))
            cursor = next
        }
        return result
    }

    /// The replayed time: both whole years, except for schedules that fire more than every half
    /// hour (`* * * * *`, `*/5 * * * *`), where a whole-year replay of 1,000,000 minutes per zone
    /// and platform takes minutes in a debug build; those replay the three days around each of
    /// the zone's clock changes in the two years, New Year and 29 February.
    static func windows(for expression: CronExpression, zone: TimeZone) -> [Range<Int64>] {
        let whole = Int64(start.timeIntervalSince1970)..<Int64(end.timeIntervalSince1970)
        let day: Int64 = 86_400
        let firstDay = expression.next(count: 49, after: start)
        guard firstDay.count == 49, firstDay[48].timeIntervalSince(firstDay[0]) < Double(day) else { return [whole] }
        var centres = [utc(2028, 1, 1), utc(2028, 2, 29)]
        var cursor = start
        while let change = zone.nextDaylightSavingTimeTransition(after: cursor), change < end {
            centres.append(change)
            cursor = change
        }
        return centres.map { centre in
            let middle = Int64(centre.timeIntervalSince1970)
            return max(middle - day, whole.lowerBound)..<min(middle + 2 * day, whole.upperBound)
        }.sorted { $0.lowerBound < $1.lowerBound }
    }

    @Test("every fixture schedule in each zone, on Cloudflare and Vercel", arguments: zones)
    func replay(zoneName: String) async throws {
        // Seconds of CPU in a debug build: on a thread of its own, not one of the few cooperative
        // threads the other tests' continuations need.
        let result = try await offThread { () throws -> Replay in try Self.replay(zoneName) }
        for problem in result.problems { Issue.record(Comment(rawValue: problem)) }
        #expect(result.compared >= 40, "compared \(result.compared) schedules in \(zoneName)")
        if zoneName != "Asia/Kolkata" { #expect(result.filtered > 0, "the DST zone \(zoneName) never needed the filter") }
    }

    struct Replay: Sendable {
        var compared = 0
        var filtered = 0
        var problems: [String] = []
    }

    static func replay(_ zoneName: String) throws -> Replay {
        var compared = 0
        var filtered = 0
        var problems: [String] = []
        for cron in Self.expressions {
            let zone = TimeZone(identifier: zoneName)!
            guard let expression = try? CronExpression(cron, timeZone: zone) else { continue }
            let windows = Self.windows(for: expression, zone: zone)
            let expected = windows.flatMap { Self.engineInstants(expression, in: $0) }
            for (preset, dialect) in [(Preset.cloudflareModule, PresetPlatformCron.Dialect.cloudflare), (.vercel, .vercel)] {
                let platform = CronScheduleValidator.platform(for: preset)!
                var config = NitroConfig(path: "nitro.config.json")
                config.schedulerTimeZone = Located(zoneName, at: SourceLocation(path: "nitro.config.json"))
                let validation = CronScheduleValidator().validate(
                    PlannedSchedule(cron: Located(cron, at: SourceLocation(path: "nitro.config.json")), tasks: ["t"]),
                    context: ScheduleValidationContext(preset: preset, timeZone: zoneName, config: config))
                guard let crons = validation.platformCrons[platform.rawValue] else {
                    // Refused with an error that says why (seconds, Vercel's day fields, …).
                    if !validation.diagnostics.hasErrors {
                        problems.append("\(cron) in \(zoneName) on \(preset.rawValue): no crons, no error")
                    }
                    continue
                }
                let schedule = TaskRegistry.Schedule(
                    cron: cron, tasks: ["t"], timeZone: zoneName, platformCrons: [platform.rawValue: crons])
                let registry = TaskRegistry(tasks: [], scheduledTasks: [schedule], timeZone: "UTC")
                // What the platform fires, from its own reading of the crons.
                var invocations: [(instant: Int64, cron: String)] = []
                for text in crons {
                    let platformCron = try PresetPlatformCron(text, dialect: dialect)
                    for year in Self.years { invocations += platformCron.instants(inYear: year).map { ($0, text) } }
                }
                invocations = invocations.filter { invocation in windows.contains { $0.contains(invocation.instant) } }
                invocations.sort { $0.instant < $1.instant }
                // What the app runs: the entry points' lookup by cron string, then the zone filter.
                var ran: [Int64] = []
                for invocation in invocations {
                    let matched = ScheduleDispatch.schedules(matching: invocation.cron, platform: platform.rawValue, in: registry)
                    if matched.count != 1 { problems.append("\(invocation.cron): \(matched.count) schedules match") }
                    let instant = Date(timeIntervalSince1970: Double(invocation.instant))
                    if expression.firesAt(platformInstant: instant) { ran.append(invocation.instant) } else { filtered += 1 }
                }
                // Two crons may fire at one instant; the platform calls the app once for each.
                let ranOnce = ran.reduce(into: [Int64]()) { if $0.last != $1 { $0.append($1) } }
                if ranOnce.count != ran.count, crons.count == 1 { problems.append("\(cron) in \(zoneName): an instant ran twice") }
                if ranOnce != expected {
                    let first = zip(ranOnce, expected).first { $0 != $1 }
                    problems.append(
                        "\(cron) in \(zoneName) on \(preset.rawValue) \(crons): \(ranOnce.count) runs against \(expected.count) instants; first difference \(first.map { "\(CronTimestamp.format(Date(timeIntervalSince1970: Double($0.0)))) vs \(CronTimestamp.format(Date(timeIntervalSince1970: Double($0.1))))" } ?? "in count")"
                    )
                }
                compared += 1
            }
        }
        return Replay(compared: compared, filtered: filtered, problems: problems)
    }

    @Test("the entry points decide as the filter does, at the invocations around a clock change")
    func entryPointsFilter() async throws {
        let registry = TaskRegistry(
            tasks: [.init("weekly", definition: { defineTask { _ in TaskResult(result: "ran") } })],
            scheduledTasks: [
                .init(
                    cron: "0 9 * * MON", tasks: ["weekly"], timeZone: "Europe/Berlin",
                    platformCrons: ["cloudflare": ["0 7,8 * * MON"], "vercel": ["0 7 * 3-10 *", "0 8 * 1-3,10-12 *"]])
            ], timeZone: "UTC")
        let runner = TaskRunner(registry: registry)
        // 2027-03-29 is the Monday after Berlin moved to UTC+02:00: 07:00Z is 09:00 local.
        let summer = Self.utc(2027, 3, 29, 7).timeIntervalSince1970 * 1000
        let ran = await CloudflareScheduled.handle(cron: "0 7,8 * * MON", scheduledTime: summer, runner: runner, log: { _ in })
        #expect(ran.tasks == ["weekly"] && ran.skipped.isEmpty)
        let messages = Locked<[String]>([])
        let skipped = await CloudflareScheduled.handle(
            cron: "0 7,8 * * MON", scheduledTime: summer + 3_600_000, runner: runner, log: { _ in },
            debug: { message in messages.withLock { $0.append(message) } })
        #expect(skipped.tasks.isEmpty && skipped.matched && skipped.skipped == ["0 9 * * MON"])
        #expect(messages.withLock { $0 }.first?.contains("not an instant of '0 9 * * MON' in Europe/Berlin") == true)
    }
}

/// One-shot dates (`2030-01-01T09:00:00`) as `scheduledTasks` keys.
@Suite("Schedules: one-shot dates")
struct OneShotScheduleTests {
    func validate(_ cron: String, preset: Preset, now: Date) -> ScheduleValidation {
        var context = ScheduleValidationContext(
            preset: preset, timeZone: "Europe/Berlin", config: NitroConfig(path: "nitro.config.json"))
        context.now = now
        return CronScheduleValidator().validate(
            PlannedSchedule(cron: Located(cron, at: SourceLocation(path: "nitro.config.json", line: 3, column: 5)), tasks: ["t"]),
            context: context)
    }

    @Test func runsInProcessAndWarnsOnceItIsPast() {
        let before = validate("2030-01-01T09:00:00", preset: .nodeServer, now: PresetZoneReplayTests.utc(2029, 12, 31))
        #expect(before.diagnostics.isEmpty)
        let after = validate("2030-01-01T09:00:00", preset: .nodeServer, now: PresetZoneReplayTests.utc(2030, 1, 2))
        #expect(
            after.diagnostics.map(\.description) == [
                "nitro.config.json:3:6: warning: this one-shot date is in the past, so it never fires; remove it or move it ahead"
            ])
    }

    @Test func isAnErrorForUTCOnlyPlatforms() {
        let result = validate("2030-01-01T09:00:00Z", preset: .cloudflareModule, now: PresetZoneReplayTests.utc(2029, 1, 1))
        #expect(result.platformCrons.isEmpty)
        #expect(
            result.diagnostics.first?.description.hasPrefix(
                "nitro.config.json:3:6: error: preset cloudflare_module: Cloudflare cron has no year, so the one-shot date 2030-01-01")
                == true)
    }
}
