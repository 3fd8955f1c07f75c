import Foundation
import Testing

@testable import NitroCron

/// Platform dialects: same UTC instants, or an error that says why and what to write.
struct CronTranslationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let zone: String
        let cloudflare: String  // expected text, or "!fragment" for an error containing fragment
        let vercel: String
        var testDescription: String { "\(expression) [\(zone)]" }
        init(_ expression: String, _ zone: String = "UTC", cloudflare: String, vercel: String) {
            self.expression = expression
            self.zone = zone
            self.cloudflare = cloudflare
            self.vercel = vercel
        }
    }

    static let cases: [Case] = [
        Case("* * * * *", cloudflare: "* * * * *", vercel: "* * * * *"),
        Case("*/15 * * * *", cloudflare: "*/15 * * * *", vercel: "*/15 * * * *"),
        Case("5-50/15 3-22/4 * * *", cloudflare: "5-50/15 3-19/4 * * *", vercel: "5-50/15 3-19/4 * * *"),
        Case("0,30 */8 * * *", cloudflare: "0,30 */8 * * *", vercel: "0,30 */8 * * *"),
        Case("0 0 1 */6 *", cloudflare: "0 0 1 1,7 *", vercel: "0 0 1 1,7 *"),
        // Monday is croner's 1; Cloudflare reads 1 as Sunday, so it gets a name.
        Case("0 9 * * 1", cloudflare: "0 9 * * MON", vercel: "0 9 * * 1"),
        Case("0 9 * * MON-FRI", cloudflare: "0 9 * * MON-FRI", vercel: "0 9 * * 1-5"),
        Case("0 9 * * 7", cloudflare: "0 9 * * SUN", vercel: "0 9 * * 0"),
        Case("0 9 * * FRI-SUN", cloudflare: "0 9 * * SUN,FRI,SAT", vercel: "0 9 * * 0,5,6"),
        Case("0 0 1 JAN,JUL *", cloudflare: "0 0 1 1,7 *", vercel: "0 0 1 1,7 *"),
        // Nicknames expand; seconds 0 drop.
        Case("@weekly", cloudflare: "0 0 * * SUN", vercel: "0 0 * * 0"),
        Case("@hourly", cloudflare: "0 * * * *", vercel: "0 * * * *"),
        Case("0 30 2 * * *", cloudflare: "30 2 * * *", vercel: "30 2 * * *"),
        Case("15 * * * * *", cloudflare: "!second 0", vercel: "!second 0"),
        Case("0 0 0 1 1 * 2030", cloudflare: "!no year field", vercel: "!no year field"),
        // The OR rule: '?' matches every day, so the faithful translation is every day.
        Case("0 0 ? * MON", cloudflare: "0 0 * * *", vercel: "0 0 * * *"),
        Case("0 0 1,15 * 1", cloudflare: "0 0 1,15 * MON", vercel: "!split it into two schedules: '0 0 1,15 * *' and '0 0 * * 1'"),
        Case("0 0 13 * +5", cloudflare: "!both day fields", vercel: "!both day fields"),
        Case("0 0 1-31 * +5", cloudflare: "0 0 * * FRI", vercel: "0 0 * * 5"),
        // L, W, #.
        Case("0 0 L * *", cloudflare: "0 0 L * *", vercel: "!no 'L', 'LW' or 'W'"),
        Case("59 23 LW * *", cloudflare: "59 23 LW * *", vercel: "!no 'L', 'LW' or 'W'"),
        Case("0 0 15W * *", cloudflare: "0 0 15W * *", vercel: "!no 'L', 'LW' or 'W'"),
        Case("0 0 31W * *", cloudflare: "!'31W' differently", vercel: "!no 'L'"),
        Case("0 0 31W 1,3 *", cloudflare: "0 0 31W 1,3 *", vercel: "!no 'L'"),
        Case("0 0 1,L * *", cloudflare: "!only on its own", vercel: "!no 'L'"),
        Case("0 18 * * 5L", cloudflare: "0 18 * * FRIL", vercel: "!no 'L' or '#'"),
        Case("0 18 * * FRI#2", cloudflare: "0 18 * * FRI#2", vercel: "!no 'L' or '#'"),
        Case("0 18 * * 1#1,5L", cloudflare: "!one 'nL' or 'n#k' term", vercel: "!no 'L' or '#'"),
        Case("0 0 L * MON", cloudflare: "0 0 L * MON", vercel: "!no 'L'"),
        // Fixed offsets fold into UTC, carrying the day when the days allow it.
        Case("0 9 * * *", "Asia/Kolkata", cloudflare: "30 3 * * *", vercel: "30 3 * * *"),
        Case("0 9 * * *", "Asia/Tokyo", cloudflare: "0 0 * * *", vercel: "0 0 * * *"),
        Case("0 2 * * MON", "Asia/Tokyo", cloudflare: "0 17 * * SUN", vercel: "0 17 * * 0"),
        Case("0 2 1 * *", "Asia/Tokyo", cloudflare: "!another day", vercel: "!another day"),
        Case("30 9 * * *", "Asia/Kolkata", cloudflare: "0 4 * * *", vercel: "0 4 * * *"),
        Case("0,30 9 * * *", "Asia/Kolkata", cloudflare: "!one set of hours", vercel: "!one set of hours"),
        Case("0 9,10 * * *", "Asia/Kolkata", cloudflare: "30 3,4 * * *", vercel: "30 3,4 * * *"),
        Case("15,45 9 * * *", "Asia/Kolkata", cloudflare: "!one set of hours", vercel: "!one set of hours"),
        // Zones that change their clocks: only months without a change can be written in UTC.
        Case("0 9 * * *", "America/New_York", cloudflare: "!changes its UTC offset", vercel: "!'0 14 * * *'"),
        Case("0 9 * 1 *", "America/New_York", cloudflare: "0 14 * 1 *", vercel: "0 14 * 1 *"),
        Case("0 9 * 7 *", "Europe/Berlin", cloudflare: "0 7 * 7 *", vercel: "0 7 * 7 *"),
        Case("0 12 * 10 *", "America/New_York", cloudflare: "0 16 * 10 *", vercel: "0 16 * 10 *"),
        Case("0 22 * 10 *", "America/New_York", cloudflare: "!another day", vercel: "!another day"),
        Case("0 22 * * SAT", "America/New_York", cloudflare: "!changes its UTC offset", vercel: "!'0 3 * * 0'"),
        Case("0 22 * 1 SAT", "America/New_York", cloudflare: "!another day", vercel: "!another day"),
        Case("0 9 * 3 *", "Europe/Berlin", cloudflare: "!daylight saving time", vercel: "!daylight saving time"),
    ]

    @Test(arguments: cases)
    func translates(_ c: Case) throws {
        let expression = try CronExpression(c.expression, timeZone: zone(c.zone))
        for (platform, expected) in [(CronPlatform.cloudflare, c.cloudflare), (.vercel, c.vercel)] {
            if expected.hasPrefix("!") {
                do {
                    let text = try expression.translated(for: platform)
                    Issue.record("\(platform): expected an error, got '\(text)'")
                } catch {
                    #expect(error.message.contains(expected.dropFirst()), "\(platform): \(error.message)")
                }
            } else {
                #expect(try expression.translated(for: platform) == expected, "\(platform)")
            }
        }
    }

    /// The translation fires at exactly the instants of the original. Read back with croner's
    /// rules: Cloudflare weekdays are written as names and Vercel's are croner's numbers, and
    /// croner reads `L`, `LW`, `nW`, `nL`, `n#k` as Cloudflare does in the forms written here.
    @Test(arguments: cases)
    func translationFiresAtTheSameInstants(_ c: Case) throws {
        let original = try CronExpression(c.expression, timeZone: zone(c.zone))
        let start = date("2025-01-01T00:00:00Z")
        for (platform, expected) in [(CronPlatform.cloudflare, c.cloudflare), (.vercel, c.vercel)] where !expected.hasPrefix("!") {
            let utc = try CronExpression(try original.translated(for: platform))
            #expect(original.next(count: 1500, after: start) == utc.next(count: 1500, after: start), "\(platform)")
        }
    }

    @Test func errorsPointAtTheField() throws {
        do {
            _ = try CronExpression("0 0 0 1 1 * 2030").translated(for: .vercel)
        } catch {
            #expect(error.field == .year)
            #expect(error.column == 13)
        }
        do {
            _ = try CronExpression("0 0 L * *").translated(for: .vercel)
        } catch {
            #expect(error.field == .dayOfMonth)
            #expect(error.column == 5)
        }
    }

    @Test func platformNames() {
        #expect(CronPlatform.allCases.map(\.rawValue) == ["cloudflare", "vercel"])
        #expect(CronPlatform.cloudflare.displayName == "Cloudflare")
    }
}
