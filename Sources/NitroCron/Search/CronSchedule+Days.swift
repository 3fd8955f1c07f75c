extension CronSchedule {
    /// The days of one month that match both day fields, as bits 1-31.
    ///
    /// Unlike croner, days that the month does not have never match, so a listed day 31 cannot
    /// spill into the next month.
    func dayMask(year: Int, month: Int) -> UInt64 {
        let length = CivilDate.daysInMonth(year: year, month: month)
        let valid = (UInt64(1) << UInt64(length + 1)) - 2
        let firstWeekday = CivilDate.weekday(days: CivilDate.days(year: year, month: month, day: 1))
        switch dayRule {
        case .everyDay:
            return valid
        case .dayOfMonthOnly:
            return dayOfMonthMask(length: length, firstWeekday: firstWeekday, valid: valid)
        case .dayOfWeekOnly:
            return dayOfWeekMask(length: length, firstWeekday: firstWeekday) & valid
        case .either:
            return
                (dayOfMonthMask(length: length, firstWeekday: firstWeekday, valid: valid)
                | dayOfWeekMask(length: length, firstWeekday: firstWeekday)) & valid
        case .both:
            return dayOfMonthMask(length: length, firstWeekday: firstWeekday, valid: valid)
                & dayOfWeekMask(length: length, firstWeekday: firstWeekday) & valid
        }
    }

    /// Days matched by day-of-month: plain days, `L`, `LW` and `nW`.
    func dayOfMonthMask(length: Int, firstWeekday: Int, valid: UInt64) -> UInt64 {
        var mask = daysOfMonth & valid
        if lastDayOfMonth { mask |= 1 << UInt64(length) }
        if lastWeekdayOfMonth {
            let weekday = (firstWeekday + length - 1) % 7
            let day = weekday == 0 ? length - 2 : weekday == 6 ? length - 1 : length
            mask |= 1 << UInt64(day)
        }
        if nearestWeekdays != 0 {
            var bits = nearestWeekdays & valid
            while bits != 0 {
                let day = bits.trailingZeroBitCount
                bits &= bits - 1
                let weekday = (firstWeekday + day - 1) % 7
                var target = day
                if weekday == 0 {
                    target = day == length ? day - 2 : day + 1
                } else if weekday == 6 {
                    target = day == 1 ? day + 2 : day - 1
                }
                mask |= 1 << UInt64(target)
            }
        }
        return mask
    }

    /// Days matched by day-of-week, with `#k` and `L` occurrences.
    func dayOfWeekMask(length: Int, firstWeekday: Int) -> UInt64 {
        var mask: UInt64 = 0
        for weekday in 0..<7 {
            let occurrences = occurrences(of: weekday)
            if occurrences == 0 { continue }
            let first = 1 + (weekday - firstWeekday + 7) % 7
            if occurrences & 0x1F == 0x1F {
                mask |= Self.weekly << UInt64(first)
                continue
            }
            for k in 0..<5 where occurrences & (1 << UInt8(k)) != 0 {
                let day = first + 7 * k
                if day <= length { mask |= 1 << UInt64(day) }
            }
            if occurrences & Self.lastOccurrence != 0 {
                mask |= 1 << UInt64(first + 7 * ((length - first) / 7))
            }
        }
        return mask
    }

    /// Bits 0, 7, 14, 21, 28: one weekday's days, shifted to its first day.
    private static let weekly: UInt64 = 1 | 1 << 7 | 1 << 14 | 1 << 21 | 1 << 28
}
