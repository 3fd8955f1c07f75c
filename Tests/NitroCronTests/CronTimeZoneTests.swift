import Foundation
import Testing

@testable import NitroCron

/// Daylight saving time in both directions, in two zones, as croner 10's re-anchored nextRun
/// computes it, and strictly increasing where croner is not.
struct CronTimeZoneTests {
    @Test func springForwardNewYork() throws {
        // 02:30 does not exist on 2024-03-10: it fires at 07:30Z (03:30 EDT), the offset before the change.
        #expect(
            try nextRuns("30 2 * * *", 3, from: "2024-03-09T12:00:00Z", in: "America/New_York")
                == ["2024-03-10T07:30:00.000Z", "2024-03-11T06:30:00.000Z", "2024-03-12T06:30:00.000Z"])
        // Every 15 minutes: the skipped wall times collapse onto 03:00 EDT and never repeat or go back.
        #expect(
            try nextRuns("*/15 * * * *", 5, from: "2024-03-10T06:30:00Z", in: "America/New_York")
                == [
                    "2024-03-10T06:45:00.000Z", "2024-03-10T07:00:00.000Z", "2024-03-10T07:15:00.000Z",
                    "2024-03-10T07:30:00.000Z", "2024-03-10T07:45:00.000Z",
                ])
    }

    @Test func fallBackNewYork() throws {
        // 01:30 happens twice on 2024-11-03: it fires once, at the first (EDT) instant.
        #expect(
            try nextRuns("30 1 * * *", 3, from: "2024-11-02T12:00:00Z", in: "America/New_York")
                == ["2024-11-03T05:30:00.000Z", "2024-11-04T06:30:00.000Z", "2024-11-05T06:30:00.000Z"])
        #expect(
            try nextRuns("*/30 * * * *", 4, from: "2024-11-03T05:00:00Z", in: "America/New_York")
                == ["2024-11-03T05:30:00.000Z", "2024-11-03T07:00:00.000Z", "2024-11-03T07:30:00.000Z", "2024-11-03T08:00:00.000Z"])
    }

    @Test func neverBeforeTheStartInTheRepeatedHour() throws {
        // croner's nextRun from 06:05Z (01:05 EST, second pass) answers 05:15Z, before its input.
        let expression = try CronExpression("*/15 * * * *", timeZone: zone("America/New_York"))
        #expect(expression.next(after: date("2024-11-03T06:05:00Z")).map(iso) == "2024-11-03T07:00:00.000Z")
        #expect(expression.next(after: date("2024-11-03T05:50:00Z")).map(iso) == "2024-11-03T07:00:00.000Z")
        #expect(!expression.matches(date("2024-11-03T06:15:00Z")))
        #expect(expression.matches(date("2024-11-03T05:15:00Z")))
    }

    @Test func springForwardBerlin() throws {
        #expect(
            try nextRuns("30 2 * * *", 3, from: "2024-03-30T12:00:00Z", in: "Europe/Berlin")
                == ["2024-03-31T01:30:00.000Z", "2024-04-01T00:30:00.000Z", "2024-04-02T00:30:00.000Z"])
        #expect(
            try nextRuns("0 * * * *", 3, from: "2024-03-31T00:30:00Z", in: "Europe/Berlin")
                == ["2024-03-31T01:00:00.000Z", "2024-03-31T02:00:00.000Z", "2024-03-31T03:00:00.000Z"])
    }

    @Test func fallBackBerlin() throws {
        #expect(
            try nextRuns("30 2 * * *", 3, from: "2024-10-26T12:00:00Z", in: "Europe/Berlin")
                == ["2024-10-27T00:30:00.000Z", "2024-10-28T01:30:00.000Z", "2024-10-29T01:30:00.000Z"])
        #expect(
            try nextRuns("0 * * * *", 3, from: "2024-10-26T23:30:00Z", in: "Europe/Berlin")
                == ["2024-10-27T00:00:00.000Z", "2024-10-27T02:00:00.000Z", "2024-10-27T03:00:00.000Z"])
    }

    @Test func successiveRunsAlwaysIncrease() throws {
        for zoneName in ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe"] {
            for text in ["* * * * *", "*/7 * * * *", "30 2 * * *", "0,30 1-3 * * *", "*/20 * * * * *"] {
                let expression = try CronExpression(text, timeZone: zone(zoneName))
                let runs = expression.next(count: 3000, after: date("2024-03-09T00:00:00Z"))
                #expect(zip(runs, runs.dropFirst()).allSatisfy { $0 < $1 }, "\(text) in \(zoneName)")
                let fall = expression.next(count: 3000, after: date("2024-10-26T00:00:00Z"))
                #expect(zip(fall, fall.dropFirst()).allSatisfy { $0 < $1 }, "\(text) in \(zoneName)")
            }
        }
    }

    @Test func fixedOffsetZones() throws {
        #expect(
            try nextRuns("0 9 * * *", 2, from: "2024-01-01T00:00:00Z", in: "Asia/Kolkata")
                == ["2024-01-01T03:30:00.000Z", "2024-01-02T03:30:00.000Z"])
        let gmt = TimeZone(secondsFromGMT: -3 * 3600)!
        #expect(
            try CronExpression("0 9 * * *", timeZone: gmt).next(after: date("2024-01-01T00:00:00Z")).map(iso)
                == "2024-01-01T12:00:00.000Z")
    }

    @Test func farFuturePastTheTable() throws {
        // The zone table covers 1900-2199; later years ask Foundation directly.
        #expect(
            try nextRuns("0 12 1 7 *", 1, from: "2250-01-01T00:00:00Z", in: "America/New_York")
                == ["2250-07-01T16:00:00.000Z"])
    }
}

/// On a spring-forward day croner 10's chained `nextRun` fires a schedule of the skipped hour once,
/// at the first instant after the change; NitroCron fires every skipped wall-clock time at the
/// instant it has with the offset before the change (Docs/Cron.md, deliberate difference 7).
struct CronSpringForwardTests {
    @Test func everyMinuteOfTheSkippedHourFiresInTheHourAfterIt() throws {
        // 2024-03-10 in New York: 02:00 EST becomes 03:00 EDT (07:00Z).
        let expression = try CronExpression("* 2 * * *", timeZone: zone("America/New_York"))
        let day = expression.next(count: 60, after: date("2024-03-10T06:00:00Z"))
        #expect(day.first.map(iso) == "2024-03-10T07:00:00.000Z")
        #expect(day.last.map(iso) == "2024-03-10T07:59:00.000Z")
        #expect(expression.next(after: date("2024-03-10T07:59:00Z")).map(iso) == "2024-03-11T06:00:00.000Z")
        // The set does not depend on where the chain starts: each of them matches.
        #expect(day.allSatisfy(expression.matches))
        #expect(expression.next(after: date("2024-03-10T07:29:30Z")).map(iso) == "2024-03-10T07:30:00.000Z")
    }

    @Test func theInstantASkippedTimeMovesToMatches() throws {
        // croner's match says no for 03:30 EDT; it is when the schedule fires, so it matches here.
        let expression = try CronExpression("30 2 * * *", timeZone: zone("America/New_York"))
        #expect(expression.matches(date("2024-03-10T07:30:00Z")))
        #expect(!expression.matches(date("2024-03-10T06:30:00Z")))
    }

    @Test func halfHoursOfTheSkippedHour() throws {
        #expect(
            try nextRuns("0 0,30 1,2 * * *", 5, from: "2024-03-10T05:00:00Z", in: "America/New_York")
                == [
                    "2024-03-10T06:00:00.000Z", "2024-03-10T06:30:00.000Z", "2024-03-10T07:00:00.000Z",
                    "2024-03-10T07:30:00.000Z", "2024-03-11T05:00:00.000Z",
                ])
    }
}
