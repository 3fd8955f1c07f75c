import Foundation

/// A schedule moved from its time zone to UTC, ready to be written in a five-field dialect.
struct UTCPlan {
    var minutes: UInt64
    var hours: UInt64
    var schedule: CronSchedule
    var dayRule: DayRule
}

/// Moves a schedule to UTC when its instants can be written as a UTC cron, or says why not.
struct UTCPlanner {
    let parsed: ParsedExpression
    let zone: ZoneRules
    let platform: CronPlatform

    /// The years whose offsets a translation must respect.
    static let window = 2025...2199

    private var schedule: CronSchedule { parsed.schedule }

    func plan() throws(CronError) -> UTCPlan {
        try checkFields()
        let offset = try steadyOffset()
        var plan = UTCPlan(minutes: schedule.minutes, hours: schedule.hours, schedule: schedule, dayRule: schedule.dayRule)
        if offset != 0 { try shift(&plan, by: offset) }
        return plan
    }

    /// The fields no five-field platform cron has: seconds other than 0, a year, a one-shot date.
    func checkFields() throws(CronError) {
        let platformName = platform.displayName
        if let date = parsed.oneShot {
            throw CronError(
                "\(platformName) cron has no year, so the one-shot date \(date.year)-\(date.month < 10 ? "0" : "")\(date.month)-\(date.day < 10 ? "0" : "")\(date.day) cannot be a \(platformName) schedule; run it where the app's own scheduler runs (a server preset), or schedule a cron and check the date in the task",
                column: 1)
        }
        if schedule.seconds != 1 {
            throw CronError(
                "\(platformName) runs cron schedules once a minute at most, at second 0; drop the seconds field or set it to 0",
                column: parsed.column(of: .second), field: .second)
        }
        if schedule.years != nil {
            throw CronError(
                "\(platformName) cron has no year field; remove it (or make it '*') and stop the schedule another way",
                column: parsed.column(of: .year), field: .year)
        }
    }

    private var zoneName: String { zone.timeZone.identifier }

    /// The one UTC offset in force whenever the schedule can fire, or an error for zones whose
    /// clocks change during the schedule's months.
    private func steadyOffset() throws(CronError) -> Int64 {
        if let fixed = zone.fixedOffset { return fixed }
        let months = (1...12).filter { schedule.months & (1 << UInt64($0)) != 0 }
        let start = CivilDate.seconds(year: Self.window.lowerBound, month: 1, day: 1)
        let end = CivilDate.seconds(year: Self.window.upperBound + 1, month: 1, day: 1)
        var changes = false
        for (index, instant) in zone.transitions.enumerated() where instant >= start && instant < end {
            // The wall-clock times on both sides of the change; the schedule's instants in other
            // months all have the offset in force then, whatever day they fall on in UTC.
            for offset in [zone.offsets[index], zone.offsets[index + 1]] {
                if months.contains(CivilDate.components(instant + offset).month) { changes = true }
            }
        }
        var offsets = Set<Int64>()
        if !changes {
            for year in Self.window {
                for month in months {
                    offsets.insert(zone.offset(at: CivilDate.seconds(year: year, month: month, day: 15)))
                }
            }
        }
        if !changes, offsets.count == 1 { return offsets.first! }
        let january = zone.offset(at: CivilDate.seconds(year: 2025, month: 1, day: 15))
        var hint = ""
        if let text = try? CronTranslator(parsed: parsed, zone: ZoneRules.fixed(january), platform: platform).translate() {
            hint = " ('\(text)' fires at these times with \(zoneName)'s January offset, \(Self.describe(january)))"
        }
        throw CronError(
            "\(zoneName) changes its UTC offset during the months this schedule runs (daylight saving time), and \(platform.displayName) runs cron in UTC only, so no \(platform.displayName) schedule fires at these \(zoneName) times all year; write the schedule in UTC\(hint), or restrict it to months without a clock change",
            column: nil, field: nil)
    }

    /// Moves the times of day by the offset, carrying the day over where the days allow it.
    private func shift(_ plan: inout UTCPlan, by offset: Int64) throws(CronError) {
        guard offset % 60 == 0 else {
            throw CronError("\(zoneName)'s offset \(Self.describe(offset)) is not whole minutes; write the schedule in UTC")
        }
        let shiftMinutes = Int(offset / 60)
        var times = Set<Int>()
        var dayShifts = Set<Int>()
        for hour in 0..<24 where schedule.hours & (1 << UInt64(hour)) != 0 {
            for minute in 0..<60 where schedule.minutes & (1 << UInt64(minute)) != 0 {
                let moved = hour * 60 + minute - shiftMinutes
                let dayShift = moved >= 0 ? moved / 1440 : -((1439 - moved) / 1440)
                dayShifts.insert(dayShift)
                times.insert(moved - dayShift * 1440)
            }
        }
        var hours: UInt64 = 0
        var minutes: UInt64 = 0
        for time in times {
            hours |= 1 << UInt64(time / 60)
            minutes |= 1 << UInt64(time % 60)
        }
        guard hours.nonzeroBitCount * minutes.nonzeroBitCount == times.count else {
            throw CronError(
                "in UTC (\(zoneName) is \(Self.describe(offset))) these times are not one set of hours times one set of minutes, which a single \(platform.displayName) cron needs; write the schedule in UTC or split it into several",
                column: parsed.column(of: .minute), field: .minute)
        }
        plan.hours = hours
        plan.minutes = minutes
        if dayShifts == [0] { return }
        let allMonths: UInt64 = 0b1_1111_1111_1110
        if plan.dayRule == .everyDay, schedule.months == allMonths { return }
        if dayShifts.count == 1, plan.dayRule == .dayOfWeekOnly, schedule.dayOfWeekIsPlain, schedule.months == allMonths {
            let dayShift = dayShifts.first!
            var rotated = CronSchedule()
            for weekday in 0..<7 where schedule.occurrences(of: weekday) != 0 {
                rotated.addOccurrences(CronSchedule.anyOccurrence, weekday: (weekday + dayShift + 7) % 7)
            }
            plan.schedule.weekdays = rotated.weekdays
            return
        }
        throw CronError(
            "in UTC (\(zoneName) is \(Self.describe(offset))) \(dayShifts.count == 1 ? "these times fall on another day" : "some of these times fall on another day"), which \(platform.displayName) cannot express with these day and month fields; write the schedule in UTC",
            column: parsed.column(of: .hour), field: .hour)
    }

    /// `UTC+05:30`.
    static func describe(_ offset: Int64) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let hh = minutes / 60
        let mm = minutes % 60
        return "UTC\(sign)\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}
