import Foundation
import Testing

@testable import NitroCron

/// Schedules in a zone on UTC-only platforms: the crons that cover every offset, and the run-time
/// filter that keeps only the schedule's own instants. (The two-year replay through the platforms'
/// own evaluators is `PresetZoneReplayTests`.)
struct CronPlatformScheduleTests {
    func crons(_ text: String, _ zoneName: String, _ platform: CronPlatform) throws -> PlatformSchedule {
        try CronExpression(text, timeZone: zone(zoneName)).platformSchedule(for: platform)
    }

    @Test func aSteadyOffsetIsOneExactCron() throws {
        #expect(try crons("0 9 * * MON", "UTC", .cloudflare) == PlatformSchedule(crons: ["0 9 * * MON"], isExact: true))
        #expect(try crons("0 9 * * MON", "Asia/Kolkata", .vercel) == PlatformSchedule(crons: ["30 3 * * 1"], isExact: true))
        #expect(try crons("30 8 * 6-8 1-5", "Europe/Berlin", .vercel) == PlatformSchedule(crons: ["30 6 * 6-8 1-5"], isExact: true))
    }

    @Test func berlinMondayMorningCoversBothOffsets() throws {
        // 09:00 Monday in Berlin is 08:00 UTC in winter and 07:00 in summer.
        #expect(try crons("0 9 * * MON", "Europe/Berlin", .cloudflare) == PlatformSchedule(crons: ["0 7,8 * * MON"], isExact: false))
        // Vercel keeps a once-a-day schedule once a day per cron (its Hobby plan refuses more).
        #expect(
            try crons("0 9 * * *", "Europe/Berlin", .vercel)
                == PlatformSchedule(crons: ["0 7 * 3-10 *", "0 8 * 1-3,10-12 *"], isExact: false))
        #expect(try crons("0 9,17 * * *", "Europe/Berlin", .vercel) == PlatformSchedule(crons: ["0 7,8,15,16 * * *"], isExact: false))
    }

    @Test func timesThatMoveToTheDayBefore() throws {
        // Sydney 09:00 Monday is Sunday 22:00 or 23:00 UTC.
        #expect(try crons("0 9 * * MON", "Australia/Sydney", .cloudflare).crons == ["0 22,23 * * SUN"])
        // Chatham is UTC+12:45 or +13:45: 09:00 is 20:15 or 19:15 the day before. A day earlier
        // may be a month earlier, so each cron's months gain their neighbours.
        #expect(try crons("0 9 * * MON", "Pacific/Chatham", .cloudflare).crons == ["15 19,20 * * SUN"])
        #expect(try crons("0 9 * * MON", "Pacific/Chatham", .vercel).crons == ["15 19 * 1-4,8-12 0", "15 20 * 2-9 0"])
        // The first of the month moves to the last day of the month before, which is one of
        // 28-31: those days are invoked, and the filter keeps the right one.
        let monthly = try crons("0 9 1 * *", "Australia/Sydney", .cloudflare)
        #expect(monthly.crons == ["0 22,23 28-31 * *"] && !monthly.isExact)
        // The 15th and the last days move back one day; `L` cannot, so every day is invoked.
        #expect(try crons("0 9 15,31 * *", "Australia/Sydney", .vercel).crons.allSatisfy { $0.contains(" 14,30 ") })
        #expect(try crons("0 9 L * *", "Australia/Sydney", .cloudflare).crons == ["0 22,23 * * *"])
        // Moving forward (New York 21:00 is 01:00 or 02:00 UTC the next day): the 28th may be
        // the last day, so the 1st is invoked too.
        #expect(try crons("0 21 28 * *", "America/New_York", .cloudflare).crons == ["0 1,2 1,29 * *"])
    }

    @Test func aFixedOffsetThatSplitsHoursAndMinutes() throws {
        // Kolkata 09:00-09:45 every 15 minutes is 03:30, 03:45, 04:00, 04:15 UTC: two crons, exact.
        #expect(
            try crons("*/15 9 * * *", "Asia/Kolkata", .cloudflare)
                == PlatformSchedule(crons: ["0,15 4 * * *", "30,45 3 * * *"], isExact: true))
    }

    @Test func theFilterKeepsTheSchedulesInstants() throws {
        let expression = try CronExpression("0 9 * * MON", timeZone: zone("Europe/Berlin"))
        #expect(expression.firesAt(platformInstant: date("2027-03-22T08:00:00Z")))  // winter: 09:00 CET
        #expect(!expression.firesAt(platformInstant: date("2027-03-22T07:00:00Z")))
        #expect(expression.firesAt(platformInstant: date("2027-03-29T07:00:00Z")))  // summer: 09:00 CEST
        #expect(!expression.firesAt(platformInstant: date("2027-03-29T08:00:00Z")))
        // Taken to the minute: a trigger's scheduled time a few seconds late still counts.
        #expect(expression.firesAt(platformInstant: date("2027-03-29T07:00:12Z")))
    }

    @Test func whatNoPlatformCronCanSay() throws {
        #expect(throws: CronError.self) { try crons("*/30 * * * * *", "Europe/Berlin", .cloudflare) }
        #expect(throws: CronError.self) { try crons("0 0 9 * * * 2030", "UTC", .vercel) }
        // Vercel refuses both day fields, in any zone.
        #expect(throws: CronError.self) { try crons("0 9 1 * MON", "Europe/Berlin", .vercel) }
    }
}
