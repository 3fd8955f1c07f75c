/// A one-shot pattern: an ISO-8601 date-time instead of cron fields, as croner reads a pattern
/// that contains `:` (`2030-01-01T00:00:00Z`, or `2030-01-01T09:00` as a wall-clock time in the
/// expression's zone). It fires once.
struct OneShotDate: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// The written UTC offset in seconds (`Z` is 0), or nil for a wall-clock time in the zone.
    var offset: Int64?

    /// Whether `text` is meant as a date-time rather than cron fields: croner's rule, a `:` in it
    /// (no cron field has one).
    static func looksLikeDate(_ bytes: [UInt8]) -> Bool {
        bytes.contains(UInt8(ascii: ":"))
    }

    /// Reads `YYYY-MM-DDTHH:MM`, optionally `:SS` and a zero fraction, then optionally `Z` or an
    /// offset (`+02:00`, `-0530`).
    static func parse(_ bytes: [UInt8]) throws(CronError) -> OneShotDate {
        var reader = ASCIIReader(bytes: bytes)
        let shape =
            "write a one-shot date as YYYY-MM-DDTHH:MM:SS, with Z or an offset such as +02:00 for an absolute instant, or without for a wall-clock time in the schedule's time zone"
        func fail(_ what: String) -> CronError {
            CronError("\(what); \(shape)", column: reader.index + 1)
        }
        guard let year = reader.number(4), year >= 1 else { throw fail("expected a four-digit year") }
        guard reader.take("-"), let month = reader.number(2) else { throw fail("expected '-' and a two-digit month") }
        guard (1...12).contains(month) else {
            throw CronError("month \(month) is out of range 1-12", column: reader.index - 1)
        }
        guard reader.take("-"), let day = reader.number(2) else { throw fail("expected '-' and a two-digit day") }
        guard day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else {
            throw CronError(
                "\(CivilDate.monthNames[month]) \(year) has no day \(day), so this one-shot date never comes",
                column: reader.index - 1)
        }
        if reader.peek == 0x20 {
            throw CronError("write 'T' between the date and the time, not a space (\(shape))", column: reader.index + 1)
        }
        guard reader.take("T") || reader.take("t") else { throw fail("expected 'T' and a time after the date") }
        func part(_ limit: Int, _ what: String) throws(CronError) -> Int {
            let start = reader.index
            guard let value = reader.number(2), value < limit else {
                reader.index = start
                throw fail(what)
            }
            return value
        }
        let hour = try part(24, "expected an hour 00-23")
        guard reader.take(":") else { throw fail("expected ':' and a minute 00-59") }
        let minute = try part(60, "expected a minute 00-59")
        var second = 0
        if reader.take(":") {
            second = try part(60, "expected a second 00-59")
            if reader.take(".") {
                let start = reader.index
                while let digit = reader.peek, digit >= 0x30, digit <= 0x39 {
                    guard digit == 0x30 else {
                        throw CronError("a one-shot date fires at a whole second; drop the fraction", column: reader.index + 1)
                    }
                    reader.index += 1
                }
                guard reader.index > start else { throw fail("expected digits after '.'") }
            }
        }
        var offset: Int64?
        if reader.take("Z") || reader.take("z") {
            offset = 0
        } else if let sign = reader.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            reader.index += 1
            guard let hours = reader.number(2), hours <= 14 else { throw fail("expected an offset hour 00-14") }
            _ = reader.take(":")
            guard let minutes = reader.number(2), minutes < 60 else { throw fail("expected offset minutes 00-59") }
            let magnitude = Int64(hours * 3600 + minutes * 60)
            offset = sign == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        guard reader.index == bytes.count else { throw fail("unexpected text after the date-time") }
        return OneShotDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// The schedule that matches this wall-clock time only: every field one value, the year too.
    var schedule: CronSchedule {
        var schedule = CronSchedule()
        schedule.seconds = 1 << UInt64(second)
        schedule.minutes = 1 << UInt64(minute)
        schedule.hours = 1 << UInt64(hour)
        schedule.daysOfMonth = 1 << UInt64(day)
        schedule.months = 1 << UInt64(month)
        for weekday in 0..<7 { schedule.addOccurrences(CronSchedule.anyOccurrence, weekday: weekday) }
        schedule.dayOfWeekIsStar = true
        var years = YearSet()
        years.insert(year)
        schedule.years = years
        return schedule
    }
}
