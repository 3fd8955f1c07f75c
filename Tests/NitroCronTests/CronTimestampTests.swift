import Foundation
import Testing

@testable import NitroCron

/// The timestamps `nitro cron` prints and reads.
struct CronTimestampTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(CronTimestamp.format(date("2024-01-01T00:01:00Z")) == "2024-01-01T00:01:00.000Z")
        #expect(CronTimestamp.format(date("1969-12-31T23:59:59.250Z")) == "1969-12-31T23:59:59.250Z")
        #expect(CronTimestamp.format(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59.000Z")
    }

    @Test(arguments: [
        ("2024-01-01", "UTC", "2024-01-01T00:00:00.000Z"),
        ("2024-01-01T09:30", "UTC", "2024-01-01T09:30:00.000Z"),
        ("2024-01-01T09:30:15.250Z", "Europe/Berlin", "2024-01-01T09:30:15.250Z"),
        ("2024-01-01 09:30:15", "Europe/Berlin", "2024-01-01T08:30:15.000Z"),
        ("2024-07-01T09:00:00", "Europe/Berlin", "2024-07-01T07:00:00.000Z"),
        ("2024-01-01T09:00:00+05:30", "UTC", "2024-01-01T03:30:00.000Z"),
        ("2024-01-01T09:00:00-0500", "UTC", "2024-01-01T14:00:00.000Z"),
        ("2024-03-10T02:30", "America/New_York", "2024-03-10T07:30:00.000Z"),
    ])
    func parses(_ text: String, _ zoneName: String, _ expected: String) throws {
        let parsed = try #require(CronTimestamp.parse(text, timeZone: zone(zoneName)))
        #expect(CronTimestamp.format(parsed) == expected)
    }

    /// A timestamp written with milliseconds reads back as the same text, far from 1970 too, where
    /// a `Double`'s step is microseconds and the nearest one to `.530` can lie below it (CronFuzz
    /// found `2520-11-02T01:30:01.530` written back as `.529`).
    @Test(arguments: [1, 1000, 1969, 1970, 2024, 2520, 5000, 9999])
    func everyMillisecondReadsBackAsWritten(_ year: Int) throws {
        let prefix = String(repeating: "0", count: 4 - String(year).count) + "\(year)-11-02T01:30:01."
        var mismatches: [String] = []
        for millisecond in 0..<1000 {
            let text = prefix + String(repeating: "0", count: 3 - String(millisecond).count) + "\(millisecond)Z"
            let parsed = try #require(CronTimestamp.parse(text, timeZone: zone("UTC")))
            let written = CronTimestamp.format(parsed)
            if written != text { mismatches.append("\(text) → \(written)") }
            // Read again in a zone with a fractional offset, as the fuzzer does.
            let local = try #require(CronTimestamp.parse(String(text.dropLast()), timeZone: zone("Australia/Lord_Howe")))
            let again = try #require(CronTimestamp.parse(CronTimestamp.format(local), timeZone: zone("Australia/Lord_Howe")))
            if CronTimestamp.format(again) != CronTimestamp.format(local) {
                mismatches.append("\(text) in Lord Howe → \(CronTimestamp.format(local)) → \(CronTimestamp.format(again))")
            }
        }
        let count = mismatches.count
        #expect(count == 0, "\(mismatches.prefix(5))")
    }

    @Test(arguments: [
        "", "yesterday", "2024-13-01", "2024-02-30", "2024-01-01T25:00", "2024-01-01T09", "2024-01-01T09:00:00.", "2024-01-01T09:00:00Zx",
        "24-01-01",
    ])
    func rejects(_ text: String) {
        #expect(CronTimestamp.parse(text, timeZone: zone("UTC")) == nil)
    }

    @Test func expressionsWorkInSetsAndAcrossTasks() async throws {
        let set: Set<CronExpression> = [try CronExpression("@daily"), try CronExpression("@daily"), try CronExpression("@hourly")]
        #expect(set.count == 2)
        let expression = try CronExpression("*/5 * * * *", timeZone: zone("Europe/Berlin"))
        let results = await withTaskGroup(of: Date?.self) { group in
            for _ in 0..<8 { group.addTask { expression.next(after: date("2024-01-01T00:00:00Z")) } }
            var collected: [Date?] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(Set(results.compactMap { $0 }).map(iso) == ["2024-01-01T00:05:00.000Z"])
    }
}
