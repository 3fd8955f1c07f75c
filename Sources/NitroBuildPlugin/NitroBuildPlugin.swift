import Foundation
import PackagePlugin

/// The build-tool plugin: generates a target's task registry (`TaskRegistry.generated`) at build
/// time, so nothing generated is committed.
///
/// Apply it to the target holding `tasks/`:
/// ```swift
/// .executableTarget(
///     name: "App",
///     dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")],
///     plugins: [.plugin(name: "NitroBuildPlugin", package: "nitro-tasks")]
/// )
/// ```
///
/// It runs `nitro build --root PACKAGE --registry-output WORKDIR/GeneratedTaskRegistry.swift
/// --registry-target TARGET` (the target's name picks its registry when several targets have tasks).
/// Inputs are every Swift file of the target (task files and config handler files) and the config
/// files at the package root; so the command runs again when a task file is added, removed or
/// edited, and not on a build where nothing changed. The target must not also contain a committed
/// registry (`nitro build` reports it as an error with its path; the output's file name differs from
/// the committed registry's so that SwiftPM's "multiple producers" error does not hide that message).
@main
struct NitroBuildPlugin: BuildToolPlugin {
    /// The config file names `nitro build` reads at the project root.
    static let configNames = [
        "nitro.config.ts", "nitro.config.mts", "nitro.config.js", "nitro.config.mjs", "nitro.config.json",
    ]

    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedTaskRegistry.swift")
        var inputs = module.sourceFiles(withSuffix: "swift").map(\.url)
        for name in Self.configNames {
            let config = root.appending(path: name)
            if FileManager.default.fileExists(atPath: config.path) { inputs.append(config) }
        }
        return [
            .buildCommand(
                displayName: "Generating the task registry of \(target.name) (nitro build)",
                executable: try context.tool(named: "nitro").url,
                arguments: [
                    "build", "--root", root.path, "--registry-output", output.path, "--registry-target", target.name,
                ],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
