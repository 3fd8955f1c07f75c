import Foundation

/// A cron expression, read and evaluated as croner 10 (Nitro's scheduler) does with its default
/// options, in an IANA time zone.
///
/// ```swift
/// let daily = try CronExpression("30 2 * * *", timeZone: TimeZone(identifier: "Europe/Berlin")!)
/// let next = daily.next(after: .now)
/// ```
///
/// Five fields (minute hour day-of-month month day-of-week), six (seconds first) or seven (year
/// last); `*`, `?`, lists, ranges, `*/n` and `a-b/n` steps, names, `L`, `LW`, `nW`, `nL`, `n#k`,
/// `+` (both day fields must match) and the nicknames `@yearly` … `@hourly`. When both day
/// fields are restricted a day matches if either does; only a literal `*` counts as unrestricted.
/// Docs/Cron.md lists where this type deliberately differs from croner (it is right where croner
/// is not: days that a month lacks, DOM overflow, instants before the start in a repeated hour).
///
/// An ISO-8601 date-time instead of fields is a one-shot pattern, as in croner: it fires once.
/// With `Z` or an offset (`2030-01-01T00:00:00Z`, `2030-01-01T09:00:00+02:00`) it is that
/// instant, whatever the time zone; without one (`2030-01-01T09:00:00`) it is a wall-clock time
/// in the time zone.
///
/// Two expressions are equal when their text and time zone are equal.
public struct CronExpression: Sendable, Hashable {
    /// The text as given.
    public let source: String
    /// The zone whose wall-clock time the fields describe.
    public let timeZone: TimeZone
    /// Things that are legal but probably not what the author meant.
    public let warnings: [CronWarning]

    let parsed: ParsedExpression
    let zone: ZoneRules

    var schedule: CronSchedule { parsed.schedule }

    /// Whether this is a one-shot pattern (an ISO-8601 date-time), which fires once.
    public var isOneShot: Bool { parsed.oneShot != nil }

    /// Parses and checks an expression.
    ///
    /// - Parameters:
    ///   - text: The expression, such as `"0 9 * * MON-FRI"` or `"@daily"`.
    ///   - timeZone: The zone whose wall-clock time the fields describe; UTC by default.
    /// - Throws: ``CronError`` naming the field and column of the first problem, or saying that
    ///   the expression can never fire (`0 0 30 2 *`).
    public init(_ text: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws(CronError) {
        let parsed = try CronParser.parse(text)
        try CronChecks.checkCanFire(parsed)
        self.source = text
        self.parsed = parsed
        self.warnings = CronChecks.warnings(parsed)
        if let offset = parsed.oneShot?.offset {
            // An absolute instant: its own offset, whatever zone the schedules use.
            self.timeZone = offset == 0 ? TimeZone(identifier: "UTC")! : TimeZone(secondsFromGMT: Int(offset)) ?? timeZone
            self.zone = ZoneRules.fixed(offset)
        } else {
            self.timeZone = timeZone
            self.zone = ZoneRules.rules(for: timeZone)
        }
    }

    /// The first instant strictly after `date` at which the expression fires, at a whole second;
    /// nil only when there is none before the year 10000.
    ///
    /// A wall-clock time that a forward clock change skips fires at the instant it would have with
    /// the offset before the change (02:30 on a night clocks jump from 02:00 to 03:00 fires at
    /// 03:30); a wall-clock time that a backward change repeats fires once, at its first instant.
    /// Successive calls, each from the previous result, never repeat or go back.
    public func next(after date: Date) -> Date? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds < Double(CronSchedule.endOfTime) else { return nil }
        let after = seconds < Double(CronSchedule.startOfTime) ? CronSchedule.startOfTime - 1 : Int64(seconds)
        return nextInstant(after: after).map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// The next `count` instants after `date`, each strictly after the one before.
    public func next(count: Int, after date: Date) -> [Date] {
        var result: [Date] = []
        result.reserveCapacity(max(count, 0))
        var cursor = date
        while result.count < count, let next = next(after: cursor) {
            result.append(next)
            cursor = next
        }
        return result
    }

    /// Whether the expression fires at `date`, taken to the whole second as croner does: whether
    /// ``next(after:)`` from one second earlier is `date`. An instant in the second pass of a
    /// repeated hour does not match (it never fires).
    public func matches(_ date: Date) -> Bool {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= Double(CronSchedule.startOfTime), seconds < Double(CronSchedule.endOfTime) else { return false }
        let instant = Int64(seconds)
        return nextInstant(after: instant - 1) == instant
    }

    /// The search in seconds since the epoch.
    @inline(__always)
    func nextInstant(after instant: Int64) -> Int64? {
        if let offset = zone.fixedOffset {
            return schedule.nextWallTime(atOrAfter: instant + offset + 1).map { $0 - offset }
        }
        var wall = zone.firstWallTime(after: instant)
        for _ in 0..<4096 {
            guard let candidate = schedule.nextWallTime(atOrAfter: wall) else { return nil }
            let result = zone.instant(atWallTime: candidate)
            if result > instant { return result }
            // Started in the skipped range just after a forward change and found nothing there:
            // continue from the wall-clock time after `instant` (earlier ones are past).
            let following = zone.wallTime(at: instant) + 1
            if candidate < following {
                wall = following
                continue
            }
            // `instant` is in the second pass of a repeated hour and the candidate's first pass is
            // already over: continue after the repeated wall-clock times.
            guard let end = zone.endOfRepeatedWallTime(around: instant), end > candidate else {
                wall = candidate + 1
                continue
            }
            wall = end
        }
        return nil
    }

    /// Equal when the text and the time zone are equal.
    public static func == (lhs: CronExpression, rhs: CronExpression) -> Bool {
        lhs.source == rhs.source && lhs.timeZone.identifier == rhs.timeZone.identifier
    }

    /// Hashes the text and the time zone.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(timeZone.identifier)
    }
}
