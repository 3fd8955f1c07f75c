/// One field of a cron expression.
public enum CronField: String, Sendable, CaseIterable {
    /// Seconds, 0-59 (the first of six or seven fields).
    case second
    /// Minutes, 0-59.
    case minute
    /// Hours, 0-23.
    case hour
    /// Day of the month, 1-31, with `L`, `LW` and `nW`.
    case dayOfMonth
    /// Day of the week, 0-7 (0 and 7 are Sunday) or `SUN`-`SAT`, with `nL` and `n#k`.
    case dayOfWeek
    /// Month, 1-12 or `JAN`-`DEC`.
    case month
    /// Year, 1-9999 (the seventh field).
    case year

    /// The name used in messages (`day-of-month`).
    public var displayName: String {
        switch self {
        case .second: "second"
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .dayOfWeek: "day-of-week"
        case .month: "month"
        case .year: "year"
        }
    }
}
