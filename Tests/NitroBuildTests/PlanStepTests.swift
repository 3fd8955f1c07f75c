import Testing

@testable import NitroBuild

/// A preset step and a validator as issue 6 and the cron engine will plug in.
struct MarkerOutput: PresetOutput {
    func applies(to preset: Preset) -> Bool { preset == .vercel }
    func inputPaths(config: NitroConfig, preset: Preset) -> [String] { [".vercel/output/config.json"] }
    func render(_ context: PresetContext) -> PresetRendering {
        let existing = context.inputs[".vercel/output/config.json"]?.text ?? "none"
        let crons = context.model.schedules.map { $0.platformCrons["vercel"]?.joined(separator: "+") ?? "?" }.joined(separator: ",")
        return PresetRendering(
            files: [GeneratedFile(path: ".vercel/output/config.json", text: "\(existing)|\(crons)\n")],
            diagnostics: [.warning(context.model.schedules.first?.cron.location, "marker")])
    }
}

struct UppercaseValidator: ScheduleValidator {
    func validate(_ schedule: PlannedSchedule, context: ScheduleValidationContext) -> ScheduleValidation {
        if schedule.cron.value == "bad" {
            return ScheduleValidation(diagnostics: [.error(schedule.cron.location, "bad cron")])
        }
        return ScheduleValidation(platformCrons: ["vercel": [schedule.cron.value.uppercased() + "@" + context.timeZone]])
    }
}

@Suite("Plan steps: preset outputs and schedule validation plug in")
struct PlanStepTests {
    let planner = BuildPlanner(presetOutputs: [MarkerOutput()], scheduleValidator: UppercaseValidator())

    @Test("a preset step reads its inputs and adds files; the validator fills platform crons")
    func steps() {
        let files = [
            "nitro.config.ts":
                "export default { experimental: { tasks: true }, preset: 'vercel', scheduledTasks: { '@daily': 'a' } }",
            "Sources/App/tasks/a.swift": "let a = defineTask { _ in }",
            ".vercel/output/config.json": "old",
        ]
        let plan = InMemoryProject(files).plan(planner: planner)
        #expect(plan.files.map(\.path) == ["Sources/App/NitroTasks.generated.swift", ".vercel/output/config.json"])
        #expect(plan.files[1].bytes == Array("old|@DAILY@UTC\n".utf8))
        #expect(plan.diagnostics.map(\.description) == ["nitro.config.ts:1:85: warning: marker"])
        let registry = String(decoding: plan.files[0].bytes, as: UTF8.self)
        #expect(registry.contains(#".init(cron: "@daily", tasks: ["a"], platformCrons: ["vercel": "@DAILY@UTC"]),"#))
    }

    @Test("the step does not run for other presets; validation errors stop the build")
    func otherPreset() {
        let files = [
            "nitro.config.ts": "export default { experimental: { tasks: true }, scheduledTasks: { 'bad': 'a' } }",
            "Sources/App/tasks/a.swift": "let a = defineTask { _ in }",
        ]
        let plan = InMemoryProject(files).plan(planner: planner)
        #expect(plan.files.count == 1)
        #expect(plan.diagnostics.map(\.description) == ["nitro.config.ts:1:67: error: bad cron"])
        #expect(plan.hasErrors)
    }
}
