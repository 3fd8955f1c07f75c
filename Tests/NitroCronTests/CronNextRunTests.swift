import Foundation
import Testing

@testable import NitroCron

/// Next instants in UTC for every feature of the syntax.
struct CronNextRunTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let from: String
        let expected: [String]
        var testDescription: String { "\(expression) from \(from)" }
        init(_ expression: String, _ from: String, _ expected: [String]) {
            self.expression = expression
            self.from = from
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        // Basics, lists, ranges, steps.
        Case("* * * * *", "2024-01-01T00:00:00Z", ["2024-01-01T00:01:00.000Z", "2024-01-01T00:02:00.000Z"]),
        Case("*/20 * * * *", "2024-01-01T00:50:00Z", ["2024-01-01T01:00:00.000Z", "2024-01-01T01:20:00.000Z"]),
        Case(
            "5,35 8-9 * * *", "2024-01-01T08:40:00Z", ["2024-01-01T09:05:00.000Z", "2024-01-01T09:35:00.000Z", "2024-01-02T08:05:00.000Z"]),
        Case(
            "10-40/15 * * * *", "2024-01-01T00:00:00Z",
            ["2024-01-01T00:10:00.000Z", "2024-01-01T00:25:00.000Z", "2024-01-01T00:40:00.000Z", "2024-01-01T01:10:00.000Z"]),
        Case("0 */6 * * *", "2024-01-01T05:00:00Z", ["2024-01-01T06:00:00.000Z", "2024-01-01T12:00:00.000Z"]),
        Case("0\t0  *\t*  *", "2024-01-01T00:00:00Z", ["2024-01-02T00:00:00.000Z"]),
        Case("  0 12 * * *  ", "2024-01-01T00:00:00Z", ["2024-01-01T12:00:00.000Z"]),
        // Seconds and years.
        Case("*/15 * * * * *", "2024-01-01T00:00:50Z", ["2024-01-01T00:01:00.000Z", "2024-01-01T00:01:15.000Z"]),
        Case("30 0 12 * * *", "2024-01-01T12:00:30Z", ["2024-01-02T12:00:30.000Z"]),
        Case("0 0 0 1 1 * 2030", "2024-06-01T00:00:00Z", ["2030-01-01T00:00:00.000Z"]),
        Case(
            "0 0 0 1 1 * 2025-2029/2", "2024-06-01T00:00:00Z",
            ["2025-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "2029-01-01T00:00:00.000Z"]),
        Case("0 0 0 1 1 * 2020", "2024-06-01T00:00:00Z", []),
        // Names in any case, 0 and 7 both Sunday, ranges ending at SUN.
        Case("0 9 * * mon-FRI", "2024-01-05T10:00:00Z", ["2024-01-08T09:00:00.000Z"]),
        Case("0 9 * * 7", "2024-01-01T00:00:00Z", ["2024-01-07T09:00:00.000Z"]),
        Case("0 9 * * 0", "2024-01-01T00:00:00Z", ["2024-01-07T09:00:00.000Z"]),
        Case(
            "0 9 * * FRI-SUN", "2024-01-01T00:00:00Z",
            ["2024-01-05T09:00:00.000Z", "2024-01-06T09:00:00.000Z", "2024-01-07T09:00:00.000Z", "2024-01-12T09:00:00.000Z"]),
        Case("0 0 1 jan,Jul *", "2024-02-01T00:00:00Z", ["2024-07-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"]),
        Case("0 0 1 */4 *", "2024-02-01T00:00:00Z", ["2024-05-01T00:00:00.000Z", "2024-09-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"]),
        // Month ends and leap years.
        Case("0 0 31 * *", "2024-01-31T00:00:00Z", ["2024-03-31T00:00:00.000Z", "2024-05-31T00:00:00.000Z"]),
        Case("0 0 29 2 *", "2023-01-01T00:00:00Z", ["2024-02-29T00:00:00.000Z", "2028-02-29T00:00:00.000Z"]),
        Case("0 0 29 2 *", "2096-03-01T00:00:00Z", ["2104-02-29T00:00:00.000Z"]),
        Case("0 0 L * *", "2023-01-31T00:00:00Z", ["2023-02-28T00:00:00.000Z", "2023-03-31T00:00:00.000Z", "2023-04-30T00:00:00.000Z"]),
        Case("0 0 L 2 *", "2024-01-01T00:00:00Z", ["2024-02-29T00:00:00.000Z", "2025-02-28T00:00:00.000Z"]),
        Case("0 0 1,L * *", "2024-02-01T00:00:00Z", ["2024-02-29T00:00:00.000Z", "2024-03-01T00:00:00.000Z"]),
        // croner skips day 1 after a month without day 31; we do not.
        Case("0 0 1,31 * *", "2024-02-27T00:00:00Z", ["2024-03-01T00:00:00.000Z", "2024-03-31T00:00:00.000Z", "2024-04-01T00:00:00.000Z"]),
        // Year rollover.
        Case("59 23 31 12 *", "2024-12-31T23:59:00Z", ["2025-12-31T23:59:00.000Z"]),
        Case("0 0 1 1 *", "2024-12-31T23:59:59Z", ["2025-01-01T00:00:00.000Z"]),
        Case("* * * * * *", "2024-12-31T23:59:59Z", ["2025-01-01T00:00:00.000Z"]),
        // LW, nW (never leaving the month), nL, n#k.
        Case(
            "0 0 LW * *", "2024-03-01T00:00:00Z",
            ["2024-03-29T00:00:00.000Z", "2024-04-30T00:00:00.000Z", "2024-05-31T00:00:00.000Z", "2024-06-28T00:00:00.000Z"]),
        Case(
            "0 0 15W * *", "2024-06-01T00:00:00Z",
            ["2024-06-14T00:00:00.000Z", "2024-07-15T00:00:00.000Z", "2024-08-15T00:00:00.000Z", "2024-09-16T00:00:00.000Z"]),
        Case("0 0 1W * *", "2024-06-01T00:00:00Z", ["2024-06-03T00:00:00.000Z", "2024-07-01T00:00:00.000Z"]),
        Case("0 0 31W * *", "2024-03-01T00:00:00Z", ["2024-03-29T00:00:00.000Z", "2024-05-31T00:00:00.000Z"]),
        Case("0 12 * * 5L", "2024-01-01T00:00:00Z", ["2024-01-26T12:00:00.000Z", "2024-02-23T12:00:00.000Z"]),
        Case("0 12 * * FRIl", "2024-01-01T00:00:00Z", ["2024-01-26T12:00:00.000Z"]),
        Case("0 12 * * FRI#2", "2024-01-01T00:00:00Z", ["2024-01-12T12:00:00.000Z", "2024-02-09T12:00:00.000Z"]),
        Case(
            "0 12 * * 1#1,5L", "2024-01-01T12:00:00Z", ["2024-01-26T12:00:00.000Z", "2024-02-05T12:00:00.000Z", "2024-02-23T12:00:00.000Z"]),
        Case("0 0 * * 2#5", "2024-01-01T00:00:00Z", ["2024-01-30T00:00:00.000Z", "2024-04-30T00:00:00.000Z"]),
        // Both day fields restricted: either matches. '+' requires both.
        Case("0 0 13 * 5", "2024-09-01T00:00:00Z", ["2024-09-06T00:00:00.000Z", "2024-09-13T00:00:00.000Z", "2024-09-20T00:00:00.000Z"]),
        Case("0 0 13 * +5", "2024-01-01T00:00:00Z", ["2024-09-13T00:00:00.000Z", "2024-12-13T00:00:00.000Z"]),
        // Only a literal '*' is unrestricted: '?' and '*/1' make the OR rule fire every day.
        Case("0 0 ? * MON", "2024-01-01T00:00:00Z", ["2024-01-02T00:00:00.000Z", "2024-01-03T00:00:00.000Z"]),
        Case("0 0 */1 * MON", "2024-01-01T00:00:00Z", ["2024-01-02T00:00:00.000Z"]),
        Case("0 0 1 * ?", "2024-01-01T00:00:00Z", ["2024-01-02T00:00:00.000Z"]),
        Case("0 0 * * ?", "2024-01-01T00:00:00Z", ["2024-01-02T00:00:00.000Z"]),
        Case("? ? ? ? ?", "2024-01-01T00:00:00Z", ["2024-01-01T00:01:00.000Z"]),
        // Nicknames.
        Case("@yearly", "2024-03-01T00:00:00Z", ["2025-01-01T00:00:00.000Z"]),
        Case("@ANNUALLY", "2024-03-01T00:00:00Z", ["2025-01-01T00:00:00.000Z"]),
        Case("@monthly", "2024-03-01T00:00:00Z", ["2024-04-01T00:00:00.000Z"]),
        Case("@weekly", "2024-03-01T00:00:00Z", ["2024-03-03T00:00:00.000Z"]),
        Case("@daily", "2024-03-01T00:00:00Z", ["2024-03-02T00:00:00.000Z"]),
        Case("@midnight", "2024-03-01T00:00:00Z", ["2024-03-02T00:00:00.000Z"]),
        Case("@hourly", "2024-03-01T00:30:00Z", ["2024-03-01T01:00:00.000Z"]),
    ]

    @Test(arguments: cases)
    func nextRuns(_ c: Case) throws {
        let runs = try NitroCronTests.nextRuns(c.expression, c.expected.count == 0 ? 1 : c.expected.count, from: c.from)
        #expect(runs == c.expected)
    }

    @Test func strictlyAfterAtWholeSeconds() throws {
        let everyMinute = try CronExpression("* * * * *")
        #expect(everyMinute.next(after: date("2024-01-01T00:01:00Z")).map(iso) == "2024-01-01T00:02:00.000Z")
        #expect(everyMinute.next(after: date("2024-01-01T00:00:59.999Z")).map(iso) == "2024-01-01T00:01:00.000Z")
        let everySecond = try CronExpression("* * * * * *")
        #expect(everySecond.next(after: date("2024-01-01T00:00:00.500Z")).map(iso) == "2024-01-01T00:00:01.000Z")
    }

    @Test func matchesIsWhatNextProduces() throws {
        let weekdays = try CronExpression("0 9 * * 1-5")
        #expect(weekdays.matches(date("2024-01-08T09:00:00Z")))
        #expect(weekdays.matches(date("2024-01-08T09:00:00.700Z")))
        #expect(!weekdays.matches(date("2024-01-07T09:00:00Z")))
        #expect(!weekdays.matches(date("2024-01-08T09:00:01Z")))
    }

    @Test func nextCountIsIncreasingAndBounded() throws {
        let expression = try CronExpression("0 0 0 1 1 * 2030-2031")
        let runs = expression.next(count: 5, after: date("2024-01-01T00:00:00Z"))
        #expect(runs.map(iso) == ["2030-01-01T00:00:00.000Z", "2031-01-01T00:00:00.000Z"])
        #expect(expression.next(count: 0, after: date("2024-01-01T00:00:00Z")).isEmpty)
        #expect(try CronExpression("* * * * *").next(after: date("9999-12-31T23:59:00Z")) == nil)
    }

    @Test func equalityIsTextAndZone() throws {
        #expect(try CronExpression("@daily") == CronExpression("@daily"))
        #expect(try CronExpression("@daily") != CronExpression("0 0 * * *"))
        #expect(try CronExpression("@daily") != CronExpression("@daily", timeZone: zone("Europe/Berlin")))
        #expect(try CronExpression("0 9 * * *").source == "0 9 * * *")
    }
}
