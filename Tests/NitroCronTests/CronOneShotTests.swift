import Foundation
import Testing

@testable import NitroCron

/// An ISO-8601 date-time as the pattern fires once (croner's one-shot pattern).
struct CronOneShotTests {
    @Test func anAbsoluteInstantFiresOnceWhateverTheZone() throws {
        for zoneName in ["UTC", "Europe/Berlin", "Pacific/Chatham"] {
            let expression = try CronExpression("2030-01-01T00:00:00Z", timeZone: zone(zoneName))
            #expect(expression.isOneShot)
            #expect(expression.next(count: 3, after: date("2026-12-07T00:00:00Z")).map(iso) == ["2030-01-01T00:00:00.000Z"])
            #expect(expression.next(after: date("2030-01-01T00:00:00Z")) == nil)
            #expect(expression.matches(date("2030-01-01T00:00:00Z")))
        }
        let offset = try CronExpression("2030-06-01T09:30:00+05:30", timeZone: zone("Europe/Berlin"))
        #expect(offset.next(after: date("2030-01-01T00:00:00Z")).map(iso) == "2030-06-01T04:00:00.000Z")
        #expect(offset.timeZone.secondsFromGMT() == 19_800)
        #expect(
            try CronExpression("2030-06-01T09:30-0300").next(after: date("2030-01-01T00:00:00Z")).map(iso)
                == "2030-06-01T12:30:00.000Z")
        #expect(
            try CronExpression("2030-06-01T09:30:00.000Z").next(after: date("2030-01-01T00:00:00Z")).map(iso)
                == "2030-06-01T09:30:00.000Z")
    }

    @Test func aLocalDateTimeIsAWallClockTimeInTheZone() throws {
        #expect(try nextRuns("2024-05-01T10:00:00", 2, from: "2024-01-01T00:00:00Z", in: "Europe/Berlin") == ["2024-05-01T08:00:00.000Z"])
        #expect(try nextRuns("2024-05-01T10:00:00", 1, from: "2024-01-01T00:00:00Z", in: "Asia/Kolkata") == ["2024-05-01T04:30:00.000Z"])
        // 02:30 on 2024-03-10 does not exist in New York: it fires at 03:30 EDT, as recurring schedules do.
        #expect(
            try nextRuns("2024-03-10T02:30:00", 1, from: "2024-01-01T00:00:00Z", in: "America/New_York") == ["2024-03-10T07:30:00.000Z"])
        // 01:30 on 2024-11-03 happens twice: the first.
        #expect(
            try nextRuns("2024-11-03T01:30:00", 1, from: "2024-01-01T00:00:00Z", in: "America/New_York") == ["2024-11-03T05:30:00.000Z"])
    }

    @Test func aPastDateNeverFires() throws {
        let past = try CronExpression("2020-01-01T00:00:00Z")
        #expect(past.next(after: date("2026-01-01T00:00:00Z")) == nil)
    }

    @Test(
        "bad dates are errors that name the column",
        arguments: [
            ("2030-13-01T00:00:00Z", "month 13 is out of range 1-12", 6),
            ("2030-02-30T00:00:00Z", "February 2030 has no day 30, so this one-shot date never comes", 9),
            ("2030-01-01 00:00:00", "write 'T' between the date and the time, not a space", 11),
            ("2030-01-01T24:00:00Z", "expected an hour 00-23", 12),
            ("2030-01-01T09:00:00.5Z", "a one-shot date fires at a whole second; drop the fraction", 21),
            ("2030-01-01T09:00:00Zjunk", "unexpected text after the date-time", 21),
            ("30-01-01T09:00", "expected a four-digit year", 1),
        ])
    func badDates(text: String, message: String, column: Int) {
        #expect {
            _ = try CronExpression(text)
        } throws: { error in
            guard let error = error as? CronError else { return false }
            return error.message.hasPrefix(message) && error.column == column
        }
    }

    @Test func platformsCannotExpressAOneShotDate() throws {
        let expression = try CronExpression("2030-01-01T09:00:00", timeZone: zone("Europe/Berlin"))
        for platform in CronPlatform.allCases {
            #expect {
                _ = try expression.platformSchedule(for: platform)
            } throws: { error in
                (error as? CronError)?.message.contains(
                    "has no year, so the one-shot date 2030-01-01 cannot be a \(platform.displayName) schedule") == true
            }
        }
    }
}
