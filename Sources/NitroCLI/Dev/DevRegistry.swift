import NitroBuild
import NitroJSON

/// How `nitro dev` gets the app's registry without fighting `nitro build`: it never writes
/// anything `nitro build` would not write byte for byte.
///
/// - When a target applies `NitroBuildPlugin`, the plugin generates the registry inside
///   `swift build`, so dev writes nothing (a registry in `Sources/` would be rejected by the plugin
///   and break the build).
/// - Otherwise it plans exactly as `nitro build` (the config's preset, or `NITRO_PRESET`) and
///   writes only the registry, when its bytes differ; platform files (`wrangler.toml`,
///   `vercel.json`) are `nitro build`'s business and are not touched.
///
/// So after a dev session `nitro build --check` passes whenever it passed before.
enum DevRegistry {
    /// Whether a target of the package (its `swift package dump-package` JSON) applies `NitroBuildPlugin`.
    static func usesBuildPlugin(packageDescription json: JSONValue) -> Bool {
        guard case .array(let targets)? = json["targets"] else { return false }
        return targets.contains { target in mentions(target["pluginUsages"], "NitroBuildPlugin") }
    }

    private static func mentions(_ value: JSONValue?, _ text: String) -> Bool {
        switch value {
        case .string(let string)?: return string == text
        case .array(let values)?: return values.contains { mentions($0, text) }
        case .object(let members)?: return members.values.contains { mentions($0, text) }
        default: return false
        }
    }

    /// The options `nitro build` (without flags) uses in this environment.
    static func buildOptions(environment: [String: String]) -> BuildOptions {
        var options = BuildOptions()
        if let preset = environment["NITRO_PRESET"], !preset.isEmpty { options.presetOverride = (preset, "NITRO_PRESET") }
        return options
    }

    /// Plans as `nitro build` and writes the registry if it changed; prints the diagnostics.
    /// Returns false when the project has errors (nothing is written then).
    static func generate(root: String, environment: [String: String], console: Console) -> Bool {
        let (plan, _, _) = BuildRunner.prepare(root: root, options: buildOptions(environment: environment))
        DiagnosticPrinter(console: console).print(plan.diagnostics)
        guard !plan.hasErrors else { return false }
        guard let registry = plan.files.first else { return true }
        let path = root + "/" + registry.path
        FileSystem.removeStaleTemporaries(for: path)
        if FileSystem.hasContents(path, registry.content) { return true }
        do {
            try FileSystem.writeAtomically(registry.content, to: path, confinedTo: ProjectRoot(root).real)
            console.err("wrote \(PrintableText.escape(registry.path))")
            return true
        } catch {
            console.err("\(console.style("error:", "1;31")) \(PrintableText.escape(error.description))")
            return false
        }
    }
}
