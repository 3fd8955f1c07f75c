import Foundation
import Testing

@testable import NitroCron

/// Found by the cron fuzzer (Tests/Fuzz/Targets/CronFuzz.swift): a wall-clock time that a
/// forward change skips fires at an instant after the change (read with the offset before it),
/// so a search starting just after the change must still find it; `next` and `matches` agree.
struct CronGapRegressionTests {
    @Test func aSkippedTimeStillAheadIsFoundFromJustAfterTheChange() throws {
        // Berlin, 2014-03-30: 02:00 CET → 03:00 CEST at 01:00Z. 02:02 is skipped and fires at 01:02Z.
        // (Day-of-month `L` or Sunday `0`: the last day of the month and every Sunday.)
        let expression = try CronExpression("00 2 2 L * 0", timeZone: zone("Europe/Berlin"))
        #expect(expression.next(after: date("2014-03-29T03:37:27Z")).map(iso) == "2014-03-30T01:02:00.000Z")
        #expect(expression.matches(date("2014-03-30T01:02:00Z")))
        #expect(expression.next(after: date("2014-03-30T01:00:30Z")).map(iso) == "2014-03-30T01:02:00.000Z")
        #expect(expression.next(after: date("2014-03-30T01:02:00Z")).map(iso) == "2014-03-31T00:02:00.000Z")
    }

    @Test func everySecondThroughTheChangeNeverRepeatsOrGoesBack() throws {
        let expression = try CronExpression("* * * * * *", timeZone: zone("America/New_York"))
        let start = date("2024-03-10T06:59:58Z")
        let instants = expression.next(count: 4000, after: start)
        #expect(instants.count == 4000)
        #expect(zip(instants, instants.dropFirst()).allSatisfy { $0 < $1 })
        #expect(instants.first.map(iso) == "2024-03-10T06:59:59.000Z")
        for instant in instants.prefix(100) { #expect(expression.matches(instant)) }
        // Inside the skipped hour's instants, every second still fires once.
        #expect(expression.next(after: date("2024-03-10T07:30:00Z")).map(iso) == "2024-03-10T07:30:01.000Z")
    }
}
