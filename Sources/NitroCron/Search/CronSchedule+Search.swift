extension CronSchedule {
    /// Seconds since the epoch of 10000-01-01T00:00:00: nothing is searched at or past it.
    static let endOfTime: Int64 = CivilDate.seconds(year: 10000, month: 1, day: 1)
    /// Seconds since the epoch of 0001-01-01T00:00:00: searches start no earlier.
    static let startOfTime: Int64 = CivilDate.seconds(year: 1, month: 1, day: 1)

    /// The first wall-clock time at or after `start` (seconds since the epoch, read as a civil
    /// time in the schedule's zone) that matches every field; nil if there is none before year 10000.
    func nextWallTime(atOrAfter start: Int64) -> Int64? {
        guard start < Self.endOfTime else { return nil }
        var (year, month, day, hour, minute, second) = CivilDate.components(max(start, Self.startOfTime))
        var maskYear = 0
        var maskMonth = 0
        var mask: UInt64 = 0
        while true {
            if year > 9999 { return nil }
            if let years, !years.contains(year) {
                guard let next = years.next(atOrAfter: year + 1) else { return nil }
                (year, month, day, hour, minute, second) = (next, 1, 1, 0, 0, 0)
            }
            // Month
            let monthBits = months & Self.bits(from: month)
            if monthBits == 0 {
                (year, month, day, hour, minute, second) = (year + 1, 1, 1, 0, 0, 0)
                continue
            }
            let nextMonth = monthBits.trailingZeroBitCount
            if nextMonth != month { (month, day, hour, minute, second) = (nextMonth, 1, 0, 0, 0) }
            // Day
            if maskYear != year || maskMonth != month {
                mask = dayMask(year: year, month: month)
                (maskYear, maskMonth) = (year, month)
            }
            let dayBits = mask & Self.bits(from: day)
            if dayBits == 0 {
                if month == 12 {
                    (year, month) = (year + 1, 1)
                } else {
                    month += 1
                }
                (day, hour, minute, second) = (1, 0, 0, 0)
                continue
            }
            let nextDay = dayBits.trailingZeroBitCount
            if nextDay != day { (day, hour, minute, second) = (nextDay, 0, 0, 0) }
            // Hour
            let hourBits = hours & Self.bits(from: hour)
            if hourBits == 0 {
                (day, hour, minute, second) = (day + 1, 0, 0, 0)
                continue
            }
            let nextHour = hourBits.trailingZeroBitCount
            if nextHour != hour { (hour, minute, second) = (nextHour, 0, 0) }
            // Minute
            let minuteBits = minutes & Self.bits(from: minute)
            if minuteBits == 0 {
                (hour, minute, second) = (hour + 1, 0, 0)
                continue
            }
            let nextMinute = minuteBits.trailingZeroBitCount
            if nextMinute != minute { (minute, second) = (nextMinute, 0) }
            // Second
            let secondBits = seconds & Self.bits(from: second)
            if secondBits == 0 {
                (minute, second) = (minute + 1, 0)
                continue
            }
            second = secondBits.trailingZeroBitCount
            return CivilDate.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
    }

    /// A mask of the bits at positions `>= index` (none when index is past 63).
    @inline(__always)
    static func bits(from index: Int) -> UInt64 {
        index >= 64 ? 0 : UInt64.max << UInt64(index)
    }

    /// Whether some day can ever match: the first matching day from 2000 on, over one 400-year
    /// cycle of the calendar (or over every allowed year when the year field is restricted).
    func firstMatchingDay() -> (year: Int, month: Int, day: Int)? {
        // Years of the 400-year cycle already tried, as bits (a set of integers would cost a short
        // command a protocol conformance lookup at first use).
        var seenCycleYears = [UInt64](repeating: 0, count: 7)
        var year: Int? = years == nil ? 2000 : years!.next(atOrAfter: 1)
        var checked = 0
        while let y = year {
            let cycleYear = ((y % 400) + 400) % 400
            let (word, bit) = (cycleYear / 64, UInt64(1) << UInt64(cycleYear % 64))
            if seenCycleYears[word] & bit == 0 {
                seenCycleYears[word] |= bit
                for month in 1...12 where months & (1 << UInt64(month)) != 0 {
                    let mask = dayMask(year: y, month: month)
                    if mask != 0 { return (y, month, mask.trailingZeroBitCount) }
                }
            }
            checked += 1
            if years == nil {
                if checked >= 400 { return nil }
                year = y + 1
            } else {
                year = years!.next(atOrAfter: y + 1)
            }
        }
        return nil
    }
}
