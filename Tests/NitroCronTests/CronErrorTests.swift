import Testing

@testable import NitroCron

/// Every kind of invalid input: a message that says what to do, the field and the column.
struct CronErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let column: Int?
        let field: CronField?
        let fragment: String
        var testDescription: String { expression }
        init(_ expression: String, _ column: Int?, _ field: CronField?, _ fragment: String) {
            self.expression = expression
            self.column = column
            self.field = field
            self.fragment = fragment
        }
    }

    static let cases: [Case] = [
        Case("", 1, nil, "empty"),
        Case("   ", 1, nil, "empty"),
        Case("* * * *", 8, nil, "found 4"),
        Case("* * * * * * * *", 15, nil, "found 8"),
        Case("0 0 32 * *", 5, .dayOfMonth, "day-of-month 32 is out of range 1-31"),
        Case("60 * * * *", 1, .minute, "minute 60 is out of range 0-59"),
        Case("0 24 * * *", 3, .hour, "hour 24 is out of range 0-23"),
        Case("0 0 0 * *", 5, .dayOfMonth, "out of range 1-31"),
        Case("0 0 * 13 *", 7, .month, "month 13 is out of range 1-12"),
        Case("0 0 * * 8", 9, .dayOfWeek, "out of range 0-7"),
        Case("60 0 * * * *", 1, .second, "second 60"),
        Case("0 0 0 1 1 * 10000", 13, .year, "year 10000"),
        Case("5/15 * * * *", 1, .minute, "croner 10 rejects '5/15'"),
        Case("/5 * * * *", 1, .minute, "write '*/5'"),
        Case("*/0 * * * *", 3, .minute, "step of 0"),
        Case("*/61 * * * *", 3, .minute, "step 61 is larger"),
        Case("*/x * * * *", 2, .minute, "whole number"),
        Case("0 22-2 * * *", 3, .hour, "write '22-23,0-2'"),
        Case("1-2-3 * * * *", 1, .minute, "not a range"),
        Case("0 0 1,,2 * *", 7, .dayOfMonth, "empty item"),
        Case("0 0 1, * *", 6, .dayOfMonth, "empty item"),
        Case("0 0 * JANUARY *", 7, .month, "unknown month 'JANUARY'"),
        Case("0 0 * * MONDAY", 9, .dayOfWeek, "unknown day-of-week"),
        Case("MON 0 * * *", 1, .minute, "not a number"),
        Case("0 0 * * L", 9, .dayOfWeek, "needs a weekday"),
        Case("0 0 5L * *", 6, .dayOfMonth, "write a list such as '5,L'"),
        Case("0 0 L-2 * *", 5, .dayOfMonth, "no 'L-n'"),
        Case("0 0 1W,LW * *", 8, .dayOfMonth, "whole day-of-month"),
        Case("0 0 15W-20 * *", 7, .dayOfMonth, "W"),
        Case("0 0 W * *", 5, .dayOfMonth, "single day"),
        Case("0 0 * * MON#6", 12, .dayOfWeek, "occurrence 1-5"),
        Case("0 0 * * MON#0", 12, .dayOfWeek, "occurrence 1-5"),
        Case("0 0 * * 2#", 10, .dayOfWeek, "occurrence 1-5"),
        Case("0 0 * * #2", 9, .dayOfWeek, "needs a weekday"),
        Case("0 5W * * *", 4, .hour, "'W' (nearest weekday)"),
        Case("0 1#2 * * *", 4, .hour, "'#' (nth weekday)"),
        Case("5L * * * *", 2, .minute, "'L' (last)"),
        Case("0 0 * * +", 9, .dayOfWeek, "'+' must be followed"),
        Case("0 0 1 1 * * */2", 13, .year, "range such as"),
        Case("@reboot", 1, nil, "@reboot is not supported"),
        Case("@fortnightly", 1, nil, "unknown nickname"),
        Case("@daily 5", 8, nil, "stands alone"),
        Case("0 0 * * *\n", 10, nil, "control character"),
        Case("0\u{00A0}0 * * *", 2, nil, "no-break space"),
        Case("0 0 é * *", 5, nil, "non-ASCII"),
        // Expressions that can never fire are errors, not hangs.
        Case("0 0 30 2 *", 5, .dayOfMonth, "February has no day 30"),
        Case("0 0 31 4 *", 5, .dayOfMonth, "April has no day 31"),
        Case("0 0 31 2,4,6 *", 5, .dayOfMonth, "none of February, April, June has day 31"),
        Case("0 0 30 2 +MON", 5, .dayOfMonth, "can never fire"),
        Case("0 0 0 29 2 * 2023", 14, .year, "can never fire"),
    ]

    @Test(arguments: cases)
    func rejects(_ c: Case) {
        do {
            _ = try CronExpression(c.expression)
            Issue.record("accepted \(c.expression)")
        } catch {
            #expect(error.message.contains(c.fragment), "\(error.message)")
            #expect(error.column == c.column, "\(error.message)")
            #expect(error.field == c.field, "\(error.message)")
        }
    }

    @Test func nicknameErrorsPointAtTheNickname() throws {
        #expect(throws: CronError.self) { try CronExpression("  @hourly x") }
        #expect(try CronExpression("  @HOURLY  ").next(after: date("2024-01-01T00:00:00Z")).map(iso) == "2024-01-01T01:00:00.000Z")
    }

    @Test func descriptionIsTheMessage() {
        let error = CronError("day-of-month 32 is out of range 1-31", column: 5, field: .dayOfMonth)
        #expect(error.description == error.message)
        #expect(CronField.dayOfMonth.displayName == "day-of-month")
    }
}
