import Foundation
/// A step that adds deployment files for some presets (Cloudflare `wrangler.json`, Vercel
/// `config.json`, …). Registered in ``BuildPlanner/presetOutputs``; runs after merging and
/// schedule validation, in registration order.
package protocol PresetOutput: Sendable {
    /// Whether the step runs for `preset`.
    func applies(to preset: Preset) -> Bool
    /// Root-relative project files the step wants to read (an existing `wrangler.toml`,
    /// `.vercel/output/config.json`, …); the edge reads those that exist into ``PresetContext/inputs``.
    func inputPaths(config: NitroConfig, preset: Preset) -> [String]
    /// The files to write and the findings (diagnostics at config lines via the `Located` values).
    func render(_ context: PresetContext) -> PresetRendering
}

/// What a preset step sees.
package struct PresetContext: Sendable {
    /// The merged model: config (with positions), preset, tasks, schedules (with platform crons).
    package var model: BuildModel
    /// The requested input files that exist, by root-relative path.
    package var inputs: [String: SourceFile]
}

/// What a preset step adds to the plan.
package struct PresetRendering: Sendable {
    package var files: [GeneratedFile]
    package var diagnostics: [Diagnostic]

    package init(files: [GeneratedFile] = [], diagnostics: [Diagnostic] = []) {
        self.files = files
        self.diagnostics = diagnostics
    }
}

/// Checks each schedule for the target and gives the exact cron string each platform will send
/// back for it (stored in the registry as `platformCrons`). The planner calls it once per schedule.
package protocol ScheduleValidator: Sendable {
    func validate(_ schedule: PlannedSchedule, context: ScheduleValidationContext) -> ScheduleValidation
}

/// What a schedule validator knows besides the schedule.
package struct ScheduleValidationContext: Sendable {
    package var preset: Preset
    /// IANA name (`scheduler.timezone`, default `UTC`).
    package var timeZone: String
    package var config: NitroConfig
    /// The time one-shot dates are compared with (a date before it never fires).
    package var now: Date = Date()
}

/// A validator's answer: findings (at `schedule.cron.location`) and platform crons by platform key
/// (`"cloudflare"`, `"vercel"`).
package struct ScheduleValidation: Sendable {
    package var diagnostics: [Diagnostic]
    package var platformCrons: [String: [String]]

    package init(diagnostics: [Diagnostic] = [], platformCrons: [String: [String]] = [:]) {
        self.diagnostics = diagnostics
        self.platformCrons = platformCrons
    }
}

/// The validation used until the cron engine is hooked in: an expression must not be blank.
package struct BasicScheduleValidator: ScheduleValidator {
    package init() {}

    package func validate(_ schedule: PlannedSchedule, context: ScheduleValidationContext) -> ScheduleValidation {
        if schedule.cron.value.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return ScheduleValidation(diagnostics: [
                .error(schedule.cron.location, "a schedule needs a cron expression, such as `* * * * *`")
            ])
        }
        return ScheduleValidation()
    }
}
