import Foundation

/// The crons a UTC-only platform needs to run a schedule written in a time zone, and how the app
/// tells the platform's invocations that are instants of the schedule from those that are not.
///
/// Cloudflare Cron Triggers and Vercel Cron Jobs read cron in UTC. A schedule in a zone that
/// changes its offset (`0 9 * * MON` in Europe/Berlin is 08:00 UTC in winter, 07:00 in summer)
/// becomes crons that cover every offset the zone has in the schedule's months (`0 7,8 * * MON`),
/// and the app runs the tasks only at the invocations that are the schedule's own instants
/// (``CronExpression/firesAt(platformInstant:)``); the others answer success and do nothing.
public struct PlatformSchedule: Sendable, Hashable {
    /// The platform crons, in the platform's dialect, sorted; what the platform sends back.
    public let crons: [String]
    /// Whether the crons fire at exactly the schedule's instants, so no invocation is filtered.
    public let isExact: Bool

    /// Creates a value.
    public init(crons: [String], isExact: Bool) {
        self.crons = crons
        self.isExact = isExact
    }
}

extension CronExpression {
    /// The crons `platform` needs to fire at every instant of this expression in its time zone.
    ///
    /// One cron when one UTC cron fires at exactly these instants (what ``translated(for:)``
    /// returns); otherwise one per UTC offset the zone has during the schedule's months, times
    /// that move to another UTC day or hour kept apart as the dialect needs, merged into as few
    /// crons as it allows. Vercel keeps a once-a-day schedule's crons once a day each (its Hobby
    /// plan refuses a cron that fires twice a day).
    ///
    /// - Throws: ``CronError`` for what no platform cron can express: seconds, years, a one-shot
    ///   date, an offset that is not whole minutes, day fields the dialect lacks.
    public func platformSchedule(for platform: CronPlatform) throws(CronError) -> PlatformSchedule {
        let (plans, exact) = try ZonedPlanner(parsed: parsed, zone: zone, platform: platform).plans()
        let translator = CronTranslator(parsed: parsed, zone: zone, platform: platform)
        var crons: [String] = []
        for plan in plans {
            let text = try translator.render(plan)
            if !crons.contains(text) { crons.append(text) }
        }
        if crons.count > 1 { crons.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
        return PlatformSchedule(crons: crons, isExact: exact)
    }

    /// Whether an invocation of a platform cron at `instant` (its scheduled minute) is an instant of
    /// this expression, so the app runs the schedule's tasks: the run-time half of
    /// ``platformSchedule(for:)``. The instant is taken to the whole minute, as platform crons fire.
    public func firesAt(platformInstant instant: Date) -> Bool {
        let minute = (instant.timeIntervalSince1970 / 60).rounded(.down) * 60
        return matches(Date(timeIntervalSince1970: minute))
    }
}
