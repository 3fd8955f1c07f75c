import Testing

@testable import NitroCron

/// ``CronExpression/inWords``: what the development dashboard shows next to each schedule.
struct CronInWordsTests {
    static let cases: [(String, String)] = [
        ("* * * * *", "At every minute"),
        ("*/5 * * * *", "At every 5th minute"),
        ("0 * * * *", "At minute 0"),
        ("30 2 * * *", "At 02:30"),
        ("0 9 * * 1", "At 09:00 on Monday"),
        ("0 9 * * MON-FRI", "At 09:00 on Monday through Friday"),
        ("0 9,17 * * sat,sun", "At 09:00 and 17:00 on Saturday and Sunday"),
        ("0 */2 * * *", "At minute 0 past every 2nd hour"),
        ("*/10 9-17 * * 1-5", "At every 10th minute past every hour from 9 through 17 on Monday through Friday"),
        ("15 10 1 * *", "At 10:15 on day-of-month 1"),
        ("0 0 L * *", "At 00:00 on the last day of the month"),
        ("0 0 LW * *", "At 00:00 on the last weekday of the month"),
        ("0 0 15W * *", "At 00:00 on the weekday nearest day 15 of the month"),
        ("0 12 * * 5L", "At 12:00 on the last Friday of the month"),
        ("0 12 * * 1#2", "At 12:00 on the 2nd Monday of the month"),
        ("0 0 1 JAN-MAR *", "At 00:00 on day-of-month 1 in January through March"),
        ("0 0 1 */3 *", "At 00:00 on day-of-month 1 in every 3rd month"),
        ("0 0 13 * 5", "At 00:00 on day-of-month 13 or on Friday"),
        ("0 0 13 * +5", "At 00:00 on day-of-month 13 if it is Friday"),
        ("*/15 * * * * *", "At every 15th second"),
        ("5 * * * * *", "At second 5"),
        ("5 */2 * * * *", "At second 5 past every 2nd minute"),
        ("0 30 2 * * *", "At 02:30"),
        ("30 0 12 * * *", "At 12:00:30"),
        ("0 0 0 1 1 * 2030", "At 00:00 on day-of-month 1 in January in year 2030"),
        ("@daily", "At 00:00"),
        ("@weekly", "At 00:00 on Sunday"),
        ("@hourly", "At minute 0"),
        ("0 0 * * 7", "At 00:00 on Sunday"),
        ("0-30/10 * * * *", "At every 10th minute from 0 through 30"),
        ("5-59/20 * * * *", "At every 20th minute from 5 through 59"),
        ("1,2,3 * * * *", "At minutes 1, 2 and 3"),
        ("0 0 1,15 * *", "At 00:00 on days-of-month 1 and 15"),
        ("0 0 1,L * *", "At 00:00 on day-of-month 1 and the last day of the month"),
        ("0 0 * * * * 2027,2029", "At minute 0 in years 2027 and 2029"),
        ("0 0 11 * *", "At 00:00 on day-of-month 11"),
        ("2030-01-01T09:00:00+01:00", "Once, at 2030-01-01T09:00:00+01:00"),
    ]

    @Test(arguments: cases)
    func describes(_ expression: String, _ words: String) throws {
        #expect(try CronExpression(expression).inWords == words)
    }

    @Test func ordinals() {
        #expect(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(CronWords.ordinal) == [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
            ])
    }
}
