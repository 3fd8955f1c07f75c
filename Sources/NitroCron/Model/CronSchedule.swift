/// A parsed cron expression as sets of allowed values: the model that searching, checking and
/// translating work on. Bit `n` of a mask is set when value `n` is allowed.
struct CronSchedule: Sendable, Hashable {
    /// Seconds 0-59.
    var seconds: UInt64 = 0
    /// Minutes 0-59.
    var minutes: UInt64 = 0
    /// Hours 0-23.
    var hours: UInt64 = 0
    /// Plain days of the month 1-31.
    var daysOfMonth: UInt64 = 0
    /// `L` in day-of-month: the last day of the month.
    var lastDayOfMonth = false
    /// `LW` in day-of-month: the last weekday (Monday-Friday) of the month.
    var lastWeekdayOfMonth = false
    /// `nW` in day-of-month: the weekday nearest to day n, within the month (bits 1-31).
    var nearestWeekdays: UInt64 = 0
    /// Months 1-12.
    var months: UInt64 = 0
    /// For each weekday (0 = Sunday) 8 bits at `8 * weekday`: bits 0-4 the 1st-5th occurrence in
    /// the month, bit 5 the last one. A plain weekday has all six bits.
    var weekdays: UInt64 = 0
    /// Allowed years, or nil for every year.
    var years: YearSet?
    /// Day-of-month was written as a literal `*` (croner's `starDOM`).
    var dayOfMonthIsStar = false
    /// Day-of-week was written as a literal `*` (croner's `starDOW`).
    var dayOfWeekIsStar = false
    /// Day-of-week started with `+`: both day fields must match (croner's OCPS AND mode).
    var requiresBothDays = false

    static let anyOccurrence: UInt8 = 0b11_1111
    static let lastOccurrence: UInt8 = 0b10_0000
    static let allDaysOfMonth: UInt64 = 0xFFFF_FFFE  // bits 1-31

    /// The occurrence bits of one weekday.
    @inline(__always)
    func occurrences(of weekday: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: weekdays >> UInt64(8 * weekday))
    }

    mutating func addOccurrences(_ bits: UInt8, weekday: Int) {
        weekdays |= UInt64(bits) << UInt64(8 * weekday)
    }

    /// Every plain day 1-31 is listed (so day-of-month matches every day on its own).
    var dayOfMonthCoversAll: Bool { daysOfMonth & Self.allDaysOfMonth == Self.allDaysOfMonth }

    /// Every weekday is listed without an occurrence restriction.
    var dayOfWeekCoversAll: Bool {
        (0..<7).allSatisfy { occurrences(of: $0) & 0x1F == 0x1F }
    }

    /// Day-of-month uses only plain days (no `L`, `LW`, `W`).
    var dayOfMonthIsPlain: Bool { !lastDayOfMonth && !lastWeekdayOfMonth && nearestWeekdays == 0 }

    /// Day-of-week uses only plain weekdays (no `#`, no `L`).
    var dayOfWeekIsPlain: Bool {
        (0..<7).allSatisfy {
            let o = occurrences(of: $0); return o == 0 || o == Self.anyOccurrence
        }
    }
}

/// How the two day fields combine, once croner's rules are applied.
enum DayRule: Equatable {
    /// Every day matches.
    case everyDay
    /// Only day-of-month decides.
    case dayOfMonthOnly
    /// Only day-of-week decides.
    case dayOfWeekOnly
    /// A day matches when either field matches (croner's default, like Vixie cron).
    case either
    /// A day matches when both fields match (`+` in day-of-week).
    case both
}

extension CronSchedule {
    /// The effective combination of the day fields (a field that lists every day counts as such).
    var dayRule: DayRule {
        let domAll = dayOfMonthIsStar || dayOfMonthCoversAll
        let dowAll = dayOfWeekIsStar || dayOfWeekCoversAll
        if dayOfWeekIsStar { return domAll ? .everyDay : .dayOfMonthOnly }
        if dayOfMonthIsStar { return dowAll ? .everyDay : .dayOfWeekOnly }
        if requiresBothDays {
            if domAll { return dowAll ? .everyDay : .dayOfWeekOnly }
            return dowAll ? .dayOfMonthOnly : .both
        }
        return domAll || dowAll ? .everyDay : .either
    }
}
