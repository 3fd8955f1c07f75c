/// A platform whose own scheduler reads cron expressions in its own dialect.
public enum CronPlatform: String, Sendable, CaseIterable {
    /// Cloudflare Workers Cron Triggers: UTC, five fields, weekdays 1-7 with 1 = Sunday,
    /// names, `L`/`W` in day-of-month and `L`/`#` in day-of-week; both day fields combine with OR.
    case cloudflare
    /// Vercel Cron Jobs: UTC, five fields, numbers only, no `L`/`W`/`#`, and not both day fields.
    case vercel

    /// The name used in messages.
    public var displayName: String {
        switch self {
        case .cloudflare: "Cloudflare"
        case .vercel: "Vercel"
        }
    }
}
