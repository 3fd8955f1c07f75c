import Foundation
import NitroCron

/// The schedule validator `nitro build` uses: every expression goes through the cron engine for
/// every preset (an invalid one is an error at its config line, a surprising one a warning), and
/// for presets whose platform runs the schedules it is translated into that platform's dialect.
/// The translated strings are what the platform sends back, so they become the registry's
/// `platformCrons[platform]`: one, or several for a zone that changes its UTC offset (the app
/// then runs the tasks only at the invocations that are instants of the schedule in its zone).
package struct CronScheduleValidator: ScheduleValidator {
    package init() {}

    /// The platform whose own scheduler runs the schedules of `preset` (`nil`: in-process or none).
    package static func platform(for preset: Preset) -> CronPlatform? {
        switch preset {
        case .cloudflareModule, .cloudflareDurable: .cloudflare
        case .vercel: .vercel
        default: nil
        }
    }

    package func validate(_ schedule: PlannedSchedule, context: ScheduleValidationContext) -> ScheduleValidation {
        let basic = BasicScheduleValidator().validate(schedule, context: context)
        if basic.diagnostics.hasErrors { return basic }
        // UTC as Foundation's fixed zone: `TimeZone(identifier: "UTC")` loads the ICU zone
        // database, a noticeable part of a short `nitro build --check`; the instants are the same.
        let zone = context.timeZone == "UTC" ? TimeZone.gmt : TimeZone(identifier: context.timeZone) ?? TimeZone.gmt
        let cron = schedule.cron
        let expression: CronExpression
        do {
            expression = try CronExpression(cron.value, timeZone: zone)
        } catch {
            return ScheduleValidation(diagnostics: [.error(Self.place(cron, column: error.column), error.message)])
        }
        var diagnostics = expression.warnings.map { Diagnostic.warning(Self.place(cron, column: $0.column), $0.message) }
        if expression.isOneShot, expression.next(after: context.now) == nil {
            diagnostics.append(
                .warning(Self.place(cron, column: 1), "this one-shot date is in the past, so it never fires; remove it or move it ahead"))
        }
        var platformCrons: [String: [String]] = [:]
        if let platform = Self.platform(for: context.preset) {
            do {
                platformCrons[platform.rawValue] = try expression.platformSchedule(for: platform).crons
            } catch {
                diagnostics.append(
                    .error(
                        Self.place(cron, column: error.column),
                        "preset \(context.preset.rawValue): \(error.message)"))
            }
        }
        return ScheduleValidation(diagnostics: diagnostics, platformCrons: platformCrons)
    }

    /// The place of column `column` (1-based, in the expression) inside the config: the config
    /// location is the opening quote of the key, so the expression's first byte is one further.
    static func place(_ cron: Located<String>, column: Int?) -> SourceLocation {
        var location = cron.location
        if let column, column >= 1 { location.column += column }
        return location
    }
}
