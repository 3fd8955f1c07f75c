/// `cloudflare_pages`: Pages has no Cron Triggers, so schedules would silently never run there.
/// Writes nothing; with schedules present it warns (an error under `--strict`) and points to
/// `cloudflare_module`, whose Workers do have Cron Triggers.
package struct CloudflarePagesNotice: PresetOutput {
    package init() {}

    package func applies(to preset: Preset) -> Bool { preset == .cloudflarePages }

    package func inputPaths(config: NitroConfig, preset: Preset) -> [String] { [] }

    package func render(_ context: PresetContext) -> PresetRendering {
        guard let first = context.model.schedules.first else { return PresetRendering() }
        let count = context.model.schedules.count
        return PresetRendering(diagnostics: [
            .warning(
                first.cron.location,
                "Cloudflare Pages has no Cron Triggers, so \(count == 1 ? "this schedule" : "these \(count) schedules") would never run there; deploy with the `cloudflare_module` preset (a Worker with Cron Triggers) instead"
            )
        ])
    }
}
