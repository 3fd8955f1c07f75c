import Testing

@testable import NitroCron

/// Warnings about legal expressions that probably do not mean what they say.
struct CronWarningTests {
    @Test(arguments: [
        ("0 0 ? * MON", CronField.dayOfMonth, 5),
        ("0 0 */1 * MON", .dayOfMonth, 5),
        ("0 0 1 * ?", .dayOfWeek, 9),
        ("0 0 1-31 * 1-5", .dayOfMonth, 5),
        ("0 0 15 * 0-6", .dayOfWeek, 10),
    ])
    func orRuleThatFiresEveryDay(_ text: String, _ field: CronField, _ column: Int) throws {
        let warnings = try CronExpression(text).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.field == field)
        #expect(warnings.first?.column == column)
        #expect(warnings.first?.message.contains("fires every day") == true)
    }

    @Test(arguments: ["0 0 * * MON", "0 0 1 * *", "0 0 ? * ?", "0 0 ? * *", "0 0 * * ?", "0 0 1 * MON", "@weekly", "0 0 ? * +MON"])
    func noWarning(_ text: String) throws {
        #expect(try CronExpression(text).warnings.isEmpty)
    }

    @Test func monthThatNeverHasTheDay() throws {
        let warnings = try CronExpression("0 0 30 1-3 *").warnings
        #expect(warnings.map(\.message) == ["February has no day 30, so this never fires in it; use 'L' for the last day of the month"])
        #expect(try CronExpression("0 0 31 * *").warnings.isEmpty)
        #expect(warnings.first?.description == warnings.first?.message)
    }
}
