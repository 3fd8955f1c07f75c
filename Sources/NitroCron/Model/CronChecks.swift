/// Checks on a parsed expression beyond its grammar: whether it can ever fire, and what in it
/// probably does not mean what its author expects.
enum CronChecks {
    /// Fails when no day can ever match (`0 0 30 2 *`, `0 0 31 4 *`, Feb 29 in 2023 only).
    static func checkCanFire(_ parsed: ParsedExpression) throws(CronError) {
        let schedule = parsed.schedule
        guard schedule.firstMatchingDay() == nil else { return }
        let column = parsed.column(of: .dayOfMonth)
        let months = (1...12).filter { schedule.months & (1 << UInt64($0)) != 0 }.map { CivilDate.monthNames[$0] }
        let monthList = months.count == 1 ? months[0] : "any of " + months.joined(separator: ", ")
        if schedule.dayRule == .dayOfMonthOnly, schedule.dayOfMonthIsPlain, schedule.years == nil {
            let days = (1...31).filter { schedule.daysOfMonth & (1 << UInt64($0)) != 0 }
            let dayList = days.map(String.init).joined(separator: ", ")
            let reason =
                months.count == 1
                ? "\(months[0]) has no day \(dayList)"
                : "none of \(months.joined(separator: ", ")) has day \(days.map(String.init).joined(separator: " or "))"
            throw CronError(
                "this schedule can never fire: \(reason); pick days that exist (or 'L' for the last day)",
                column: column, field: .dayOfMonth)
        }
        if schedule.years != nil {
            throw CronError(
                "this schedule can never fire: no day in the listed years matches the day-of-month, month and day-of-week fields",
                column: parsed.column(of: .year) ?? column, field: .year)
        }
        throw CronError(
            "this schedule can never fire: no day in \(monthList) matches both the day-of-month and day-of-week fields",
            column: column, field: .dayOfMonth)
    }

    /// Warnings about legal but surprising expressions.
    static func warnings(_ parsed: ParsedExpression) -> [CronWarning] {
        var warnings: [CronWarning] = []
        let schedule = parsed.schedule
        // croner's OR rule: only a literal '*' counts as unrestricted, so '?' or '*/1' in one day
        // field joined by OR with a restricted other field matches every day.
        if !schedule.dayOfMonthIsStar, !schedule.dayOfWeekIsStar, !schedule.requiresBothDays,
            let dom = parsed.text(of: .dayOfMonth), let dow = parsed.text(of: .dayOfWeek), parsed.nickname == nil
        {
            let domAll = schedule.dayOfMonthCoversAll
            let dowAll = schedule.dayOfWeekCoversAll
            if domAll != dowAll {
                let (full, other) = domAll ? (dom, dow) : (dow, dom)
                warnings.append(
                    CronWarning(
                        "'\(full.text)' in \(full.field.displayName) is not '*': croner counts it as a restriction that matches every day and joins it with \(other.field.displayName) '\(other.text)' by OR, so this fires every day; write '*' in \(full.field.displayName) to let \(other.field.displayName) '\(other.text)' alone decide",
                        column: full.column, field: full.field))
            }
        }
        // A month restricted on purpose that a listed day never reaches.
        if schedule.dayRule == .dayOfMonthOnly, schedule.dayOfMonthIsPlain, schedule.months != 0b1_1111_1111_1110,
            let first = (1...31).first(where: { schedule.daysOfMonth & (1 << UInt64($0)) != 0 })
        {
            let skipped = (1...12).filter { month in
                schedule.months & (1 << UInt64(month)) != 0 && CivilDate.daysInMonth(year: 2000, month: month) < first
            }
            if !skipped.isEmpty {
                let names = skipped.map { CivilDate.monthNames[$0] }.joined(separator: ", ")
                warnings.append(
                    CronWarning(
                        "\(names) \(skipped.count == 1 ? "has" : "have") no day \(first), so this never fires in \(skipped.count == 1 ? "it" : "them"); use 'L' for the last day of the month",
                        column: parsed.column(of: .dayOfMonth), field: .dayOfMonth))
            }
        }
        return warnings
    }
}
