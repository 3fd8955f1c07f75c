import NitroBuild

/// `nitro build`: scan the tasks, read the config, merge, and generate the Swift registry
/// (and, per preset, the platform files).
enum BuildCommand: SynchronousCommand {
    static let name = "build"
    static let summary = "Scan tasks, merge the config and generate the registry and platform files"
    static let usage = "nitro build [--root DIR] [--preset NAME] [--check | --dry-run] [--strict] [--verbose]"
    static let introduction = """
        Finds the task files under the tasks/ folder of a Swift target (Sources/App/tasks/db/migrate.swift
        is the task db:migrate), reads nitro.config.ts / .mts / .js / .mjs / .json, merges the tasks the
        config registers, and writes the registry the app compiles (TaskRegistry.generated), by default
        next to the tasks/ folder: Sources/App/NitroTasks.generated.swift.
        """
    static let options: [CommandOption] = [
        .value("--root", "DIR", "The project root, the folder holding the config (default: the current folder)"),
        .value(
            "--preset", "NAME",
            """
            The deployment target; overrides NITRO_PRESET and the config's `preset`
            (node_server by default; dev, node_cluster, node_middleware, bun, deno_server,
            cloudflare_module, cloudflare_durable, cloudflare_pages, vercel; `-` works too)
            """),
        .flag("--check", "Write nothing; exit 1 and show a diff when a generated file is missing or stale"),
        .flag("--dry-run", "Write nothing; print each file that would change, as a diff"),
        .flag(
            "--json",
            """
            (with --dry-run) Print the plan as JSON: {"preset", "tasks", "schedules",
            "files": [{"path", "status", "diff"?}], "diagnostics": [...]}
            """),
        .value(
            "--registry-output", "FILE",
            """
            Write only the registry, to FILE instead of its place in the project (the
            SwiftPM build plugin uses this); an error if a registry is also committed there
            """),
        .value(
            "--registry-target", "NAME",
            """
            (with --registry-output) When several targets have tasks/, the target whose
            registry to write (the build plugin passes the target it is applied to)
            """),
        .flag("--strict", "Treat warnings as errors"),
        .flag(
            "--verbose",
            """
            Also print how the project was read (`note:` lines on stderr): the targets
            found in Package.swift, or why it could not be read statically
            """),
    ]
    static let epilogue = """
        Diagnostics go to stderr as `path:line:column: error|warning: message`, relative to the root.
        Exit status: 0 success (warnings allowed), 1 errors or stale files (--check), 64 bad usage.
        Files are written atomically, and only when their bytes change.

        EXAMPLES:
          nitro build                               Generate the registry for the project here
          nitro build --root Fixtures/basic         ... for the project in Fixtures/basic
          nitro build --check                       Pre-commit / CI gate: is the committed registry current?
          nitro build --preset vercel --strict      CI build for Vercel, warnings fail the build
          nitro build --dry-run                     Show what would change
          nitro build --dry-run --json              ... as JSON, for scripts
        """

    static func runSynchronously(_ arguments: inout Arguments, context: CommandContext) throws -> Int32 {
        let rootOption = try arguments.option("--root")
        let presetOption = try arguments.option("--preset")
        let check = arguments.flag("--check")
        let dryRun = arguments.flag("--dry-run")
        let strict = arguments.flag("--strict")
        let verbose = arguments.flag("--verbose")
        let json = arguments.flag("--json")
        let registryOutput = try arguments.option("--registry-output")
        let registryTarget = try arguments.option("--registry-target")
        try arguments.finish()
        if registryTarget != nil && registryOutput == nil {
            throw UsageError("'--registry-target' needs '--registry-output'")
        }
        if check && dryRun {
            throw UsageError("'--check' and '--dry-run' cannot be used together")
        }
        if json && !dryRun { throw UsageError("'--json' needs '--dry-run'") }
        if registryOutput != nil && (check || dryRun) {
            throw UsageError("'--registry-output' cannot be used with '--check' or '--dry-run'")
        }
        if let registryOutput, registryOutput.isEmpty { throw UsageError("Missing value for '--registry-output'") }
        if let rootOption, rootOption.isEmpty { throw UsageError("Missing value for '--root'") }
        let root = FileSystem.absolute(rootOption ?? ".", from: context.currentDirectory)
        guard FileSystem.isDirectory(root) else {
            throw UsageError("The folder '\(rootOption ?? root)' given to '--root' does not exist")
        }
        var options = BuildOptions(strict: strict)
        if let presetOption {
            guard Preset(name: presetOption) != nil else {
                throw UsageError(
                    "The value '\(presetOption)' for '--preset' is not a known preset; \(Preset.unknownMessage(presetOption))"
                )
            }
            options.presetOverride = (presetOption, "--preset")
        } else if let environment = context.environment["NITRO_PRESET"], !environment.isEmpty {
            options.presetOverride = (environment, "NITRO_PRESET")
        }
        let mode: BuildRunner.Mode
        if let registryOutput {
            mode = .registryOnly(FileSystem.absolute(registryOutput, from: context.currentDirectory), target: registryTarget)
        } else {
            mode = check ? .check : dryRun ? (json ? .dryRunJSON : .dryRun) : .write
        }
        return BuildRunner(root: root, mode: mode, options: options, console: context.console, verbose: verbose).run()
    }
}
