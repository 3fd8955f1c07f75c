/// Writes a schedule in a platform's dialect so that it fires at the same UTC instants, or
/// explains why it cannot and what to write instead.
struct CronTranslator {
    let parsed: ParsedExpression
    let zone: ZoneRules
    let platform: CronPlatform

    static let weekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    func translate() throws(CronError) -> String {
        try render(UTCPlanner(parsed: parsed, zone: zone, platform: platform).plan())
    }

    /// One UTC plan in the platform's dialect.
    func render(_ plan: UTCPlan) throws(CronError) -> String {
        let minute = FieldRenderer.numbers(plan.minutes, in: 0...59)
        let hour = FieldRenderer.numbers(plan.hours, in: 0...23)
        let month = FieldRenderer.numbers(plan.schedule.months, in: 1...12)
        let (dom, dow) = try days(plan)
        return [minute, hour, dom, month, dow].joined(separator: " ")
    }

    private var name: String { platform.displayName }

    private func days(_ plan: UTCPlan) throws(CronError) -> (String, String) {
        let schedule = plan.schedule
        switch plan.dayRule {
        case .everyDay:
            return ("*", "*")
        case .dayOfMonthOnly:
            return (try dayOfMonth(schedule), "*")
        case .dayOfWeekOnly:
            return ("*", try dayOfWeek(schedule))
        case .either:
            let dom = try dayOfMonth(schedule)
            let dow = try dayOfWeek(schedule)
            if platform == .vercel {
                let minute = FieldRenderer.numbers(plan.minutes, in: 0...59)
                let hour = FieldRenderer.numbers(plan.hours, in: 0...23)
                let month = FieldRenderer.numbers(schedule.months, in: 1...12)
                throw CronError(
                    "Vercel does not allow both day-of-month and day-of-week; this schedule fires on days matching either, so split it into two schedules: '\(minute) \(hour) \(dom) \(month) *' and '\(minute) \(hour) * \(month) \(dow)'",
                    column: parsed.column(of: .dayOfWeek), field: .dayOfWeek)
            }
            return (dom, dow)
        case .both:
            throw CronError(
                "\(name) cannot require both day fields ('+' in day-of-week); it fires when either matches. Pick the days another way, for example by checking the date in the task",
                column: parsed.column(of: .dayOfWeek), field: .dayOfWeek)
        }
    }

    private func dayOfMonth(_ schedule: CronSchedule) throws(CronError) -> String {
        let column = parsed.column(of: .dayOfMonth)
        let plain = schedule.daysOfMonth != 0
        let kinds = [plain, schedule.lastDayOfMonth, schedule.lastWeekdayOfMonth, schedule.nearestWeekdays != 0].filter { $0 }.count
        if schedule.dayOfMonthIsPlain {
            return FieldRenderer.numbers(schedule.daysOfMonth, in: 1...31)
        }
        if platform == .vercel {
            throw CronError(
                "Vercel cron has no 'L', 'LW' or 'W' in day-of-month; use plain days (such as '1' or '28-31') or deploy where croner runs the schedule",
                column: column, field: .dayOfMonth)
        }
        if kinds > 1 || schedule.nearestWeekdays.nonzeroBitCount > 1 {
            throw CronError(
                "Cloudflare accepts 'L', 'LW' or 'nW' only on its own in day-of-month, not in a list; split this into one schedule per term (such as '0 0 1 * *' and '0 0 L * *')",
                column: column, field: .dayOfMonth)
        }
        if schedule.lastDayOfMonth { return "L" }
        if schedule.lastWeekdayOfMonth { return "LW" }
        let day = schedule.nearestWeekdays.trailingZeroBitCount
        if day > 28 {
            let short = (1...12).filter { month in
                schedule.months & (1 << UInt64(month)) != 0 && CivilDate.daysInMonth(year: 2001, month: month) < day
            }
            if !short.isEmpty {
                let names = short.map { CivilDate.monthNames[$0] }.joined(separator: ", ")
                throw CronError(
                    "Cloudflare reads '\(day)W' differently from croner in months without day \(day) (\(names)): croner skips them, Cloudflare may fire on the Friday before; restrict the months or use 'LW'",
                    column: column, field: .dayOfMonth)
            }
        }
        return "\(day)W"
    }

    private func dayOfWeek(_ schedule: CronSchedule) throws(CronError) -> String {
        let column = parsed.column(of: .dayOfWeek)
        let weekdays = (0..<7).filter { schedule.occurrences(of: $0) != 0 }
        if schedule.dayOfWeekIsPlain {
            switch platform {
            case .cloudflare:
                return FieldRenderer.render(weekdays, in: 0...6) { Self.weekdayNames[$0] }
            case .vercel:
                return FieldRenderer.render(weekdays, in: 0...6) { String($0) }
            }
        }
        if platform == .vercel {
            throw CronError(
                "Vercel cron has no 'L' or '#' in day-of-week; use plain weekdays (0-6, 0 = Sunday) or deploy where croner runs the schedule",
                column: column, field: .dayOfWeek)
        }
        let occurrences = weekdays.map { schedule.occurrences(of: $0) }
        guard weekdays.count == 1, occurrences[0].nonzeroBitCount == 1 else {
            throw CronError(
                "Cloudflare accepts one 'nL' or 'n#k' term on its own in day-of-week, not in a list or next to other weekdays; split this into one schedule per term",
                column: column, field: .dayOfWeek)
        }
        let weekday = Self.weekdayNames[weekdays[0]]
        let bits = occurrences[0]
        if bits == CronSchedule.lastOccurrence { return "\(weekday)L" }
        return "\(weekday)#\(bits.trailingZeroBitCount + 1)"
    }
}

extension CronExpression {
    /// The expression in a platform's own dialect, firing at the same UTC instants as this
    /// expression does in its time zone.
    ///
    /// Nicknames expand to five fields, second `0` is dropped, day-of-week is renumbered
    /// (croner's `1`, Monday, is `MON` for Cloudflare, where `1` means Sunday), and a fixed
    /// offset or a zone that keeps one offset through the schedule's months is folded into UTC.
    ///
    /// - Throws: ``CronError`` saying why the platform cannot fire at these instants (seconds,
    ///   years, a clock change in the zone, a day-field combination the dialect lacks) and what
    ///   to write instead.
    public func translated(for platform: CronPlatform) throws(CronError) -> String {
        try CronTranslator(parsed: parsed, zone: zone, platform: platform).translate()
    }
}
