/// `cloudflare.container` and `vercel.origin` under a preset that does not read them: a warning
/// at the key (an error under `--strict`), so that a build for the wrong platform does not look
/// like the deployment it was meant to be. Writes nothing.
package struct PlatformKeyNotice: PresetOutput {
    package init() {}

    package func applies(to preset: Preset) -> Bool { true }

    package func inputPaths(config: NitroConfig, preset: Preset) -> [String] { [] }

    package func render(_ context: PresetContext) -> PresetRendering {
        let config = context.model.config
        let preset = context.model.preset
        var diagnostics: [Diagnostic] = []
        if let container = config.cloudflareContainer, preset != .cloudflareModule, preset != .cloudflareDurable {
            diagnostics.append(
                .warning(
                    container.location,
                    "`cloudflare.container` is read only by the presets cloudflare_module and cloudflare_durable, not \(preset.rawValue): no Worker is written"
                ))
        }
        if let origin = config.vercelOrigin, preset != .vercel {
            diagnostics.append(
                .warning(origin.location, "`vercel.origin` is read only by the preset vercel, not \(preset.rawValue): no route is written"))
        }
        return PresetRendering(diagnostics: diagnostics)
    }
}
