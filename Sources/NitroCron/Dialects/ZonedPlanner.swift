import Foundation

/// Moves a schedule written in a time zone to the UTC crons a UTC-only platform needs, for every
/// offset the zone has during the schedule's months, merged into as few crons as the dialect
/// allows. The crons fire at every instant of the schedule and, where one cron cannot say exactly
/// which offset is in force, at a few more; the app filters those at run time
/// (``CronExpression/firesAt(platformInstant:)``).
struct ZonedPlanner {
    let parsed: ParsedExpression
    let zone: ZoneRules
    let platform: CronPlatform

    private var schedule: CronSchedule { parsed.schedule }

    /// One UTC cron before rendering, and whether it covers more instants than the schedule's.
    private struct Piece {
        var minutes: UInt64
        var hours: UInt64
        /// The day fields and months (minutes and hours unused).
        var days: CronSchedule
        var widened: Bool
    }

    /// The plans, and whether their instants are exactly the schedule's (no filtering needed).
    func plans() throws(CronError) -> (plans: [UTCPlan], exact: Bool) {
        let planner = UTCPlanner(parsed: parsed, zone: zone, platform: platform)
        try planner.checkFields()
        if let single = try? planner.plan() { return ([single], true) }
        let offsets = offsetsByMonth()
        var pieces: [Piece] = []
        for (offset, months) in offsets {
            guard offset % 60 == 0 else {
                throw CronError(
                    "\(zone.timeZone.identifier)'s offset \(UTCPlanner.describe(offset)) is not whole minutes, and \(platform.displayName) cron fires at whole minutes in UTC; write the schedule in UTC"
                )
            }
            pieces += try self.pieces(offset: offset, months: months)
        }
        let merged = merge(pieces)
        let exact = offsets.count == 1 && !merged.contains(where: \.widened)
        let plans = merged.map { piece in
            var days = piece.days
            days.minutes = piece.minutes
            days.hours = piece.hours
            return UTCPlan(minutes: piece.minutes, hours: piece.hours, schedule: days, dayRule: days.dayRule)
        }
        return (plans, exact)
    }

    /// For each offset the zone has during the schedule's months (2025-2199), those months.
    private func offsetsByMonth() -> [(offset: Int64, months: UInt64)] {
        if let fixed = zone.fixedOffset { return [(fixed, schedule.months)] }
        var found: [Int64: UInt64] = [:]
        // A local month starts and ends within 15 hours of its UTC bounds (offsets are within ±14 h).
        let margin: Int64 = 15 * 3600
        for year in UTCPlanner.window {
            for month in 1...12 where schedule.months & (1 << UInt64(month)) != 0 {
                let start = CivilDate.seconds(year: year, month: month, day: 1) - margin
                let end = CivilDate.seconds(year: year + month / 12, month: month % 12 + 1, day: 1) + margin
                for offset in zone.offsets(from: start, to: end) { found[offset, default: 0] |= 1 << UInt64(month) }
            }
        }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }

    /// The UTC crons of one offset: times grouped by the day they move to, then hours with the same
    /// minutes together.
    private func pieces(offset: Int64, months: UInt64) throws(CronError) -> [Piece] {
        let shiftMinutes = Int(offset / 60)
        var byDayShift: [Int: [Int: UInt64]] = [:]
        for hour in 0..<24 where schedule.hours & (1 << UInt64(hour)) != 0 {
            for minute in 0..<60 where schedule.minutes & (1 << UInt64(minute)) != 0 {
                let moved = hour * 60 + minute - shiftMinutes
                let dayShift = moved >= 0 ? moved / 1440 : -((1439 - moved) / 1440)
                let time = moved - dayShift * 1440
                byDayShift[dayShift, default: [:]][time / 60, default: 0] |= 1 << UInt64(time % 60)
            }
        }
        var result: [Piece] = []
        for dayShift in byDayShift.keys.sorted() {
            var hoursByMinutes: [UInt64: UInt64] = [:]
            for (hour, minutes) in byDayShift[dayShift]! { hoursByMinutes[minutes, default: 0] |= 1 << UInt64(hour) }
            let (days, widened) = self.days(dayShift: dayShift, months: months)
            for minutes in hoursByMinutes.keys.sorted() {
                result.append(Piece(minutes: minutes, hours: hoursByMinutes[minutes]!, days: days, widened: widened))
            }
        }
        return result
    }

    private static let allMonths: UInt64 = 0b1_1111_1111_1110

    /// The day fields and months of the UTC days the schedule's times move to by `dayShift`.
    /// Moving to another day may move to another month too; when the day fields cannot follow
    /// (days of the month, `L`, `#`), every day is listed and the run-time filter decides.
    private func days(dayShift: Int, months: UInt64) -> (CronSchedule, widened: Bool) {
        var days = schedule
        days.minutes = 0
        days.hours = 0
        days.months = months
        if dayShift == 0 { return (days, false) }
        if months != Self.allMonths {
            var neighbours: UInt64 = 0
            for month in 1...12 where months & (1 << UInt64(month)) != 0 {
                let other = (month - 1 + dayShift + 12) % 12 + 1
                neighbours |= 1 << UInt64(other)
            }
            days.months = months | neighbours
        }
        let widenedMonths = days.months != months
        switch schedule.dayRule {
        case .everyDay:
            return (days, widenedMonths)
        case .dayOfMonthOnly where schedule.dayOfMonthIsPlain:
            // Day d moves to d-1 (the 1st to the last day of the month before: 28-31) or d+1 (a
            // day from the 28th on may be the last, followed by the 1st).
            var moved: UInt64 = 0
            for day in 1...31 where schedule.daysOfMonth & (1 << UInt64(day)) != 0 {
                if dayShift < 0 {
                    if day == 1 { for last in 28...31 { moved |= 1 << UInt64(last) } } else { moved |= 1 << UInt64(day - 1) }
                } else {
                    if day < 31 { moved |= 1 << UInt64(day + 1) }
                    if day >= 28 { moved |= 1 << 1 }
                }
            }
            days.daysOfMonth = moved
            return (days, true)
        case .dayOfWeekOnly where schedule.dayOfWeekIsPlain:
            days.weekdays = 0
            for weekday in 0..<7 where schedule.occurrences(of: weekday) != 0 {
                days.addOccurrences(CronSchedule.anyOccurrence, weekday: (weekday + dayShift + 7) % 7)
            }
            return (days, widenedMonths)
        default:
            days.daysOfMonth = CronSchedule.allDaysOfMonth
            days.lastDayOfMonth = false
            days.lastWeekdayOfMonth = false
            days.nearestWeekdays = 0
            days.weekdays = 0
            for weekday in 0..<7 { days.addOccurrences(CronSchedule.anyOccurrence, weekday: weekday) }
            days.dayOfMonthIsStar = true
            days.dayOfWeekIsStar = true
            days.requiresBothDays = false
            return (days, true)
        }
    }

    /// Pieces with the same minutes and day fields become one cron listing the hours and months of
    /// all of them. Where each piece fires once a day, Vercel keeps them apart: its Hobby plan
    /// refuses a cron that fires twice a day, and accepts two that fire once.
    private func merge(_ pieces: [Piece]) -> [Piece] {
        let firesOnceADay = schedule.hours.nonzeroBitCount * schedule.minutes.nonzeroBitCount == 1
        let keepHoursApart = platform == .vercel && firesOnceADay
        var merged: [Piece] = []
        for piece in pieces {
            var key = piece.days
            key.months = 0
            if let index = merged.firstIndex(where: { existing in
                var other = existing.days
                other.months = 0
                return existing.minutes == piece.minutes && other == key && (!keepHoursApart || existing.hours == piece.hours)
            }) {
                let before = merged[index]
                merged[index].hours |= piece.hours
                merged[index].days.months |= piece.days.months
                // Listing both hours in both pieces' months fires at times neither piece had.
                let crossed = before.hours != piece.hours && before.days.months != piece.days.months
                merged[index].widened = before.widened || piece.widened || crossed
            } else {
                merged.append(piece)
            }
        }
        return merged
    }
}
